"""Quotes, exports and the live-update status."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from dateline.api.db import CursorStore, Database
from dateline.api.models import QuotePage, Status
from dateline.api.problems import answers
from dateline.api.queries import EventFilter, matching_records, search_all_events
from dateline.api.routes.deps import MAX_LIMIT, MAX_OFFSET, cursor
from dateline.api.routes.events import Filter
from dateline.export import ACLED_COLUMNS, event_rows
from dateline.records import ArticleRecord

router = APIRouter(prefix="/api")

Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


@router.get("/quotes", response_model=QuotePage, tags=["quotes"], summary="Search quotes",
            responses=answers(422))
def list_quotes(
    cur: Cursor,
    speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the quote")] = None,
    article: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,64}$", description="article key")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Quotes with their speakers, one page at a time."""
    from dateline.api.queries import search_quotes

    total, items = search_quotes(cur, speaker or None, q or None, article, limit, offset)
    nxt = offset + limit if offset + limit < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}


class _Matching(CursorStore):
    """A read-only Store whose records are the filtered export's records (for export.event_rows)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, flt: EventFilter) -> None:
        super().__init__(con, path)
        self.flt = flt

    def records_since(self, since: Any = None, status: str | None = "ok"  # noqa: ARG002 - ok ones only
                      ) -> Iterator[tuple[str, Any, ArticleRecord]]:
        for key, rec in matching_records(self.con, self.flt):
            yield key, None, rec


def _jsonl(db: Database, flt: EventFilter) -> Iterator[bytes]:
    with db.reader() as cur:
        for _key, rec in matching_records(cur, flt):
            yield (json.dumps(rec.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")


def _csv(db: Database, flt: EventFilter) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    with db.reader() as cur:
        for n, row in enumerate(event_rows(_Matching(cur, str(db.path), flt)), 1):
            writer.writerow(row)
            if n % 500 == 0:
                yield buf.getvalue().encode("utf-8")
                buf.seek(0)
                buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _parquet(db: Database, flt: EventFilter) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with db.reader() as cur:
        rows = list(event_rows(_Matching(cur, str(db.path), flt)))
    columns = {name: [row[name] for row in rows] for name in ACLED_COLUMNS}
    table = pa.table(columns) if rows else pa.table({n: pa.array([], pa.string()) for n in ACLED_COLUMNS})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _geojson(db: Database, flt: EventFilter) -> Iterator[bytes]:
    """A FeatureCollection of the matching events (geometry null for those without coordinates)."""
    yield b'{"type": "FeatureCollection", "features": ['
    with db.reader() as cur:
        for n, ev in enumerate(search_all_events(cur, flt)):
            loc = ev.pop("location")
            lat, lon = loc["lat"], loc["lon"]
            geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
            props = {**ev, "location_name": loc["name"], "country": loc["country"],
                     "location_precision": loc["precision"]}
            feature = {"type": "Feature", "id": ev["id"], "geometry": geometry, "properties": props}
            yield (("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False)).encode("utf-8")
    yield b"\n]}\n"


EXPORT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
                "parquet": "application/vnd.apache.parquet", "geojson": "application/geo+json"}


@router.get("/export", tags=["export"], summary="Export the matching events",
            responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {},
                                         "application/vnd.apache.parquet": {}, "application/geo+json": {}}},
                       **answers(422)})
def export(request: Request, flt: Filter,
           format: Literal["jsonl", "csv", "parquet", "geojson"] = "jsonl") -> Response:
    """Exactly the events ``GET /api/events`` lists for the same filters (all pages): JSONL article
    records holding only their matching events, ACLED-style event rows as CSV or Parquet, or a GeoJSON
    FeatureCollection of the events (null geometry where an event has no coordinates)."""
    db: Database = request.app.state.db
    name = f"dateline-export.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    media = EXPORT_TYPES[format]
    if format == "jsonl":
        return StreamingResponse(_jsonl(db, flt), media_type=media, headers=disposition)
    if format == "csv":
        return StreamingResponse(_csv(db, flt), media_type=media, headers=disposition)
    if format == "geojson":
        return StreamingResponse(_geojson(db, flt), media_type=media, headers=disposition)
    return Response(_parquet(db, flt), media_type=media, headers=disposition)


@router.get("/status", response_model=Status, tags=["live"], summary="Store counters for live updates",
            responses=answers())
def status(request: Request, cur: Cursor) -> dict[str, Any]:
    """The web UI polls this; when ``generation`` changes it reloads what it shows."""
    row = cur.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM articles WHERE status = 'rejected')").fetchone()
    assert row is not None
    settings = request.app.state.settings
    return {"generation": request.app.state.db.generation, "articles": int(row[0]), "events": int(row[1]),
            "rejected": int(row[2]), "auth_required": True, "feeds": list(settings.feeds)}
