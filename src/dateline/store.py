"""The embedded DuckDB store.

One row per article in ``articles`` keyed by ``content_hash`` (a hash of the
cleaned text; for rejections, of the origin and reason), so the same article
ingested twice is stored once.  Each article and its rows in ``events``,
``quotes`` and ``places`` are written in one transaction: a run killed
halfway leaves only whole articles behind, and a restarted run skips what is
already there (resumable, nothing lost or duplicated).

All SQL takes values as parameters; no string formatting of user input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from dateline.ingest.prepare import content_hash
from dateline.records import ArticleRecord

STORE_SCHEMA_VERSION = 1

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    id VARCHAR NOT NULL,
    origin VARCHAR,
    status VARCHAR NOT NULL,
    error VARCHAR,
    reason VARCHAR,
    stage VARCHAR,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    published DATE,
    dateline VARCHAR,
    language VARCHAR,
    n_events INTEGER,
    record JSON NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS events (
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    event_type VARCHAR,
    mode VARCHAR,
    cameo VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    date DATE,
    date_precision VARCHAR,
    location_name VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    actors VARCHAR,
    recipients VARCHAR,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    factuality VARCHAR,
    attributed_to VARCHAR,
    historical BOOLEAN,
    confidence DOUBLE,
    evidence_text VARCHAR,
    event JSON,
    PRIMARY KEY (content_hash, event_id)
);
CREATE TABLE IF NOT EXISTS quotes (
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    kind VARCHAR,
    speaker VARCHAR,
    speaker_role VARCHAR,
    cue VARCHAR,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    PRIMARY KEY (content_hash, n)
);
CREATE TABLE IF NOT EXISTS places (
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    text VARCHAR,
    name VARCHAR,
    feature VARCHAR,
    geonames_id BIGINT,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    start_char INTEGER,
    end_char INTEGER,
    PRIMARY KEY (content_hash, n)
);
"""


def _sql_date(value: str | None) -> str | None:
    """An ISO date of any precision ("2019", "2019-12", "2019-12-27") as a SQL DATE (first day)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return date(year, month, day).isoformat()
    except (ValueError, IndexError):
        return None  # "2019-W52", "XXXX-12-27": kept in the event JSON, not in the DATE column


def record_key(record: ArticleRecord) -> str:
    """The store key of a record: hash of the cleaned text, or of origin+reason for rejections."""
    if record.article is not None:
        return content_hash(record.article.text)
    return content_hash(f"rejected\x00{record.origin}\x00{record.reason}")


@dataclass(frozen=True, slots=True)
class WriteResult:
    inserted: int
    skipped: int
    rejected: int


class Store:
    """A DuckDB file holding articles, events, quotes and places."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA_SQL)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                             [str(STORE_SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads -------------------------------------------------------------
    def has(self, key: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [key]).fetchone()
        return row is not None

    def count(self, status: str | None = None) -> int:
        if status is None:
            row = self.con.execute("SELECT count(*) FROM articles").fetchone()
        else:
            row = self.con.execute("SELECT count(*) FROM articles WHERE status = ?", [status]).fetchone()
        return int(row[0]) if row else 0

    def records(self, status: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored article records (the output contract), in ingestion order."""
        sql = "SELECT record FROM articles"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY ingested_at, content_hash"
        cur = self.con.execute(sql, params)
        while rows := cur.fetchmany(500):
            for (rec,) in rows:
                yield json.loads(rec)

    def rejection_summary(self) -> dict[str, int]:
        rows = self.con.execute(
            "SELECT reason, count(*) FROM articles WHERE status = 'rejected' GROUP BY reason ORDER BY reason"
        ).fetchall()
        return {str(r): int(n) for r, n in rows}

    # -- writes ------------------------------------------------------------
    def write(self, records: Iterable[ArticleRecord]) -> WriteResult:
        """Insert records, each article in its own transaction; existing keys are skipped."""
        inserted = skipped = rejected = 0
        for record in records:
            if self._write_one(record):
                inserted += 1
                rejected += record.status == "rejected"
            else:
                skipped += 1
        return WriteResult(inserted, skipped, rejected)

    def _write_one(self, record: ArticleRecord) -> bool:
        key = record_key(record)
        data = record.to_dict()
        art = data["article"]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if self.has(key):
                self.con.execute("ROLLBACK")
                return False
            self.con.execute(
                "INSERT INTO articles (content_hash, id, origin, status, error, reason, stage, title, url,"
                " source, published, dateline, language, n_events, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, record.id, record.origin, record.status, record.error, record.reason, record.stage,
                 art.get("title"), art.get("url"), art.get("source"), _sql_date(art.get("published")),
                 art.get("dateline"), art.get("language"), len(data["events"]), json.dumps(data)],
            )
            text = art.get("text") or ""
            for ev in data["events"]:
                loc = ev.get("location") or {}
                ev_start = min((s["start"] for s in ev.get("evidence", [])), default=0)
                ev_end = max((s["end"] for s in ev.get("evidence", [])), default=0)
                self.con.execute(
                    "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, ?)",
                    [key, record.id, ev["id"], ev["event_type"], ev.get("mode"), ev.get("cameo"),
                     ev.get("acled_event_type"), ev.get("acled_sub_event_type"), _sql_date(ev.get("date")),
                     ev.get("date_precision"), loc.get("name"), loc.get("country"), loc.get("lat"),
                     loc.get("lon"), "; ".join(a.get("name") or a.get("text") or "" for a in ev["actor"]),
                     "; ".join(a.get("name") or a.get("text") or "" for a in ev["recipient"]),
                     ev.get("dead"), ev.get("injured"), ev.get("arrested"), ev.get("factuality"),
                     ev.get("attributed_to"), ev.get("historical"), ev.get("confidence"),
                     text[ev_start:ev_end], json.dumps(ev)],
                )
            for n, q in enumerate(data["quotes"]):
                self.con.execute(
                    "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [key, record.id, n, q.get("kind"), q.get("speaker"), q.get("speaker_role"), q.get("cue"),
                     q.get("text"), q.get("start"), q.get("end")],
                )
            for n, p in enumerate(data["places"]):
                self.con.execute(
                    "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [key, record.id, n, p.get("text"), p.get("name"), p.get("feature"), p.get("geonames_id"),
                     p.get("country"), p.get("admin1"), p.get("lat"), p.get("lon"), p.get("start"), p.get("end")],
                )
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return True
