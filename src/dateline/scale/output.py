"""Partition outputs: Parquet files of the store's four tables, partitioned by publication date.

Layout under the output root (a local folder or an fsspec URL)::

    articles/published=2019-12-31/part-<pid>.parquet   one file per (table, partition, date)
    events/published=2019-12-31/part-<pid>.parquet     child rows follow their article's date
    quotes/...  places/...
    articles/published=__HIVE_DEFAULT_PARTITION__/part-<pid>.parquet   no publication date
    _partitions/<pid>.json                             completion marker, written last

The rows are exactly those ``Store.write`` would insert (see
:mod:`dateline.scale.rows`), so the data set is the store in Parquet form and
the client loads it with set-based inserts.  Each file is written to a
temporary name (``.tmp-*.partial``, invisible to ``*.parquet`` globs) and renamed, so a
reader never sees half a file nor a killed worker's leftover; names depend
only on the partition, so a re-run (a retried task after a worker died, a
restarted client) overwrites instead of duplicating.  The marker lists the
partition's files: a partition is complete exactly when its marker exists.
DuckDB reads a table with
``read_parquet('OUT/events/*/*.parquet', hive_partitioning = true)``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from dateline.records import ArticleRecord
from dateline.scale.rows import TABLES, TableRows

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # hive's name for a null partition value
MARKERS = "_partitions"
PARTIAL = ".partial"  # suffix of files being written: never matched by a *.parquet glob

@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a finished partition reports back to the client (small: the data stays in Parquet)."""

    pid: str
    n_items: int  # articles read
    n_records: int  # records written (articles already in the store are skipped before NLP)
    n_known: int  # articles skipped because the store already had them
    rejections: dict[str, int]  # reason -> count
    files: tuple[str, ...]  # relative to the output root
    seconds: float
    worker: str = ""

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "n_items": self.n_items, "n_records": self.n_records,
                           "n_known": self.n_known, "rejections": self.rejections,
                           "files": list(self.files), "seconds": self.seconds, "worker": self.worker})

    @classmethod
    def from_json(cls, text: str) -> PartitionResult:
        d = json.loads(text)
        return cls(d["pid"], d["n_items"], d["n_records"], d["n_known"], dict(d["rejections"]),
                   tuple(d["files"]), float(d["seconds"]), d.get("worker", ""))


class OutputDir:
    """The output root, through fsspec (local folders and object stores alike)."""

    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/")
        self.fs, self.path = fsspec.core.url_to_fs(self.root)

    def _join(self, rel: str) -> str:
        return f"{self.path}/{rel}"

    def _write_atomic(self, rel: str, payload: bytes) -> None:
        """Write to a temporary name, then rename.  The temporary name ends in ``.partial``,
        never ``.parquet``: a worker killed between the two steps leaves a file that no
        ``*.parquet`` glob reads (DuckDB's glob matches dot-files), and the retry that
        writes the same target removes what the killed attempt left."""
        final = self._join(rel)
        parent, name = final.rsplit("/", 1)
        self.fs.makedirs(parent, exist_ok=True)
        tmp = f"{parent}/.tmp-{uuid.uuid4().hex}-{name}{PARTIAL}"
        with self.fs.open(tmp, "wb") as fh:
            fh.write(payload)
        self.fs.mv(tmp, final)
        for stale in self.fs.glob(f"{parent}/.tmp-*-{name}{PARTIAL}"):
            self.fs.rm(stale)

    # -- worker side -------------------------------------------------------
    def write_partition(self, pid: str, records: Iterable[ArticleRecord]) -> tuple[str, ...]:
        """One Parquet file per (table, publication date); returns their paths relative to the root."""
        rows = TableRows()
        for rec in records:
            rows.add(rec)
        files = []
        for day, tables in sorted(rows.by_date().items(), key=lambda kv: str(kv[0])):
            published = day.isoformat() if day is not None else NULL_PARTITION
            for table in TABLES:
                if table not in tables:
                    continue
                rel = f"{table}/published={published}/part-{pid}.parquet"
                sink = pa.BufferOutputStream()
                pq.write_table(tables[table], sink, compression="zstd")
                self._write_atomic(rel, sink.getvalue().to_pybytes())
                files.append(rel)
        return tuple(files)

    def read_table(self, result: PartitionResult, table: str) -> pa.Table | None:
        """One store table of a completed partition (all its dates), or None if it has no rows."""
        parts = []
        for rel in result.files:
            if rel.startswith(f"{table}/"):
                with self.fs.open(self._join(rel), "rb") as fh:
                    parts.append(pq.read_table(fh))
        return pa.concat_tables(parts) if parts else None

    def mark_done(self, result: PartitionResult) -> None:
        self._write_atomic(f"{MARKERS}/{result.pid}.json", result.to_json().encode("utf-8"))

    # -- client side -------------------------------------------------------
    def completed(self, pids: Iterable[str]) -> dict[str, PartitionResult]:
        """Those of ``pids`` whose partition is complete (its marker exists), by pid.

        Asks for each marker by name instead of listing the marker folder, so
        the cost follows this run's partitions, not the whole history.
        """
        found: dict[str, PartitionResult] = {}
        for pid in pids:
            path = self._join(f"{MARKERS}/{pid}.json")
            try:
                with self.fs.open(path, "rb") as fh:
                    found[pid] = PartitionResult.from_json(fh.read().decode("utf-8"))
            except FileNotFoundError:
                continue
        return found

    def read_records(self, result: PartitionResult) -> Iterator[ArticleRecord]:
        """The records of a completed partition, rebuilt (for ``Store.write`` or export)."""
        table = self.read_table(result, "articles")
        if table is None:
            return
        for text, origin in zip(table.column("record").to_pylist(), table.column("origin").to_pylist(),
                                strict=True):
            yield ArticleRecord.from_dict(json.loads(text), origin)
