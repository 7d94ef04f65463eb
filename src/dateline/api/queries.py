"""Event and quote queries: filters turned into parameterized SQL over the store's tables.

Every value a caller sends travels as a DuckDB parameter; the only SQL text
assembled here comes from fixed fragments chosen by which filters are set.
Full-text ``q`` is a case-insensitive ``ILIKE`` over the evidence sentence
(DuckDB's fts extension is not available offline), with ``%``/``_``
escaped so the caller's text matches literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pycountry

from dateline.api.problems import ApiProblem

SORTS = {
    "date_desc": "e.date DESC NULLS LAST, e.content_hash, e.event_id",
    "date_asc": "e.date ASC NULLS LAST, e.content_hash, e.event_id",
    "confidence_desc": "e.confidence DESC NULLS LAST, e.content_hash, e.event_id",
}

EVENT_COLUMNS = (
    "e.content_hash, e.article_id, e.event_id, e.event_type, e.mode, e.cameo, e.acled_event_type,"
    " e.acled_sub_event_type, CAST(e.date AS VARCHAR), e.date_precision, e.location_name, e.country,"
    " e.lat, e.lon, e.actors, e.recipients, e.dead, e.injured, e.arrested, e.factuality,"
    " e.attributed_to, e.historical, e.confidence, e.evidence_text, a.title, a.source,"
    " CAST(a.published AS VARCHAR), json_extract_string(e.event, '$.location.precision')"
)


def like_pattern(text: str) -> str:
    """``%text%`` with the LIKE wildcards in ``text`` escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def country_code(value: str) -> str:
    """ISO alpha-2 for a country given as alpha-2, alpha-3 or name (events store alpha-2)."""
    v = value.strip()
    found = None
    try:
        if len(v) == 2:
            found = pycountry.countries.get(alpha_2=v.upper())
        elif len(v) == 3:
            found = pycountry.countries.get(alpha_3=v.upper())
        if found is None:
            found = pycountry.countries.lookup(v)
    except LookupError:
        found = None
    if found is None:
        raise ApiProblem(422, f"unknown country {value!r}: give an ISO code (IQ, IRQ) or an English name")
    return str(found.alpha_2)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The event filters of ``GET /api/events`` (all optional, combined with AND)."""

    date_from: date | None = None
    date_to: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_type: tuple[str, ...] = ()
    acled_event_type: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    factuality: tuple[str, ...] = ()
    q: str | None = None
    article: str | None = None  # article key
    include_historical: bool = True

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (with a leading ' WHERE ' or empty) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from is not None:
            clauses.append("e.date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("e.date <= ?")
            params.append(self.date_to)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            clauses.append("e.lat BETWEEN ? AND ?")
            params += [min_lat, max_lat]
            if min_lon <= max_lon:
                clauses.append("e.lon BETWEEN ? AND ?")
                params += [min_lon, max_lon]
            else:  # the box crosses the antimeridian
                clauses.append("(e.lon >= ? OR e.lon <= ?)")
                params += [min_lon, max_lon]
        for column, values in (("e.event_type", self.event_type), ("e.acled_event_type", self.acled_event_type),
                               ("e.factuality", self.factuality)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if self.actor:
            clauses.append("(e.actors ILIKE ? ESCAPE '\\' OR e.recipients ILIKE ? ESCAPE '\\')")
            params += [like_pattern(self.actor)] * 2
        if self.country:
            clauses.append("e.country = ?")
            params.append(country_code(self.country))
        if self.q:
            clauses.append("e.evidence_text ILIKE ? ESCAPE '\\'")
            params.append(like_pattern(self.q))
        if self.article:
            clauses.append("e.content_hash = ?")
            params.append(self.article)
        if not self.include_historical:
            clauses.append("NOT coalesce(e.historical, false)")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees, validated."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or any(n != n for n in nums):
        raise ApiProblem(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = nums
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ApiProblem(422, "bbox out of range: longitudes in [-180, 180], latitudes in [-90, 90], "
                              "min_lat <= max_lat")
    return min_lon, min_lat, max_lon, max_lat


def row_to_event(row: tuple[Any, ...]) -> dict[str, Any]:
    """One EVENT_COLUMNS row as the EventSummary shape."""
    (key, article_id, event_id, event_type, mode, cameo, acled, acled_sub, day, precision, loc_name,
     country, lat, lon, actors, recipients, dead, injured, arrested, factuality, attributed_to,
     historical, confidence, evidence_text, title, source, published, loc_precision) = row
    return {
        "id": f"{key}:{event_id}", "article_key": key, "article_id": article_id, "event_type": event_type,
        "mode": mode, "cameo": cameo, "acled_event_type": acled, "acled_sub_event_type": acled_sub,
        "date": day, "date_precision": precision,
        "location": {"name": loc_name, "country": country, "lat": lat, "lon": lon, "precision": loc_precision},
        "actors": actors, "recipients": recipients, "dead": dead, "injured": injured, "arrested": arrested,
        "factuality": factuality, "attributed_to": attributed_to, "historical": historical,
        "confidence": confidence, "evidence_text": evidence_text, "title": title, "source": source,
        "published": published,
    }


def search_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int,
                  sort: str = "date_desc") -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of events)."""
    where, params = flt.where()
    total_row = cur.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    if total == 0 or offset >= total:
        return total, []
    # Sort and cut the page on events alone, then join the page's few rows to their articles.
    sql = (f"SELECT {EVENT_COLUMNS} FROM (SELECT * FROM events e{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?) e"
           f" JOIN articles a ON a.content_hash = e.content_hash ORDER BY {SORTS[sort]}")
    rows = cur.execute(sql, [*params, limit, offset]).fetchall()
    return total, [row_to_event(r) for r in rows]


def event_timeline(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> tuple[int, int, list[tuple[str, int]]]:
    """(total, undated, [(day, count)]) for the filtered events."""
    where, params = flt.where()
    rows = cur.execute(
        f"SELECT CAST(e.date AS VARCHAR), count(*) FROM events e{where} GROUP BY 1 ORDER BY 1 NULLS LAST",
        params).fetchall()
    undated = sum(int(n) for d, n in rows if d is None)
    buckets = [(str(d), int(n)) for d, n in rows if d is not None]
    return undated + sum(n for _, n in buckets), undated, buckets


def search_quotes(cur: duckdb.DuckDBPyConnection, speaker: str | None, q: str | None, article: str | None,
                  limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        clauses.append("speaker ILIKE ? ESCAPE '\\'")
        params.append(like_pattern(speaker))
    if q:
        clauses.append("text ILIKE ? ESCAPE '\\'")
        params.append(like_pattern(q))
    if article:
        clauses.append("content_hash = ?")
        params.append(article)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    total_row = cur.execute(f"SELECT count(*) FROM quotes{where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    rows = cur.execute(
        "SELECT content_hash, article_id, n, kind, speaker, speaker_role, cue, text, start_char, end_char"
        f" FROM quotes{where} ORDER BY content_hash, n LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    keys = ("article_key", "article_id", "n", "kind", "speaker", "speaker_role", "cue", "text", "start", "end")
    return total, [dict(zip(keys, r, strict=True)) for r in rows]
