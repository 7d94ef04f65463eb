"""The embedded DuckDB store.

One row per article in ``articles`` keyed by ``content_hash`` (a hash of the
cleaned text; for rejections, of the origin and reason), so the same article
ingested twice is stored once.  Articles and their rows in ``events``,
``quotes`` and ``places`` are written in batches, each one transaction, with
set-based inserts from Arrow tables (``record_rows`` is the one place the row
layout lives; the Dask path builds the same rows on its workers).  A run
killed halfway leaves only whole batches behind, and a restarted run skips
what is already there (resumable, nothing lost or duplicated).

All SQL takes values as parameters; no string formatting of user input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.errors import StoreError, describe_failure
from dateline.ingest.prepare import content_hash
from dateline.records import ActorRef, ArticleRecord

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


def sql_date(value: str | None) -> str | None:
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


_sql_date = sql_date  # older name, kept for callers


def record_key(record: ArticleRecord) -> str:
    """The store key of a record: hash of the cleaned text, or of origin+reason for rejections."""
    if record.article is not None:
        return content_hash(record.article.text)
    return content_hash(f"rejected\x00{record.origin}\x00{record.reason}")


TABLES = ("articles", "events", "quotes", "places")

# Column order and types of the four tables, as Arrow schemas (the SQL above is the same layout).
ROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("content_hash", pa.string()), ("id", pa.string()), ("origin", pa.string()), ("status", pa.string()),
        ("error", pa.string()), ("reason", pa.string()), ("stage", pa.string()), ("title", pa.string()),
        ("url", pa.string()), ("source", pa.string()), ("published", pa.date32()), ("dateline", pa.string()),
        ("language", pa.string()), ("n_events", pa.int32()), ("record", pa.string()),
    ]),
    "events": pa.schema([
        ("content_hash", pa.string()), ("article_id", pa.string()), ("event_id", pa.string()),
        ("event_type", pa.string()), ("mode", pa.string()), ("cameo", pa.string()),
        ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()), ("date", pa.date32()),
        ("date_precision", pa.string()), ("location_name", pa.string()), ("country", pa.string()),
        ("lat", pa.float64()), ("lon", pa.float64()), ("actors", pa.string()), ("recipients", pa.string()),
        ("dead", pa.int32()), ("injured", pa.int32()), ("arrested", pa.int32()), ("factuality", pa.string()),
        ("attributed_to", pa.string()), ("historical", pa.bool_()), ("confidence", pa.float64()),
        ("evidence_text", pa.string()), ("event", pa.string()),
    ]),
    "quotes": pa.schema([
        ("content_hash", pa.string()), ("article_id", pa.string()), ("n", pa.int32()), ("kind", pa.string()),
        ("speaker", pa.string()), ("speaker_role", pa.string()), ("cue", pa.string()), ("text", pa.string()),
        ("start_char", pa.int32()), ("end_char", pa.int32()),
    ]),
    "places": pa.schema([
        ("content_hash", pa.string()), ("article_id", pa.string()), ("n", pa.int32()), ("text", pa.string()),
        ("name", pa.string()), ("feature", pa.string()), ("geonames_id", pa.int64()), ("country", pa.string()),
        ("admin1", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("start_char", pa.int32()),
        ("end_char", pa.int32()),
    ]),
}


def _day(value: str | None) -> date | None:
    iso = sql_date(value)
    return date.fromisoformat(iso) if iso else None


def _names(actors: tuple[ActorRef, ...]) -> str:
    return "; ".join(a.name or a.text or "" for a in actors)


def _published(record: ArticleRecord) -> date | None:
    """The record's publication date: the article's, parsed once at ingest; a rejection keeps
    the input's own value (unparsed), read here as far as it is a date."""
    if record.article is not None:
        return record.article.published
    fallback = record.fallback_article or {}
    value = fallback.get("published")
    return _day(value) if isinstance(value, str) else None


