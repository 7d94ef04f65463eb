"""What the watcher remembers between polls: pages already ingested, feeds' HTTP validators.

:class:`MemoryState` for one process; :class:`DuckDBState` keeps it in the
store's database (table ``watch_state``, ours) so a restarted watcher does
not fetch the same pages again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

STATE_SQL = """
CREATE TABLE IF NOT EXISTS watch_state (
    url VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,          -- feed | page
    etag VARCHAR,
    last_modified VARCHAR,
    updated_at TIMESTAMP DEFAULT current_timestamp
)
"""


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


class WatchState(Protocol):
    def seen(self, url: str) -> bool: ...
    def mark_seen(self, url: str) -> None: ...
    def validators(self, url: str) -> Validators: ...
    def set_validators(self, url: str, v: Validators) -> None: ...


class MemoryState:
    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._validators: dict[str, Validators] = {}

    def seen(self, url: str) -> bool:
        return url in self._seen

    def mark_seen(self, url: str) -> None:
        self._seen.add(url)

    def validators(self, url: str) -> Validators:
        return self._validators.get(url, Validators())

    def set_validators(self, url: str, v: Validators) -> None:
        self._validators[url] = v


class DuckDBState:
    """State in the server's database (anything with ``reader()`` and ``execute_write()``)."""

    def __init__(self, db: Any) -> None:
        self.db = db
        db.execute_write(STATE_SQL)

    def _row(self, url: str) -> tuple[Any, ...] | None:
        with self.db.reader() as cur:
            row: tuple[Any, ...] | None = cur.execute(
                "SELECT kind, etag, last_modified FROM watch_state WHERE url = ?", [url]).fetchone()
        return row

    def seen(self, url: str) -> bool:
        row = self._row(url)
        return row is not None and row[0] == "page"

    def mark_seen(self, url: str) -> None:
        self.db.execute_write("INSERT OR REPLACE INTO watch_state (url, kind) VALUES (?, 'page')", [url])

    def validators(self, url: str) -> Validators:
        row = self._row(url)
        return Validators(row[1], row[2]) if row is not None and row[0] == "feed" else Validators()

    def set_validators(self, url: str, v: Validators) -> None:
        self.db.execute_write(
            "INSERT OR REPLACE INTO watch_state (url, kind, etag, last_modified) VALUES (?, 'feed', ?, ?)",
            [url, v.etag, v.last_modified])
