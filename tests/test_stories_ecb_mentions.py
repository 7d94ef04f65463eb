"""ECB+ mention features and spaCy system mentions on hand-written sentences."""

from __future__ import annotations

import pytest

from dateline.eval.ecbplus import system_mentions
from dateline.eval.trigger_coref import FEATURES, WEIGHTS, pair_features
from dateline.stories.ecb import EcbDoc
from dateline.stories.ecb_features import head_arguments, mention_features, parse_sentences
from modelcache import shared_model


def _ecb_doc(sentences: list[list[str]]) -> EcbDoc:
    tokens = []
    t = 1
    for s, words in enumerate(sentences):
        for w in words:
            tokens.append((t, s, w))
            t += 1
    return EcbDoc("7_1ecb.xml", 7, "7_ecb", tuple(tokens), frozenset(range(len(sentences))), ())


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_model()


def test_weights_match_features() -> None:
    assert len(WEIGHTS) == len(FEATURES)


def test_phrasal_verb_keeps_its_particle_and_dates_are_no_events(nlp) -> None:  # type: ignore[no-untyped-def]
    words = "The singer checked in to a clinic on Tuesday morning , according to her agent .".split()
    d = _ecb_doc([words])
    found = {m.text for m in system_mentions([d], parse_sentences(nlp, [d]))}
    assert "checked in" in found
    assert "morning" not in found
    assert not any(m.startswith("accord") for m in found)


def test_head_arguments_collect_participants_and_place(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police arrested two men in Leeds on Friday.")
    head = next(t for t in doc if t.lemma_ == "arrest")
    args = head_arguments(head)
    assert {"police", "man", "leeds", "friday"} <= set(args)


def test_shared_arguments_raise_the_pair_score(nlp) -> None:  # type: ignore[no-untyped-def]
    words = [["Police", "arrested", "two", "men", "in", "Leeds", "."],
             ["Officers", "detained", "two", "men", "in", "Leeds", "."],
             ["Troops", "detained", "a", "reporter", "in", "Kabul", "."]]
    d = _ecb_doc(words)
    parsed = parse_sentences(nlp, [d])
    ms = [mention_features((d.name, t, t), [t], parsed[(d.name, s)]) for s, t in ((0, 2), (1, 9), (2, 16))]
    assert [m.lemma for m in ms] == ["arrest", "detain", "detain"]
    same_args = pair_features(ms[0], ms[1])[FEATURES.index("args")]
    other_args = pair_features(ms[1], ms[2])[FEATURES.index("args")]
    assert same_args > other_args