def record_rows(record: ArticleRecord) -> tuple[str, date | None, dict[str, list[tuple[Any, ...]]]]:
    """(key, publication date, rows per table) of one record: the one place the row layout lives."""
    key = record_key(record)
    data = record.to_dict()
    art = data["article"]
    article = record.article
    published = _published(record)
    events = record.extraction.events
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    rows["articles"].append((
        key, record.id, record.origin, record.status, record.error, record.reason, record.stage,
        art.get("title"), art.get("url"), art.get("source"), published, art.get("dateline"),
        art.get("language"), len(events), json.dumps(data, ensure_ascii=False)))
    text = article.text if article is not None else ""
    for ev, ev_dict in zip(events, data["events"], strict=True):
        loc = ev.location
        ev_start = min((s.start for s in ev.evidence), default=0)
        ev_end = max((s.end for s in ev.evidence), default=0)
        rows["events"].append((
            key, record.id, ev.id, ev.event_type, ev.mode, ev.cameo,
            ev.acled_event_type, ev.acled_sub_event_type, _day(ev.date),
            ev.date_precision, loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            _names(ev.actor), _names(ev.recipient), ev.dead, ev.injured,
            ev.arrested, ev.factuality, ev.attributed_to, ev.historical,
            ev.confidence, text[ev_start:ev_end], json.dumps(ev_dict, ensure_ascii=False)))
    for n, q in enumerate(record.extraction.quotes):
        rows["quotes"].append((
            key, record.id, n, q.kind, q.speaker, q.speaker_role, q.cue, q.text, q.start, q.end))
    for n, p in enumerate(record.extraction.places):
        rows["places"].append((
            key, record.id, n, p.text, p.name, p.feature, p.geonames_id,
            p.country, p.admin1, p.lat, p.lon, p.start, p.end))
    return key, published, rows


def rows_to_arrow(table: str, rows: list[tuple[Any, ...]]) -> pa.Table:
    schema = ROW_SCHEMAS[table]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)],
                                schema=schema)


