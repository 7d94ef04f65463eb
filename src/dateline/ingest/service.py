"""The one ingest service: input items in, records in the store, one :class:`IngestSummary` out.

The CLI (``dateline ingest``), the API (``POST /api/articles`` and the feed
watcher) and the Dask path (:func:`dateline.scale.ingest_distributed`, which
returns the same summary type) all go through here; the rules live once:

* **known articles are skipped** before the NLP: an article whose content hash
  (of its cleaned text) the store holds yields no record and counts as
  ``skipped``; so does one the store turns out to hold when it is written (the
  same text twice in one batch);
* **rejections are counted on every run**: ``rejected`` is this run's rejected
  inputs, stored before or not (a rejection's key is a hash of its origin and
  reason, so a rerun finds it stored and reports it again); ``rejected_new`` is
  how many of them were newly stored;
* **every article is stored whole or not at all, on its own**: records are
  written in batches, each one transaction; a batch the store refuses (a
  constraint or conversion error) is written again one transaction per article,
  so only the refused record is lost, reported as a ``store_error`` (a rerun
  retries it), and the rest goes in; an environment failure (disk full,
  read-only, I/O) stops the run and propagates (the CLI exits 3).  A run
  killed mid-batch loses only that uncommitted batch, which a rerun redoes;
* **what a rejected record stores**: one ``articles`` row with status
  ``rejected``, its ``reason``, ``stage`` and ``error`` and the input's own
  metadata (title, url, source, published as far as it is a date), no events,
  quotes or places (:func:`dateline.store.record_rows`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import duckdb

from dateline.records import ArticleRecord
from dateline.store import WriteResult, record_key

STORE_ERROR = "store_error"
WRITE_BATCH = 64  # records per transaction (one per article measured ~30x slower to write: 48 vs 1.6 ms)

# DuckDB errors that are the environment's, not one article's: they stop the run.
ENVIRONMENT_ERRORS: tuple[type[BaseException], ...] = (
    duckdb.IOException, duckdb.FatalException, duckdb.OutOfMemoryException, duckdb.PermissionException,
    duckdb.ConnectionException, duckdb.InterruptException,
)

OutcomeStatus = Literal["ok", "duplicate", "rejected"]


class IngestStore(Protocol):
    """What the service needs of a store: :class:`dateline.store.Store`, or the API's locked writer."""

    def has(self, key: str) -> bool: ...

    def write(self, records: Iterable[ArticleRecord]) -> WriteResult: ...

    def count(self, status: str | None = None) -> int: ...

    def rejection_summary(self) -> dict[str, int]: ...


