"""The alignment that maps gold spans of a data set's text onto the product's cleaned text."""

from __future__ import annotations

from dateline.eval.align import align
from dateline.ingest.clean import clean_text


def _check(raw: str, word: str) -> None:
    cleaned = clean_text(raw).text
    start = raw.index(word)
    mapped = align(raw, cleaned).span(start, start + len(word))
    assert mapped is not None
    assert cleaned[mapped[0]:mapped[1]] == word


def test_identical_text_maps_spans_unchanged() -> None:
    a = align("Troops entered Mosul.", "Troops entered Mosul.")
    assert a.identical and a.span(15, 20) == (15, 20)


def test_collapsed_spaces_and_joined_paragraphs_shift_offsets() -> None:
    raw = "Troops   entered\tthe city.\n\n\n  Police in  Mosul said so.\nThey left Mosul."
    _check(raw, "Police")
    cleaned = clean_text(raw).text
    start = raw.index("Mosul")
    s, e = align(raw, cleaned).span(start, start + 5) or (0, 0)
    assert cleaned[s:e] == "Mosul" and s != start


def test_span_in_a_removed_line_is_none() -> None:
    raw = "Rebels shelled Aleppo on Monday.\nAdvertisement\nThe army answered from Homs."
    cleaned = clean_text(raw).text
    start = raw.index("Advertisement")
    a = align(raw, cleaned)
    assert a.span(start, start + len("Advertisement")) is None
    homs = raw.index("Homs")
    assert a.span(homs, homs + 4) == (cleaned.index("Homs"), cleaned.index("Homs") + 4)


def test_changed_characters_inside_a_word_still_map() -> None:
    raw = "He said \u2018no\u2019 in Gaza\u200b City today."
    target = "He said 'no' in Gaza City today."
    a = align(raw, target)
    start = raw.index("Gaza")
    s, e = a.span(start, raw.index("City") + 4) or (0, 0)
    assert target[s:e] == "Gaza City"
    q = raw.index("\u2018")
    assert a.span(q, q + 4) == (8, 12)