def _create_atomically(path: Path) -> None:
    """A new store: built under a temporary name in the same folder, then linked into place.

    A failure (disk full, killed) leaves no file at ``path``, so a later run is never blocked
    by a 0-byte or half-made store.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(SCHEMA_SQL)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(STORE_SCHEMA_VERSION)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        try:
            os.link(tmp, path)  # fails if another process created the store meanwhile: keep theirs
        except FileExistsError:
            pass
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class WriteResult:
    inserted: int
    skipped: int
    rejected: int
    inserted_keys: frozenset[str] = frozenset()  # store keys of the records newly stored


class Store:
    """A DuckDB file holding articles, events, quotes and places."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        what = f"store {self.path}"
        try:
            if not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                if not Path(self.path).exists():
                    _create_atomically(Path(self.path))
            elif not Path(self.path).exists():
                raise StoreError(f"{what} does not exist; run `dateline ingest ... --db {self.path}` first")
            if Path(self.path).stat().st_size == 0:
                raise StoreError(f"{what} is an empty (0-byte) file, not a store; delete it and rerun")
            self.con = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA_SQL)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                 [str(STORE_SCHEMA_VERSION)])
        except (duckdb.Error, OSError) as exc:
            raise StoreError(describe_failure(exc, what)) from exc

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

    def records(self, status: str | None = None) -> Iterator[ArticleRecord]:
        """Stored article records, typed, in ingestion order."""
        for _, _, rec in self.records_since(None, status):
            yield rec

    def records_since(self, since: Any = None, status: str | None = "ok"
                      ) -> Iterator[tuple[str, Any, ArticleRecord]]:
        """(content hash, ingested_at, record) of the records stored at or after ``since`` (an
        ``ingested_at`` value; None: all), in ingestion order.  At or after, not after: a
        caller keeping a watermark skips the keys it has seen, and loses none that share the
        watermark's timestamp.  Records are rebuilt with :meth:`ArticleRecord.from_dict` (the
        origin from its column); a stored record that does not read back raises ValueError."""
        sql = "SELECT content_hash, ingested_at, origin, record FROM articles"
        where: list[str] = []
        params: list[Any] = []
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if since is not None:
            where.append("ingested_at >= ?")
            params.append(since)
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.con.execute(sql + " ORDER BY ingested_at, content_hash", params)
        while rows := cur.fetchmany(500):
            for key, at, origin, rec in rows:
                try:
                    record = ArticleRecord.from_dict(json.loads(rec), origin=origin)
                except ValueError as exc:
                    raise ValueError(f"{self.path}: stored record {key} does not read back: {exc}") from exc
                yield str(key), at, record

    def rejection_summary(self) -> dict[str, int]:
        rows = self.con.execute(
            "SELECT reason, count(*) FROM articles WHERE status = 'rejected' GROUP BY reason ORDER BY reason"
        ).fetchall()
        return {str(r): int(n) for r, n in rows}

    # -- writes ------------------------------------------------------------
    def write(self, records: Iterable[ArticleRecord], batch_size: int = 64) -> WriteResult:
        """Insert records in batches, each batch one transaction; keys already stored are skipped.

        A run killed mid-batch loses only that uncommitted batch, which a restarted run
        (skipping what is stored) redoes: nothing is lost or stored twice.
        """
        inserted = skipped = rejected = 0
        keys: set[str] = set()
        batch: list[ArticleRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                result = self._write_batch(batch)
                inserted, skipped, rejected = (inserted + result.inserted, skipped + result.skipped,
                                               rejected + result.rejected)
                keys |= result.inserted_keys
                batch = []
        if batch:
            result = self._write_batch(batch)
            inserted, skipped, rejected = (inserted + result.inserted, skipped + result.skipped,
                                           rejected + result.rejected)
            keys |= result.inserted_keys
        return WriteResult(inserted, skipped, rejected, frozenset(keys))

    def _write_batch(self, batch: list[ArticleRecord]) -> WriteResult:
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        seen: set[str] = set()
        duplicates = 0
        for record in batch:
            key, _published, record_table_rows = record_rows(record)
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            for table, table_rows in record_table_rows.items():
                rows[table].extend(table_rows)
        staged = {table: rows_to_arrow(table, table_rows) for table, table_rows in rows.items()}
        new_keys: set[str] = set()
        inserted, rejected, total = self.insert_new(staged, keys_out=new_keys)
        return WriteResult(inserted, total - inserted + duplicates, rejected, frozenset(new_keys))

    def insert_new(self, staged: dict[str, pa.Table],
                   extra: tuple[str, list[Any]] | None = None,
                   keys_out: set[str] | None = None) -> tuple[int, int, int]:
        """Insert the staged rows of articles the store does not hold yet, in one transaction.

        ``staged`` maps table names to Arrow tables in the ``ROW_SCHEMAS`` layout; ``extra``
        is one more (SQL, parameters) statement run inside the same transaction (a ledger row).
        Returns (inserted articles, of which rejected, staged articles); ``keys_out``, when
        given, receives the keys of the inserted articles.
        """
        con = self.con.cursor()  # its own connection: registrations stay local to it
        try:
            for table, data in staged.items():
                con.register(f"stage_{table}", data)
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("CREATE OR REPLACE TEMP TABLE stage_new AS SELECT s.content_hash, s.status "
                            "FROM stage_articles s ANTI JOIN articles a USING (content_hash)")
                counts = con.execute("SELECT count(*), count(*) FILTER (WHERE status = 'rejected') "
                                     "FROM stage_new").fetchall()[0]
                total = con.execute("SELECT count(*) FROM stage_articles").fetchall()[0]
                if keys_out is not None:
                    keys_out.update(str(r[0]) for r in con.execute("SELECT content_hash FROM stage_new").fetchall())
                for table in staged:
                    if table not in TABLES:
                        raise ValueError(f"unknown store table {table!r}")
                    con.execute(f"INSERT INTO {table} BY NAME SELECT s.* FROM stage_{table} s "  # noqa: S608
                                "SEMI JOIN stage_new n USING (content_hash)")
                if extra is not None:
                    con.execute(extra[0], extra[1])
                con.execute("COMMIT")
            except (duckdb.Error, ValueError):
                con.execute("ROLLBACK")
                raise
            return int(counts[0]), int(counts[1]), int(total[0])
        finally:
            con.close()