class RecordPipeline(Protocol):
    def pipe(self, items: Iterable[Any], known: Callable[[str], bool] | None = None) -> Iterator[ArticleRecord]: ...


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    """What happened to one input item (``index``: its position in the input)."""

    index: int
    id: str
    key: str | None  # the store key; None for rejections and records the store refused
    status: OutcomeStatus  # ok: newly stored; duplicate: the store had it; rejected
    origin: str | None = None
    error: str | None = None
    reason: str | None = None
    stage: str | None = None
    n_events: int | None = 0  # None: skipped before extraction (the store has the count)
    stored: bool = False  # a row was added to the store (ok, or a rejection stored for the first time)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did, single-process or on Dask; ``to_dict`` is what ``dateline ingest`` prints.

    The Dask-only fields (partitions...) stay at their defaults on the single-process path.
    """

    inserted: int  # records newly stored (accepted articles and newly stored rejections)
    skipped: int  # articles the store already held
    rejected: int  # this run's rejected inputs, stored before or not
    articles_in_store: int
    rejections_by_reason: dict[str, int]  # the whole store, by reason
    rejections_this_run: dict[str, int]
    rejected_new: int = 0  # rejections newly stored in this run
    accepted: int = 0  # inputs extracted and stored now or before (single-process path)
    store_errors: int = 0  # records the store refused (a re-run retries them)
    store_error_examples: tuple[str, ...] = ()
    rejections: tuple[ArticleOutcome, ...] = ()  # this run's rejected inputs (single-process path)
    outcomes: tuple[ArticleOutcome, ...] = ()  # one per input, in order, when asked for
    distributed: bool = False
    partitions: int = 0
    partitions_resumed: int = 0  # loaded in an earlier run, or computed earlier and only loaded now
    failed_partitions: tuple[str, ...] = ()  # "pid: error"; a re-run retries them
    articles: int = 0
    articles_processed: int = 0  # read and extracted by workers in this run
    seconds: float = 0.0
    output: str = ""
    workers: int = 0

    @property
    def complete(self) -> bool:
        """Every input accepted and stored: no rejection, no store error, no failed partition."""
        return not (self.rejected or self.store_errors or self.failed_partitions)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "inserted": self.inserted, "skipped": self.skipped, "rejected": self.rejected,
            "rejected_new": self.rejected_new, "articles_in_store": self.articles_in_store,
            "rejections_by_reason": self.rejections_by_reason, "rejections_this_run": self.rejections_this_run,
            "store_errors": self.store_errors, "store_error_examples": list(self.store_error_examples)}
        if self.distributed:
            out.update({
                "partitions": self.partitions, "partitions_resumed": self.partitions_resumed,
                "failed_partitions": list(self.failed_partitions), "articles": self.articles,
                "articles_processed": self.articles_processed, "seconds": self.seconds,
                "articles_per_s": round(self.articles_processed / self.seconds, 2) if self.seconds else 0.0,
                "workers": self.workers, "output": self.output})
        return out


@dataclass
class _Tally:
    inserted: int = 0
    skipped: int = 0
    rejected_new: int = 0
    accepted: int = 0
    store_errors: int = 0
    examples: list[str] = field(default_factory=list)
    by_reason: dict[str, int] = field(default_factory=dict)
    rejections: list[ArticleOutcome] = field(default_factory=list)


def _outcome_of(index: int, rec: ArticleRecord, key: str, new: bool) -> ArticleOutcome:
    if rec.status != "ok":
        return ArticleOutcome(index, rec.id, None, "rejected", rec.origin, rec.error, rec.reason, rec.stage, 0,
                              stored=new)
    return ArticleOutcome(index, rec.id, key, "ok" if new else "duplicate", rec.origin,
                          n_events=len(rec.extraction.events), stored=new)


def _item_id(item: Any) -> tuple[str, str | None]:
    """(id, origin) of an input item or article dict, as far as it has them."""
    if isinstance(item, dict):
        rid = item.get("id")
        return str(rid or "<record>"), str(rid) if rid else None
    origin = getattr(item, "origin", None)
    return str(getattr(item, "id", None) or origin or ""), origin


def ingest_articles(items: Iterable[Any], store: IngestStore, pipeline: RecordPipeline, *,
                    on_outcome: Callable[[ArticleOutcome], None] | None = None,
                    keep_outcomes: bool = False, totals: bool = True,
                    write_batch: int = WRITE_BATCH) -> IngestSummary:
    """Run ``pipeline`` on ``items`` and store the records (see the module docstring for the rules).

    ``items``: what :meth:`Pipeline.pipe` takes (input items from
    :func:`dateline.ingest.sources.read_inputs`, or article dicts).
    ``on_outcome`` is called once per input, in input order, once it is settled
    (the CLI prints rejections from it).  ``keep_outcomes`` puts every outcome
    in the summary (the API answers one per posted article); ``totals=False``
    leaves the store-wide counts at 0 (no queries).  ``write_batch``: records
    written per transaction (1: one transaction per article).
    """
    tally = _Tally()
    outcomes: list[ArticleOutcome] = []
    settled: dict[int, ArticleOutcome] = {}  # outcomes waiting for an earlier input's
    next_index = 0
    pending: deque[int] = deque()  # indices of the items pulled and not skipped, awaiting their record
    current = -1
    current_item: Any = None
    buffer: list[tuple[int, ArticleRecord]] = []

    def emit(done: ArticleOutcome) -> None:
        if keep_outcomes:
            outcomes.append(done)
        if on_outcome is not None:
            on_outcome(done)

    def settle(outcome: ArticleOutcome) -> None:
        nonlocal next_index
        settled[outcome.index] = outcome
        while next_index in settled:
            emit(settled.pop(next_index))
            next_index += 1

    def numbered() -> Iterator[Any]:
        nonlocal current, current_item
        for current, current_item in enumerate(items):  # noqa: B007 - read by ``known``
            pending.append(current)
            yield current_item

    def known(key: str) -> bool:
        # Pipeline.pipe asks right after pulling an item, before the next: the item is ``current``.
        if not store.has(key):
            return False
        pending.pop()
        tally.skipped += 1
        tally.accepted += 1
        rid, origin = _item_id(current_item)
        settle(ArticleOutcome(current, rid, key, "duplicate", origin, n_events=None))
        return True

    def write(group: list[tuple[int, ArticleRecord]]) -> None:
        """One transaction for ``group``; if the store refuses it, one per article, so a refused
        record takes no other with it."""
        try:
            result = store.write([rec for _, rec in group])
        except ENVIRONMENT_ERRORS:
            raise
        except duckdb.Error as exc:  # rolled back: nothing of the group is stored
            if len(group) > 1:
                for one in group:
                    write([one])
                return
            index, rec = group[0]
            tally.store_errors += 1
            first = str(exc).splitlines()[0] if str(exc) else ""
            message = f"could not be stored: {type(exc).__name__}: {first}"
            if len(tally.examples) < 20:
                tally.examples.append(f"{rec.origin or rec.id}: {message}")
            settle(ArticleOutcome(index, rec.id, None, "rejected", rec.origin, message, STORE_ERROR, "store", 0))
            return
        tally.inserted += result.inserted
        tally.skipped += result.skipped
        tally.rejected_new += result.rejected
        claimed: set[str] = set()  # the same key twice in a group: the first is stored
        for index, rec in group:
            key = record_key(rec)
            new = key in result.inserted_keys and key not in claimed
            claimed.add(key)
            outcome = _outcome_of(index, rec, key, new)
            if outcome.status == "rejected":
                reason = rec.reason or "unknown"
                tally.by_reason[reason] = tally.by_reason.get(reason, 0) + 1
                tally.rejections.append(outcome)
            else:
                tally.accepted += 1
            settle(outcome)

    for rec in pipeline.pipe(numbered(), known=known):
        buffer.append((pending.popleft() if pending else current, rec))
        if len(buffer) >= write_batch:
            write(buffer)
            buffer = []
    if buffer:
        write(buffer)
    for index in sorted(settled):  # a gap: a pipeline that yielded fewer records than it was given
        emit(settled.pop(index))
    return IngestSummary(
        inserted=tally.inserted, skipped=tally.skipped, rejected=len(tally.rejections),
        articles_in_store=store.count() if totals else 0,
        rejections_by_reason=store.rejection_summary() if totals else {},
        rejections_this_run=dict(sorted(tally.by_reason.items())), rejected_new=tally.rejected_new,
        accepted=tally.accepted, store_errors=tally.store_errors, store_error_examples=tuple(tally.examples),
        rejections=tuple(tally.rejections), outcomes=tuple(outcomes))
