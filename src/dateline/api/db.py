"""The server's handle on the DuckDB store: one read cursor per request, writes behind one lock.

DuckDB lets one process hold a database file for writing; the server holds it
through :class:`~dateline.store.Store` and hands every request its own cursor
(``con.cursor()``, a connection to the same database that is safe to use from
the request's worker thread).  Writes (ingestion, the background feed
watcher) go through :meth:`Database.write`, serialized by a lock.  A
generation counter goes up after each write that inserted something: the web
UI polls it for live updates and caches (stories) are keyed on it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from dateline.records import ArticleRecord
from dateline.store import Store, WriteResult

# Index names are ours (created at serve start, idempotent); DuckDB uses ART
# indexes for selective point/range look-ups, zone maps do the rest.
INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS api_events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS api_events_type ON events (event_type)",
    "CREATE INDEX IF NOT EXISTS api_events_country ON events (country)",
    "CREATE INDEX IF NOT EXISTS api_events_article ON events (content_hash)",
    "CREATE INDEX IF NOT EXISTS api_quotes_article ON quotes (content_hash)",
)


class CursorStore(Store):
    """A :class:`Store` view over an existing cursor (for library readers such as exports)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:  # noqa: D107
        self.path = path
        self.con = con


class Database:
    """Owns the store for the server's lifetime."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = Store(path)
        for sql in INDEX_SQL:
            self.store.con.execute(sql)
        self._write_lock = threading.Lock()
        self._generation = 0

    @property
    def generation(self) -> int:
        return self._generation

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor for one request; closed afterwards."""
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def read_store(self) -> Iterator[Store]:
        with self.reader() as cur:
            yield CursorStore(cur, str(self.path))

    def has(self, key: str) -> bool:
        with self.reader() as cur:
            return cur.execute("SELECT 1 FROM articles WHERE content_hash = ?", [key]).fetchone() is not None

    def write(self, records: Iterable[ArticleRecord]) -> WriteResult:
        """Write records (one transaction per article), one writer at a time."""
        with self._write_lock:
            result = self.store.write(records)
            if result.inserted:
                self._generation += 1
        return result

    def execute_write(self, sql: str, params: list[Any] | None = None) -> None:
        """One write statement of a caller other than the store (the feed watcher's state)."""
        with self._write_lock:
            self.store.con.execute(sql, params or [])

    def close(self) -> None:
        self.store.close()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        with self.reader() as cur:
            row = cur.execute(sql, params or []).fetchone()
        return row[0] if row else None
