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

from dateline.api.db import Database
from dateline.api.models import QuotePage, Status
from dateline.api.routes.deps import MAX_LIMIT, MAX_OFFSET, cursor
from dateline.export import ACLED_COLUMNS, event_rows

router = APIRouter(prefix="/api")

Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


@router.get("/quotes", response_model=QuotePage, tags=["quotes"], summary="Search quotes")
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


def _jsonl(db: Database) -> Iterator[bytes]:
    with db.read_store() as store:
        for rec in store.records():
            yield (json.dumps(rec.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")


def _csv(db: Database) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    with db.read_store() as store:
        for n, row in enumerate(event_rows(store), 1):
            writer.writerow(row)
            if n % 500 == 0:
                yield buf.getvalue().encode("utf-8")
                buf.seek(0)
                buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _parquet(db: Database) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with db.read_store() as store:
        rows = list(event_rows(store))
    columns = {name: [row[name] for row in rows] for name in ACLED_COLUMNS}
    table = pa.table(columns) if rows else pa.table({n: pa.array([], pa.string()) for n in ACLED_COLUMNS})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


@router.get("/export", tags=["export"], summary="Export the store",
            responses={200: {"content": {"application/x-ndjson": {}, "text/csv": {},
                                         "application/vnd.apache.parquet": {}}}})
def export(request: Request, format: Literal["jsonl", "csv", "parquet"] = "jsonl") -> Response:
    """The whole store: JSONL article records, or ACLED-style event rows as CSV or Parquet."""
    db: Database = request.app.state.db
    name = f"dateline-export.{format}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "jsonl":
        return StreamingResponse(_jsonl(db), media_type="application/x-ndjson", headers=disposition)
    if format == "csv":
        return StreamingResponse(_csv(db), media_type="text/csv; charset=utf-8", headers=disposition)
    return Response(_parquet(db), media_type="application/vnd.apache.parquet", headers=disposition)


@router.get("/status", response_model=Status, tags=["live"], summary="Store counters for live updates")
def status(request: Request, cur: Cursor) -> dict[str, Any]:
    """The web UI polls this; when ``generation`` changes it reloads what it shows."""
    row = cur.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
        " (SELECT count(*) FROM articles WHERE status = 'rejected')").fetchone()
    assert row is not None
    settings = request.app.state.settings
    return {"generation": request.app.state.db.generation, "articles": int(row[0]), "events": int(row[1]),
            "rejected": int(row[2]), "auth_required": True, "feeds": list(settings.feeds)}
