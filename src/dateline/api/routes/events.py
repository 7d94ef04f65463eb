"""Events: the filtered list (map and table), the timeline histogram, one event with its evidence."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query

from dateline.api.models import ArticleOut, EventDetail, EventPage, Facets, MapClusters, Timeline
from dateline.api.problems import ApiProblem, answers
from dateline.api.queries import (
    EVENT_COLUMNS,
    MAX_ZOOM,
    EventFilter,
    event_facets,
    event_timeline,
    map_clusters,
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
    event_type: Annotated[list[PloverType] | None, Query(description="PLOVER type; repeatable (any of)")] = None,
    acled_event_type: Annotated[list[AcledType] | None,
                                Query(description="ACLED type; repeatable (any of)")] = None,
    sub_event_type: Annotated[list[str] | None, Query(max_length=100,
                                                      description="ACLED sub-event type; repeatable")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor or recipient name")] = None,
    country: Annotated[list[str] | None, Query(
        description="ISO 3166 alpha-2 or alpha-3 code, English name or common name (Turkey, UK, "
                    "Ivory Coast, DR Congo, Burma, Palestine); repeatable (any of)")] = None,
    factuality: Annotated[list[Factuality] | None, Query(description="repeatable (any of)")] = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="words that must all occur in the evidence sentence")] = None,
    article: Annotated[str | None, Query(pattern=KEY_PATTERN, description="article key")] = None,
    min_dead: Annotated[int | None, Query(ge=0, le=1_000_000, description="at least this many dead")] = None,
    located: Annotated[bool | None, Query(description="true: only events with coordinates; "
                                                      "false: only events without")] = None,
    historical: Annotated[bool, Query(description="include background (historical) events")] = False,
) -> EventFilter:
    countries = tuple(c for c in (country or ()) if c.strip())
    if len(countries) > 50 or any(len(c) > 60 for c in countries):
        raise ApiProblem(422, "country: at most 50 values of at most 60 characters")
    subs = tuple(s for s in (sub_event_type or ()) if s)
    if len(subs) > 50:
        raise ApiProblem(422, "sub_event_type: at most 50 values")
    flt = EventFilter(date_from=date_from, date_to=date_to, bbox=parse_bbox(bbox),
                      event_type=tuple(event_type or ()), acled_event_type=tuple(acled_event_type or ()),
                      acled_sub_event_type=subs, actor=actor or None, country=countries,
                      factuality=tuple(factuality or ()), q=q or None, article=article, min_dead=min_dead,
                      located=located, include_historical=historical)
    flt.where()  # resolves the countries now: an unknown one is the caller's 422, before any query runs
    return flt


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=EventPage, summary="Search events", responses=answers(422))
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


@router.get("/timeline", response_model=Timeline, summary="Events and fatalities over time",
            responses=answers(422))
def timeline(cur: Cursor, flt: Filter,
             interval: Literal["auto", "day", "week", "month", "year"] = "day") -> dict[str, Any]:
    """How many filtered events (and their fatalities) fall in each day, week, month or year
    (``auto`` picks by the span).  Background (historical) events only with ``historical=true``."""
    return event_timeline(cur, flt, interval)


@router.get("/map", response_model=MapClusters, summary="All matching events, clustered for the map",
            responses=answers(422))
def map_view(cur: Cursor, flt: Filter,
             zoom: Annotated[int, Query(ge=0, le=MAX_ZOOM,
                                        description="0: whole world (10° cells); each step halves the cell")] = 0,
             view: Annotated[str | None, Query(max_length=100, description=(
                 "min_lon,min_lat,max_lon,max_lat: return only the clusters in this box (the map's view;"
                 " send it at high zoom); counts stay over all matching events"))] = None,
             ) -> dict[str, Any]:
    """Every matching event with coordinates (not one page of them), clustered on a grid at ``zoom``,
    with counts and fatalities per cluster; plus the matching events without coordinates by place."""
    return map_clusters(cur, flt, zoom, parse_bbox(view))


@router.get("/facets", response_model=Facets, summary="Counts of the matching events by field",
            responses=answers(422))
def facets(cur: Cursor, flt: Filter,
           limit: Annotated[int, Query(ge=1, le=100, description="values per facet")] = 15) -> dict[str, Any]:
    """The matching events counted by country, admin1, actor, PLOVER type, ACLED sub-type and
    factuality (largest first), with their total and fatalities."""
    return event_facets(cur, flt, limit)


def _source(row: tuple[Any, ...]) -> dict[str, Any]:
    key, rid, title, url, source, published, dateline = row[:7]
    return {"key": key, "id": rid, "title": title, "url": url, "source": source,
            "published": str(published) if published is not None else None, "dateline": dateline}


_ARTICLE_COLUMNS = ("SELECT content_hash, id, title, url, source, CAST(published AS VARCHAR), dateline, status,"
                    " n_events, json_extract_string(record, '$.article.text') FROM articles")
ARTICLE_SQL = _ARTICLE_COLUMNS + " WHERE content_hash = ?"
ARTICLE_BY_ID_SQL = _ARTICLE_COLUMNS + " WHERE id = ? ORDER BY ingested_at LIMIT 1"


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with its evidence",
            responses=answers(404, 422))
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
            tags=["articles"], responses=answers(404, 422))
def get_article(cur: Cursor, key: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """The cleaned article text that every offset of its events and quotes refers to."""
    row = cur.execute(ARTICLE_SQL, [key]).fetchone()
    if row is None:
        row = cur.execute(ARTICLE_BY_ID_SQL, [key]).fetchone()
    if row is None:
        raise ApiProblem(404, f"no article with key or id {key!r} in this store")
    return {**_source(row), "status": row[7], "n_events": row[8] or 0, "text": row[9] or ""}
