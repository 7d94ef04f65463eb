"""ECB+ product path: the product's events become system mentions by trigger overlap, and its
merged events become the response clusters."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.eval.ecbplus import product_event_clusters, product_lemma_baseline, product_mentions
from dateline.stories.ecb import EcbDoc, EcbMention

WORDS = ["Troops", "shelled", "the", "town", ".", "Police", "set", "fire", "to", "cars"]


def _doc(validated: frozenset[int] = frozenset({0, 1})) -> tuple[EcbDoc, Doc]:
    tokens = tuple((10 + i, 0 if i < 5 else 1, w) for i, w in enumerate(WORDS))
    gold = (EcbMention("9_1ecb.xml", "m1", "ACTION_OCCURRENCE", 0, (11,), "X:a"),
            EcbMention("9_1ecb.xml", "m2", "ACTION_OCCURRENCE", 1, (16, 17), "X:b"))
    d = EcbDoc("9_1ecb.xml", 9, "9_ecb", tokens, validated, tuple(g for g in gold if g.sentence in validated))
    return d, Doc(Vocab(), words=WORDS)


def _record(text: str, triggers: list[tuple[str, int, int]]) -> dict[str, Any]:
    return {"id": "9_1ecb.xml", "status": "ok", "article": {"text": text},
            "events": [{"id": i, "trigger_start": s, "trigger_end": e} for i, s, e in triggers]}


def test_events_match_gold_by_trigger_overlap_one_to_one() -> None:
    d, doc = _doc()
    text = doc.text.strip()  # the cleaned text drops the trailing space
    shelled, fire = text.index("shelled"), text.index("fire")
    rec = _record(text, [("e1", shelled, shelled + 7), ("e2", shelled, shelled + 7),
                         ("e3", fire, fire + 4), ("e4", 0, 6)])
    ms = product_mentions({d.name: rec}, [d], {d.name: doc})
    by_event = {m.event[1]: m for m in ms}
    assert by_event["e1"].key == ("9_1ecb.xml", 11, 11) and by_event["e1"].matched
    assert not by_event["e2"].matched  # the gold mention is taken: a second event is spurious
    assert by_event["e3"].key == ("9_1ecb.xml", 16, 17)  # part of a multi-token gold mention
    assert not by_event["e4"].matched


def test_events_outside_validated_sentences_are_not_mentions() -> None:
    d, doc = _doc(frozenset({0}))
    text = doc.text
    fire = text.index("fire")
    rec = _record(text, [("e3", fire, fire + 4), ("e0", None, None)])  # type: ignore[list-item]
    assert product_mentions({d.name: rec}, [d], {d.name: doc}) == []


def test_merged_events_are_the_response_clusters() -> None:
    d, doc = _doc()
    text = doc.text
    shelled, fire = text.index("shelled"), text.index("fire")
    rec = _record(text, [("e1", shelled, shelled + 7), ("e3", fire, fire + 4), ("e4", 0, 6)])
    ms = product_mentions({d.name: rec}, [d], {d.name: doc})
    mention = SimpleNamespace
    story: Any = SimpleNamespace(events=[
        SimpleNamespace(mentions=[mention(key=(d.name, "e1")), mention(key=(d.name, "e3"))])])
    clusters = product_event_clusters([story], ms)
    assert sorted(map(len, clusters)) == [1, 2]  # e4 is in no canonical event: alone
    assert len(product_lemma_baseline({d.name: "s1"}, ms)) == 1  # no lemmas here: one group
