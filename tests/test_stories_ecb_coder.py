"""ECB+ system mentions from the event coder: trigger offsets map back to corpus token ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.stories.ecb import EcbDoc
from dateline.stories.ecb_coder import coder_record, coder_spans


@dataclass
class _Ev:
    trigger_start: int | None
    trigger_end: int | None


@dataclass
class _Extraction:
    events: tuple[_Ev, ...]


class _FakePipeline:
    """Codes fixed character spans, whatever the text (stands in for the real coder)."""

    def __init__(self, spans: list[tuple[int | None, int | None]]) -> None:
        self.spans = spans
        self.texts: list[str] = []

    def extract_article(self, article: Any, doc: Doc) -> _Extraction:
        self.texts.append(article.text)
        return _Extraction(tuple(_Ev(s, e) for s, e in self.spans))


def _doc() -> tuple[EcbDoc, Doc]:
    words = ["Troops", "shelled", "the", "town", ".", "Police", "set", "fire", "to", "cars"]
    tokens = tuple((10 + i, 0 if i < 5 else 1, w) for i, w in enumerate(words))
    d = EcbDoc("9_1ecb.xml", 9, "9_ecb", tokens, frozenset({0}), ())
    return d, Doc(Vocab(), words=words)


def test_trigger_offsets_become_token_id_spans_in_validated_sentences() -> None:
    d, doc = _doc()
    shelled = doc.text.index("shelled")
    set_fire = doc.text.index("set fire")
    pipe = _FakePipeline([(shelled, shelled + 7), (shelled, shelled + 7),
                          (set_fire, set_fire + 8), (None, None)])
    assert coder_spans(coder_record(pipe, d, doc), d, doc) == [(11,)]  # duplicate merged; sentence 1 not validated
    assert pipe.texts == [doc.text]


def test_multi_token_trigger_keeps_all_its_tokens() -> None:
    d, doc = _doc()
    d = EcbDoc(d.name, d.topic, d.subtopic, d.tokens, frozenset({0, 1}), ())
    start = doc.text.index("set fire")
    record = coder_record(_FakePipeline([(start, start + 8)]), d, doc)
    assert coder_spans(record, d, doc) == [(16, 17)]
