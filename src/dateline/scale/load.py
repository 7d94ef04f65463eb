"""Load a finished partition into the store: one transaction, set-based, idempotent.

The partition's four tables (built on the worker, :mod:`dateline.scale.rows`)
are registered in DuckDB as Arrow tables. Only articles whose key the store
does not hold go in, with their events, quotes and places. The ledger row
that marks the partition as loaded goes in within the same transaction. A
partition is therefore in the store wholly or not at all, and loading it a
second time adds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyarrow as pa

from dateline.scale.output import OutputDir, PartitionResult
from dateline.store import TABLES, Store

LEDGER_SQL = """
CREATE TABLE IF NOT EXISTS scale_partitions (
    pid VARCHAR PRIMARY KEY,
    n_items INTEGER,
    n_records INTEGER,
    loaded_at TIMESTAMP DEFAULT current_timestamp
);
ALTER TABLE scale_partitions ADD COLUMN IF NOT EXISTS rejections VARCHAR;
"""


@dataclass(frozen=True, slots=True)
class LoadResult:
    inserted: int
    skipped: int  # articles the store already held
    rejected: int  # rejected records among the inserted


def ensure_ledger(store: Store) -> None:
    store.con.execute(LEDGER_SQL).fetchall()


def loaded_partitions(store: Store, pids: list[str]) -> set[str]:
    """Which of ``pids`` the ledger says are already loaded (a join, not a scan into Python)."""
    con = store.con.cursor()
    try:
        con.register("planned_partitions", pa.table({"pid": pa.array(pids, pa.string())}))
        rows = con.execute("SELECT s.pid FROM scale_partitions s JOIN planned_partitions p USING (pid)")
        return {str(r[0]) for r in rows.fetchall()}
    finally:
        con.close()


def ledger_rejections(store: Store, pids: list[str]) -> dict[str, int]:
    """Rejected inputs by reason in those of ``pids`` the ledger holds (a rerun reports them again)."""
    con = store.con.cursor()
    try:
        con.register("planned_partitions", pa.table({"pid": pa.array(pids, pa.string())}))
        rows = con.execute("SELECT s.rejections FROM scale_partitions s JOIN planned_partitions p USING (pid) "
                           "WHERE s.rejections IS NOT NULL").fetchall()
    finally:
        con.close()
    total: dict[str, int] = {}
    for (text,) in rows:
        for reason, n in json.loads(text).items():
            total[reason] = total.get(reason, 0) + int(n)
    return total


def load_partition(store: Store, out: OutputDir, result: PartitionResult) -> LoadResult:
    """Insert the partition's new articles (and their rows) and its ledger row, atomically."""
    staged = {}
    for table in TABLES:
        data = out.read_table(result, table)
        if data is not None:
            staged[table] = data
    ledger = ("INSERT OR REPLACE INTO scale_partitions (pid, n_items, n_records, rejections) VALUES (?, ?, ?, ?)",
              [result.pid, result.n_items, result.n_records, json.dumps(result.rejections, sort_keys=True)])
    if "articles" not in staged:  # a partition of articles all known to the store
        store.con.cursor().execute(ledger[0], ledger[1]).close()
        return LoadResult(0, 0, 0)
    inserted, rejected, total = store.insert_new(staged, extra=ledger)
    return LoadResult(inserted, total - inserted, rejected)
