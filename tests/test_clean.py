from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.ingest.clean import caption_credit, clean_text, is_debris

PAGE = """Related image

BEIRUT — Hundreds of people marched on the central bank on Thursday, demanding access to their savings.

Share this article

Police blocked the road with armoured vehicles (photos were taken by residents) and later withdrew.

Demonstrators outside the central bank in Beirut. (Jane Roe/Example Wire)
Demonstrators outside the central bank in Beirut. (Jane Roe/Example Wire)

Advertisement

The finance minister said talks with lenders would resume next week.
Subscribe to our newsletter for daily updates"""


def test_debris_lines_go_and_narrative_stays() -> None:
    c = clean_text(PAGE)
    assert "Related image" not in c.text
    assert "Share this article" not in c.text
    assert "Advertisement" not in c.text
    assert "Subscribe" not in c.text
    for sentence in ("Hundreds of people marched", "(photos were taken by residents)",
                     "talks with lenders would resume"):
        assert sentence in c.text
    assert "Related image" in c.removed


def test_duplicated_caption_kept_once_and_marked() -> None:
    c = clean_text(PAGE)
    assert c.text.count("Demonstrators outside the central bank") == 1
    assert len(c.captions) == 1
    cap = c.captions[0]
    assert c.text[cap.start:cap.end].startswith("Demonstrators outside")
    assert cap.credit == "Jane Roe/Example Wire"


def test_dateline_is_found() -> None:
    c = clean_text(PAGE)
    assert c.dateline == "BEIRUT"
    assert c.dateline_span is not None
    assert c.text[c.dateline_span[0]:c.dateline_span[1]] == "BEIRUT"


def test_dateline_with_agency_and_region() -> None:
    c = clean_text("KABUL, Afghanistan (Reuters) - A bomb exploded near a school on Sunday morning.")
    assert c.dateline == "KABUL"


def test_html_captions_are_appended_once() -> None:
    c = clean_text("A long paragraph about the ceasefire talks in the capital.", ("A caption. (A/B)",) * 2)
    assert c.text.count("A caption.") == 1 and len(c.captions) == 1


def test_glued_bullets_are_separated() -> None:
    c = clean_text("●The ministry sent two aircraft.\n●Aid reached the port.")
    assert "● The ministry" in c.text and "● Aid" in c.text


def test_is_debris_is_narrow() -> None:
    assert is_debris("Related image")
    assert is_debris("Read more: the full timeline")
    assert not is_debris("Read the statement, the minister told parliament on Friday.")
    assert not is_debris("Images of the attack spread quickly on social media.")


def test_parenthetical_is_not_a_credit() -> None:
    assert caption_credit("They ate military MREs (meals ready to eat)") is None
    assert caption_credit("A man walks past rubble. (John Smith/Example Agency)") == "John Smith/Example Agency"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaning_never_raises_and_spans_are_inside(text: str) -> None:
    c = clean_text(text)
    for cap in c.captions:
        assert 0 <= cap.start <= cap.end <= len(c.text)
    if c.dateline_span:
        assert c.text[c.dateline_span[0]:c.dateline_span[1]] == c.dateline
