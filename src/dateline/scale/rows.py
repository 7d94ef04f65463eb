"""Store rows built on the worker: the four store tables of a partition as Arrow tables.

``Store.write`` flattens each record into rows of ``articles``, ``events``,
``quotes`` and ``places`` with one SQL statement per row. Loading a seed-sized
article that way costs about 0.2 CPU-seconds, a third of the whole
extraction, and all of it would land on the single client. Here the workers
build the same rows in plain Python (milliseconds). The client then inserts
a whole partition with a few set-based statements (see
:mod:`dateline.scale.load`).

The row layout is the store's own (``store.record_rows``), so both paths
give identical tables by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

from dateline.records import ArticleRecord
from dateline.store import ROW_SCHEMAS, TABLES, record_rows, rows_to_arrow

SCHEMAS = ROW_SCHEMAS


@dataclass
class TableRows:
    """Rows of the four store tables for a batch of records, keyed by publication date."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    published: list[date | None] = field(default_factory=list)  # per article row
    _keys: set[str] = field(default_factory=set)

    def add(self, record: ArticleRecord) -> bool:
        """Add one record's rows (the store's layout, ``store.record_rows``); False if a duplicate."""
        key, published, rows = record_rows(record)
        if key in self._keys:
            return False
        self._keys.add(key)
        self.published.append(published)
        for table, table_rows in rows.items():
            self.rows[table].extend(table_rows)
        return True

    def by_date(self) -> dict[date | None, dict[str, pa.Table]]:
        """Arrow tables per publication date (child rows follow their article's date)."""
        day_of = {row[0]: day for row, day in zip(self.rows["articles"], self.published, strict=True)}
        out: dict[date | None, dict[str, pa.Table]] = {}
        for table in TABLES:
            groups: dict[date | None, list[tuple[Any, ...]]] = {}
            for row in self.rows[table]:
                groups.setdefault(day_of[row[0]], []).append(row)
            for day, rows in groups.items():
                out.setdefault(day, {})[table] = rows_to_arrow(table, rows)
        return out
