"""The extraction pipeline: input items in, one :class:`ArticleRecord` out per item, in order.

    ingest (read, decode, html, clean, language) → nlp (spaCy) →
    extract (entities/actors, times, places, quotes, events) → record

A :class:`Pipeline` holds the loaded resources (spaCy model, actor knowledge
base, gazetteer) and nothing else: ``pipe`` is a pure function of its input,
so a Dask task or a worker process can run it on a partition.  One bad
article becomes a ``rejected`` record and never stops the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import Reason, Rejection
from dateline.extract import ArticleState, Component, DocContext, check_components, default_components
from dateline.extract.actors import ActorKB
from dateline.extract.events import EventTypeModel
from dateline.extract.places import Geoparser
from dateline.ingest.prepare import content_hash, prepare
from dateline.ingest.sources import BadInput, InputItem, record_to_raw
from dateline.nlp import load_model
from dateline.records import ArticleRecord, CleanArticle, Extraction, RawDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    """Options folded into one validated object and passed down explicitly."""

    published: str | None = None  # default publication date for inputs that carry none
    actor_files: tuple[Path, ...] = ()  # user extensions of the actor knowledge base
    batch_size: int = 8  # articles parsed together; larger batches measured slower (cache, memory)
    events_model: Path | None = None  # ACLED event-type model folder; None: the shipped model


def rejected_record(origin: str, reason: Reason, message: str, stage: str,
                    rid: str | None = None, raw: RawDocument | None = None) -> ArticleRecord:
    key = rid or content_hash(f"rejected:{origin}:{message}")
    fallback: dict[str, Any] | None = None
    if raw is not None:
        fallback = {"title": raw.title, "author": raw.author, "url": raw.url, "source": raw.source,
                    "published": raw.published, "language": raw.language,
                    "dateline": None, "text": "", "captions": [], "warnings": []}
    return ArticleRecord(id=key, status="rejected", error=message, article=None,
                         extraction=Extraction(), origin=origin, stage=stage,
                         reason=reason.value, fallback_article=fallback)


@dataclass
class Pipeline:
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        # Each pipeline owns its resources: its own copy of the spaCy model with its own
        # knowledge base's entity patterns, so two pipelines in one process never interact.
        self.kb = ActorKB.load_default(extra=list(self.settings.actor_files))
        self.nlp = load_model(self.kb.entity_patterns())
        self.geoparser = Geoparser.load_default()
        self.events_model = (EventTypeModel.load(self.settings.events_model)
                             if self.settings.events_model is not None else EventTypeModel.load_default())
        self.components: tuple[Component, ...] = default_components(self.kb, self.geoparser,
                                                                    self.events_model)
        check_components(self.components)

    # -- one article -----------------------------------------------------
    def extract_article(self, article: CleanArticle, doc: Any) -> Extraction:
        state = ArticleState(DocContext(article=article, doc=doc, published=article.published))
        for component in self.components:
            state = component(state)
        # The contract's main event is events[0]: most confident first (stable, so ties keep text order).
        events = tuple(sorted(state.events, key=lambda e: -e.confidence))
        return Extraction(entities=state.entities, times=state.times, places=state.places,
                          quotes=state.quotes, events=events)

    def extract_text(self, text: str, published: str | None = None, id: str | None = None) -> ArticleRecord:
        """Convenience: one plain-text article."""
        raw = RawDocument(data=text, kind="text", origin=id or "<text>", id=id, published=published)
        return next(self.pipe([raw]))

    # -- batches ---------------------------------------------------------
    def pipe(self, items: Iterable[InputItem | dict[str, Any]],
             known: Callable[[str], bool] | None = None) -> Iterator[ArticleRecord]:
        """Process items lazily in batches; yields one record per item, in input order.

        ``known(content_hash)`` lets a store skip articles it already holds
        before the (expensive) NLP step; skipped articles yield nothing.
        """
        batch: list[tuple[InputItem, CleanArticle | ArticleRecord]] = []
        for item in items:
            if isinstance(item, dict):
                item = record_to_raw(item, str(item.get("id") or "<record>"))
            prep = self._prepare(item)
            if known is not None and isinstance(prep, CleanArticle) and known(content_hash(prep.text)):
                continue
            batch.append((item, prep))
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _prepare(self, item: InputItem) -> CleanArticle | ArticleRecord:
        if isinstance(item, BadInput):
            return rejected_record(item.origin, item.reason, item.message, "read", item.id)
        try:
            prep = prepare(item, self.settings.published)
        except Rejection as rej:
            return rejected_record(item.origin, rej.reason, rej.message, rej.stage, item.id, item)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
            log.exception("preparing %s failed", item.origin)
            return rejected_record(item.origin, Reason.INTERNAL,
                                   f"{item.origin}: preparing failed ({type(exc).__name__}: {exc})",
                                   "prepare", item.id, item)
        limit = self.nlp.max_length
        if len(prep.text) > limit:
            # Rejected, not split: no news article is this long; see docs/RELIABILITY.md.
            return rejected_record(item.origin, Reason.TOO_LONG,
                                   f"{item.origin}: the cleaned text is {len(prep.text):,} characters, over "
                                   f"the parser's limit of {limit:,}; split it into articles",
                                   "nlp", item.id, item)
        return prep

    def _parse(self, texts: list[str]) -> list[Any]:
        """spaCy docs for ``texts``; an article the parser fails on gets its exception instead."""
        try:
            return list(self.nlp.pipe(texts))
        except Exception:  # noqa: BLE001 - retry one by one so only the bad article is lost
            log.warning("batch parse failed; parsing its %d articles one by one", len(texts))
        docs: list[Any] = []
        for text in texts:
            try:
                docs.append(self.nlp(text))
            except Exception as exc:  # noqa: BLE001
                docs.append(exc)
        return docs

    def _run_batch(self, batch: list[tuple[InputItem, CleanArticle | ArticleRecord]]) -> Iterator[ArticleRecord]:
        articles = [prep for _, prep in batch if isinstance(prep, CleanArticle)]
        docs = iter(self._parse([a.text for a in articles]))
        for _item, prep in batch:
            if isinstance(prep, ArticleRecord):
                yield prep
                continue
            doc = next(docs)
            if isinstance(doc, Exception):
                yield rejected_record(prep.origin, Reason.INTERNAL,
                                      f"{prep.origin}: parsing failed ({type(doc).__name__}: {doc})",
                                      "nlp", prep.id)
                continue
            try:
                extraction = self.extract_article(prep, doc)
            except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
                log.exception("extraction failed for %s", prep.origin)
                yield rejected_record(prep.origin, Reason.INTERNAL,
                                      f"{prep.origin}: extraction failed ({type(exc).__name__}: {exc})",
                                      "extract", prep.id)
                continue
            yield ArticleRecord(id=prep.id, status="ok", error=None, article=prep,
                                extraction=extraction, origin=prep.origin)
