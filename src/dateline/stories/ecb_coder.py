"""ECB+ system event mentions from the project's own event coder.

Each ECB+ document is parsed from its corpus tokens (joined by single spaces,
so character offsets map back to token ids), run through
:meth:`dateline.pipeline.Pipeline.extract_article`, and every coded event's
trigger span (``Event.trigger_start`` / ``trigger_end``) becomes a mention
``(document, first token id, last token id)`` when it lies in a validated
sentence.  The coder only codes PLOVER event types (conflict, protest,
disaster, crime, political acts), so it finds fewer of ECB+'s mentions
(awards, product launches, sports) than a verb detector; its precision is
what it offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from dateline.records import ArticleRecord, CleanArticle
from dateline.stories.ecb import EcbDoc
from dateline.stories.ecb_features import MentionFeatures, mention_features


def token_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of each token of ``doc`` in ``doc.text``."""
    return [(t.idx, t.idx + len(t.text)) for t in doc]


def coder_record(pipeline: Any, d: EcbDoc, doc: Doc) -> ArticleRecord:
    """The pipeline's full record of one ECB+ document (no publication date: ECB+ has none)."""
    article = CleanArticle(id=d.name, text=doc.text, origin="ecbplus")
    return ArticleRecord(id=d.name, status="ok", error=None, article=article,
                         extraction=pipeline.extract_article(article, doc), origin="ecbplus")


def coder_spans(record: ArticleRecord, d: EcbDoc, doc: Doc) -> list[tuple[int, ...]]:
    """Token-id spans of the triggers of the events the coder found in ``d`` (validated
    sentences only), deduplicated, in text order."""
    extraction = record.extraction
    offsets = token_offsets(doc)
    spans: set[tuple[int, ...]] = set()
    for ev in extraction.events:
        if ev.trigger_start is None or ev.trigger_end is None:
            continue
        idx = [i for i, (s, e) in enumerate(offsets) if s < ev.trigger_end and e > ev.trigger_start]
        if not idx:
            continue
        tids = tuple(d.tokens[i][0] for i in idx)
        if all(d.tokens[i][1] in d.validated for i in idx):
            spans.add(tids)
    return sorted(spans)


def coder_mentions(records: dict[str, ArticleRecord], docs: Sequence[EcbDoc],
                   parsed_docs: dict[str, Doc], parsed_sents: dict[tuple[str, int], Doc]
                   ) -> list[MentionFeatures]:
    """Features of the coder's mentions (sentence context from the validated-sentence parse)."""
    out: list[MentionFeatures] = []
    for d in docs:
        sent_of = {t: s for t, s, _ in d.tokens}
        for tids in coder_spans(records[d.name], d, parsed_docs[d.name]):
            sdoc = parsed_sents.get((d.name, sent_of[tids[0]]))
            if sdoc is None or any(t not in sdoc.user_data["t_ids"] for t in tids):
                continue
            out.append(mention_features((d.name, tids[0], tids[-1]), tids, sdoc))
    return out
