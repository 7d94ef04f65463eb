"""Events: the filtered list (map and table), the timeline histogram, one event with its evidence."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query

from dateline.api.models import ArticleOut, EventDetail, EventPage, Timeline
from dateline.api.problems import ApiProblem
from dateline.api.queries import (
    EVENT_COLUMNS,
    EventFilter,
    event_timeline,
    parse_bbox,
    row_to_event,
    search_events,
)
from dateline.api.routes.deps import MAX_LIMIT, MAX_OFFSET, cursor
from dateline.records import FACTUALITY, PLOVER_TYPES

router = APIRouter(prefix="/api", tags=["events"])

PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Factuality = Literal[FACTUALITY]  # type: ignore[valid-type]
AcledType = Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
                    "Protests", "Strategic developments"]
KEY_PATTERN = r"^[0-9a-f]{1,64}$"


def event_filter(
    date_from: Annotated[date | None, Query(description="events on or after this day (ISO)")] = None,
    date_to: Annotated[date | None, Query(description="events on or before this day (ISO)")] = None,
    bbox: Annotated[str | None, Query(max_length=100,
                                      description="min_lon,min_lat,max_lon,max_lat (WGS84 degrees)")] = None,
    event_type: Annotated[list[PloverType] | None, Query(description="PLOVER type; repeatable")] = None,
    acled_event_type: Annotated[list[AcledType] | None, Query(description="ACLED type; repeatable")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor or recipient name")] = None,
    country: Annotated[str | None, Query(max_length=60, description="ISO 3166 code or name")] = None,
    factuality: Annotated[list[Factuality] | None, Query(description="repeatable")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence sentence")] = None,
    article: Annotated[str | None, Query(pattern=KEY_PATTERN, description="article key")] = None,
    historical: Annotated[bool, Query(description="include background (historical) events")] = True,
) -> EventFilter:
    return EventFilter(date_from=date_from, date_to=date_to, bbox=parse_bbox(bbox),
                       event_type=tuple(event_type or ()), acled_event_type=tuple(acled_event_type or ()),
                       actor=actor or None, country=country or None, factuality=tuple(factuality or ()),
                       q=q or None, article=article, include_historical=historical)


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=EventPage, summary="Search events")
def list_events(
    cur: Cursor, flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    sort: Literal["date_desc", "date_asc", "confidence_desc"] = "date_desc",
) -> dict[str, Any]:
    """Events matching every filter given, one page at a time, with the total count."""
    total, items = search_events(cur, flt, limit, offset, sort)
    nxt = offset + limit if offset + limit < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}


@router.get("/timeline", response_model=Timeline, summary="Events per day")
def timeline(cur: Cursor, flt: Filter) -> dict[str, Any]:
    """How many filtered events fall on each day (for the timeline)."""
    total, undated, buckets = event_timeline(cur, flt)
    return {"total": total, "undated": undated, "buckets": [{"date": d, "count": n} for d, n in buckets]}


def _source(row: tuple[Any, ...]) -> dict[str, Any]:
    key, rid, title, url, source, published, dateline = row[:7]
    return {"key": key, "id": rid, "title": title, "url": url, "source": source,
            "published": str(published) if published is not None else None, "dateline": dateline}


_ARTICLE_COLUMNS = ("SELECT content_hash, id, title, url, source, CAST(published AS VARCHAR), dateline, status,"
                    " n_events, json_extract_string(record, '$.article.text') FROM articles")
ARTICLE_SQL = _ARTICLE_COLUMNS + " WHERE content_hash = ?"
ARTICLE_BY_ID_SQL = _ARTICLE_COLUMNS + " WHERE id = ? ORDER BY ingested_at LIMIT 1"


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with its evidence")
def get_event(cur: Cursor, event_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """The event, its evidence sentences (offsets and text) and the article it was read from."""
    key, sep, local = event_id.partition(":")
    if not sep or not key or not local:
        raise ApiProblem(404, f"no event {event_id!r}; event ids look like '<article key>:<event id>'")
    row = cur.execute(
        f"SELECT {EVENT_COLUMNS}, e.event FROM events e JOIN articles a ON a.content_hash = e.content_hash"
        " WHERE e.content_hash = ? AND e.event_id = ?", [key, local]).fetchone()
    if row is None:
        raise ApiProblem(404, f"no event {event_id!r} in this store")
    out = row_to_event(row[:-1])
    record = json.loads(row[-1])
    art = cur.execute(ARTICLE_SQL, [key]).fetchone()
    assert art is not None  # events reference their article (same transaction)
    text: str = art[9] or ""
    out["evidence"] = [{"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]]}
                       for s in record.get("evidence", [])]
    out["actor"] = record.get("actor", [])
    out["recipient"] = record.get("recipient", [])
    out["trigger"] = record.get("trigger")
    out["trigger_start"] = record.get("trigger_start")
    out["trigger_end"] = record.get("trigger_end")
    out["article"] = _source(art)
    out["record"] = record
    return out


@router.get("/articles/{key}", response_model=ArticleOut, summary="One stored article with its text",
            tags=["articles"])
def get_article(cur: Cursor, key: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """The cleaned article text that every offset of its events and quotes refers to."""
    row = cur.execute(ARTICLE_SQL, [key]).fetchone()
    if row is None:
        row = cur.execute(ARTICLE_BY_ID_SQL, [key]).fetchone()
    if row is None:
        raise ApiProblem(404, f"no article with key or id {key!r} in this store")
    return {**_source(row), "status": row[7], "n_events": row[8] or 0, "text": row[9] or ""}
