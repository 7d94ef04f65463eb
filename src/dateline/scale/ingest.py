"""Distributed ingest: partitions → Dask workers → Parquet → the DuckDB store, exactly once.

The client plans deterministic partitions, submits one task per partition
to a real ``dask.distributed`` scheduler (a :class:`LocalCluster` of worker
processes, or a running cluster at ``tcp://HOST:PORT``), and loads each
finished partition's Parquet files into the store as results come in.

Exactly once, across worker deaths and client restarts:

* an article's store key is a hash of its cleaned text; a partition is loaded
  in one transaction that inserts only keys the store does not hold, so
  loading a partition twice adds nothing;
* a partition's outputs have names that depend only on the partition and are
  written atomically (temp file, then rename), its marker last: a retried
  task overwrites, never duplicates;
* the store keeps a ledger of loaded partitions (table ``scale_partitions``),
  written in the same transaction as the partition's articles; a restarted client skips loaded
  partitions, loads complete-but-unloaded ones without recomputing, and
  computes only the rest; workers skip articles already in the store.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import duckdb

from dateline.errors import UsageError
from dateline.ingest.service import IngestSummary
from dateline.scale.load import ensure_ledger, ledger_rejections, load_partition, loaded_partitions
from dateline.scale.output import OutputDir, PartitionResult
from dateline.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions
from dateline.scale.progress import Progress
from dateline.store import Store

log = logging.getLogger(__name__)

__all__ = ["IngestSummary", "default_output", "ingest_distributed"]


@dataclass
class _Tally:
    inserted: int = 0
    skipped: int = 0
    rejected_new: int = 0  # rejections newly stored
    processed: int = 0
    resumed: int = 0
    rejections: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    store_errors: list[str] = field(default_factory=list)  # the first few, for the report
    n_store_errors: int = 0


def default_output(db: str | Path) -> str:
    """Where partition outputs go when none is given: beside the store, ``<db>.parts``."""
    path = Path(db).expanduser().resolve()
    return str(path.with_name(path.name + ".parts"))


def settings_fingerprint(published: str | None, actor_files: Sequence[Path]) -> dict[str, Any]:
    """What in the settings changes a partition's output (enters every partition id)."""
    actors = [hashlib.sha256(Path(p).read_bytes()).hexdigest()[:16] for p in actor_files]
    return {"published": published, "actors": actors}


