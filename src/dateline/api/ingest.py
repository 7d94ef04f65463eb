"""Ingestion behind the API and the feed watcher: article dicts in, stored records out.

The extraction pipeline (spaCy and the knowledge bases) is loaded once, on the
first ingest, not at server start, so the read-only API comes up at once.
NLP runs outside the write lock; only the store write is serialized.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from dateline.api.db import Database
from dateline.ingest.prepare import content_hash
from dateline.store import record_key

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
        """One outcome per input article, in order."""
        # An article without an id gets one from its content, so ids (and the event ids exports build
        # from them) never repeat across requests the way a position in the batch would.
        items = [a if a.get("id") else {**a, "id": f"{origin}:{content_hash(a.get('text') or a.get('html') or '')[:16]}"}
                 for a in articles]
        records = list(self.pipeline.pipe(items))
        outcomes = []
        for rec in records:
            try:
                result = self.db.write([rec])
            except duckdb.Error as exc:  # the store refused the record (its transaction was rolled back)
                log.error("store refused %s: %s", rec.id, exc)
                outcomes.append(IngestOutcome(rec.id, None, "rejected", f"could not be stored: {exc}",
                                              "store_error", 0))
                continue
            if rec.status != "ok":
                outcomes.append(IngestOutcome(rec.id, None, "rejected", rec.error, rec.reason, 0))
            else:
                outcomes.append(IngestOutcome(rec.id, record_key(rec),
                                              "ok" if result.inserted else "duplicate", None, None,
                                              len(rec.extraction.events)))
        return outcomes
