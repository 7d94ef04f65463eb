"""Ingestion behind the API and the feed watcher: article dicts in, stored records out.

The extraction pipeline (spaCy and the knowledge bases) is loaded once, on the
first ingest, not at server start, so the read-only API comes up at once.
NLP runs outside the write lock; only the store write is serialized.  The rules
(skip known articles, one transaction per article, rejections) are the ingest
service's (:mod:`dateline.ingest.service`), which the CLI and the Dask path share.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.api.db import Database
from dateline.ingest.prepare import content_hash
from dateline.ingest.service import STORE_ERROR, ingest_articles
from dateline.records import ArticleRecord
from dateline.store import WriteResult

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    id: str
    key: str | None
    status: str  # ok | rejected | duplicate
    error: str | None
    reason: str | None
    n_events: int


def default_pipeline_factory(published: str | None) -> Callable[[], Any]:
    def build() -> Any:
        from dateline.pipeline import Pipeline, Settings

        return Pipeline(Settings(published=published))

    return build


class Ingestor:
    """Runs the pipeline on article dicts and writes the records to the database."""

    def __init__(self, db: Database, pipeline_factory: Callable[[], Any]) -> None:
        self.db = db
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._load_lock = threading.Lock()

    @property
    def pipeline(self) -> Any:
        with self._load_lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline

    def ingest(self, articles: Sequence[dict[str, Any]], origin: str = "api") -> list[IngestOutcome]:
        """One outcome per input article, in order (through :func:`dateline.ingest.service.ingest_articles`)."""
        # An article without an id gets one from its content, so ids (and the event ids exports build
        # from them) never repeat across requests the way a position in the batch would.
        items = [a if a.get("id") else {**a, "id": f"{origin}:{content_hash(a.get('text') or a.get('html') or '')[:16]}"}
                 for a in articles]
        summary = ingest_articles(items, _DatabaseStore(self.db), self.pipeline, keep_outcomes=True, totals=False)
        outcomes = []
        for o in summary.outcomes:
            if o.reason == STORE_ERROR:
                log.error("store refused %s: %s", o.id, o.error)
            n_events = o.n_events
            if n_events is None:  # skipped before extraction: the store has the count
                n_events = int(self.db.scalar("SELECT n_events FROM articles WHERE content_hash = ?", [o.key]) or 0)
            outcomes.append(IngestOutcome(o.id, o.key, o.status, o.error, o.reason, n_events))
        return outcomes


class _DatabaseStore:
    """The server's :class:`Database` as the service's store: writes go through its lock (and bump
    its generation), reads through a fresh cursor."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def has(self, key: str) -> bool:
        return self.db.has(key)

    def write(self, records: Iterable[ArticleRecord]) -> WriteResult:
        return self.db.write(records)

    def count(self, status: str | None = None) -> int:
        with self.db.read_store() as store:
            return store.count(status)

    def rejection_summary(self) -> dict[str, int]:
        with self.db.read_store() as store:
            return store.rejection_summary()