@contextmanager
def dask_client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """A client on the given scheduler, or on a local cluster of ``workers`` single-threaded processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _load(store: Store, out: OutputDir, result: PartitionResult, tally: _Tally) -> None:
    """Load a finished partition into the store (all or nothing), counting what happened.

    If the store refuses the partition (a database error), it is counted and
    reported, and it stays out of the ledger, so a re-run retries it.
    """
    try:
        loaded = load_partition(store, out, result)
    except duckdb.Error as exc:
        tally.n_store_errors += result.n_records
        if len(tally.store_errors) < 20:
            tally.store_errors.append(f"partition {result.pid} ({result.n_records} records): "
                                      f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        return
    tally.inserted += loaded.inserted
    tally.skipped += loaded.skipped + result.n_known
    tally.rejected_new += loaded.rejected
    for reason, n in result.rejections.items():
        tally.rejections[reason] = tally.rejections.get(reason, 0) + n


def ingest_distributed(inputs: Sequence[str], db: str | Path, workers: int | None = None,
                       scheduler: str | None = None, published: str | None = None,
                       actors: Sequence[str | Path] = (), output: str | None = None,
                       partition_size: int = DEFAULT_PARTITION_SIZE, progress: TextIO | None = sys.stderr,
                       on_partition: Callable[[PartitionResult], None] | None = None) -> IngestSummary:
    """Ingest ``inputs`` (paths, folders, globs, fsspec URLs) into the store at ``db`` on Dask.

    ``workers``: start a local cluster of that many worker processes (default:
    one per CPU); ``scheduler``: use a running cluster instead (its workers must
    reach the inputs and ``output``).  ``output``: where partition Parquet files
    go (default ``<db>.parts``; a shared folder or object-store URL for a
    cluster).  ``on_partition`` is called on the client after each partition
    is loaded.  Re-running the same command resumes; nothing is stored twice.
    """
    from dateline.pipeline import Settings

    if workers is not None and scheduler is not None:
        raise UsageError("give --workers (start a local cluster) or --scheduler (use a running one), not both")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {workers})")
    started = time.perf_counter()
    actor_files = tuple(Path(a).resolve() for a in actors)
    settings = Settings(published=published, actor_files=actor_files)
    parts = plan_partitions(inputs, partition_size, settings_fingerprint(published, actor_files))
    out_root = output or default_output(db)
    out = OutputDir(out_root)
    tally = _Tally()
    bar = Progress(total=sum(p.n_items for p in parts), stream=progress)
    n_workers = 0
    with Store(db) as store:
        ensure_ledger(store)
        loaded = loaded_partitions(store, [p.pid for p in parts])
        completed = out.completed(p.pid for p in parts if p.pid not in loaded)
        todo = [p for p in parts if p.pid not in loaded and p.pid not in completed]
        backlog = [completed[p.pid] for p in parts if p.pid not in loaded and p.pid in completed]
        bar.resumed(sum(p.n_items for p in parts if p.pid in loaded))
        tally.resumed = len(parts) - len(todo)
        # inputs rejected in partitions loaded by an earlier run are this run's rejections too
        for reason, n in ledger_rejections(store, sorted(loaded)).items():
            tally.rejections[reason] = tally.rejections.get(reason, 0) + n
        if todo:
            with dask_client(workers, scheduler) as client:
                n_workers = _run(client, store, out, todo, settings, out_root, backlog, bar, tally, on_partition)
        else:
            _load_backlog(store, out, backlog, bar, tally, on_partition)
        bar.render(final=True)
        summary = IngestSummary(
            inserted=tally.inserted, skipped=tally.skipped, rejected=sum(tally.rejections.values()),
            rejected_new=tally.rejected_new, articles_in_store=store.count(),
            rejections_by_reason=store.rejection_summary(),
            rejections_this_run=dict(sorted(tally.rejections.items())), distributed=True, partitions=len(parts),
            partitions_resumed=tally.resumed, failed_partitions=tuple(tally.failed),
            articles=bar.total, articles_processed=tally.processed,
            seconds=round(time.perf_counter() - started, 3), output=out_root, workers=n_workers,
            store_errors=tally.n_store_errors, store_error_examples=tuple(tally.store_errors))
    if progress is not None:
        _print_rejections(summary, progress)
    return summary


def _load_backlog(store: Store, out: OutputDir, backlog: list[PartitionResult], bar: Progress,
                  tally: _Tally, on_partition: Callable[[PartitionResult], None] | None) -> None:
    for result in backlog:
        _load(store, out, result, tally)
        bar.resumed(result.n_items)
        if on_partition is not None:
            on_partition(result)


def _run(client: Any, store: Store, out: OutputDir, todo: list[Partition], settings: Any, out_root: str,
         backlog: list[PartitionResult], bar: Progress, tally: _Tally,
         on_partition: Callable[[PartitionResult], None] | None) -> int:
    """Submit the partitions, load the backlog meanwhile, then load results as they finish."""
    from distributed import as_completed

    from dateline.scale.worker import KnownKeys, PipelineLoader, process_partition

    client.register_plugin(PipelineLoader(settings))
    known = None
    if store.count():
        keys = [str(r[0]) for r in store.con.execute("SELECT content_hash FROM articles").fetchall()]
        known = client.scatter(KnownKeys.from_hex(keys), broadcast=True)
    futures = [client.submit(process_partition, part, settings, out_root, known,
                             key=f"dateline-partition-{part.pid}", retries=2) for part in todo]
    by_key = {f.key: part for f, part in zip(futures, todo, strict=True)}
    _load_backlog(store, out, backlog, bar, tally, on_partition)
    bar.started = time.perf_counter()
    for future in as_completed(futures):
        part = by_key[future.key]
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # noqa: BLE001 - a failed partition is reported, the others go on
            log.error("partition %s failed: %s: %s", part.pid, type(exc).__name__, exc)
            tally.failed.append(f"{part.pid}: {type(exc).__name__}: {exc}")
            continue
        _load(store, out, result, tally)
        tally.processed += result.n_items
        bar.advance(result.n_items)
        if on_partition is not None:
            on_partition(result)
        future.release()
    return len(client.scheduler_info().get("workers", {}))


def _print_rejections(summary: IngestSummary, stream: TextIO) -> None:
    run = summary.rejections_this_run
    total = sum(run.values())
    text = ", ".join(f"{reason} {n}" for reason, n in run.items()) or "none"
    stream.write(f"rejected in this run: {total} ({text}); store holds {summary.articles_in_store} articles; "
                 f"{summary.partitions_resumed}/{summary.partitions} partitions resumed\n")
    if summary.store_errors:
        stream.write(f"{summary.store_errors} records (whole partitions) were refused by the store (kept in {summary.output}; "
                     "a re-run retries them):\n")
        for line in summary.store_error_examples[:5]:
            stream.write(f"  {line}\n")
    if summary.failed_partitions:
        stream.write(f"{len(summary.failed_partitions)} partitions failed (re-run the same command to retry):\n")
        for line in summary.failed_partitions[:10]:
            stream.write(f"  {line}\n")
    stream.flush()
