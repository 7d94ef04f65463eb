"""Event and quote queries: filters turned into parameterized SQL over the store's tables.

Every value a caller sends travels as a DuckDB parameter; the only SQL text
assembled here comes from fixed fragments chosen by which filters are set.
Full-text ``q`` matches when every one of its words occurs in the evidence
sentence (one case-insensitive ``ILIKE`` per word; DuckDB's fts extension is
not available offline), with ``%``/``_`` escaped so the words match literally.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pycountry

from dateline.api.problems import ApiProblem
from dateline.records import ArticleRecord

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


# Common English names and abbreviations pycountry does not know (lower case -> ISO alpha-2).
COUNTRY_ALIASES = {
    "turkey": "TR", "russia": "RU", "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "ivory coast": "CI", "cote d'ivoire": "CI", "côte d'ivoire": "CI", "dr congo": "CD", "drc": "CD",
    "d.r. congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD", "congo kinshasa": "CD", "congo-brazzaville": "CG", "republic of congo": "CG",
    "republic of the congo": "CG", "burma": "MM", "palestine": "PS", "palestinian territories": "PS",
    "gaza": "PS", "gaza strip": "PS", "west bank": "PS", "usa": "US", "u.s.": "US", "u.s.a.": "US",
    "america": "US", "united states of america": "US", "uae": "AE", "emirates": "AE",
    "cape verde": "CV", "macedonia": "MK", "swaziland": "SZ", "east timor": "TL", "vatican": "VA",
    "holy see": "VA", "south korea": "KR", "north korea": "KP", "syria": "SY", "iran": "IR",
    "laos": "LA", "vietnam": "VN", "moldova": "MD", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE",
    "kosovo": "XK", "czechia": "CZ", "czech republic": "CZ", "the netherlands": "NL", "holland": "NL",
    "the gambia": "GM", "gambia": "GM", "the bahamas": "BS", "micronesia": "FM", "brunei": "BN",
    "taiwan": "TW", "sao tome": "ST", "são tomé": "ST", "st lucia": "LC", "saint lucia": "LC",
}
# Codes the store may hold that ISO 3166 does not (Kosovo's user-assigned code).
EXTRA_CODES = {"XK": ("XKX", "Kosovo")}


def country_code(value: str) -> str:
    """ISO alpha-2 for a country given as alpha-2, alpha-3, name or common alias (events store alpha-2)."""
    v = " ".join(value.strip().split())
    low = v.lower()
    if low in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[low]
    if low.startswith("the ") and low[4:] in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[low[4:]]
    up = v.upper()
    for code, (alpha3, _name) in EXTRA_CODES.items():
        if up in (code, alpha3):
            return code
    found = None
    try:
        if len(v) == 2:
            found = pycountry.countries.get(alpha_2=up)
        elif len(v) == 3:
            found = pycountry.countries.get(alpha_3=up)
        if found is None:
            found = pycountry.countries.lookup(v)
    except LookupError:
        found = None
    if found is None:
        raise ApiProblem(422, f"unknown country {value!r}: give an ISO code (IQ, IRQ), an English name "
                              "(Iraq) or a common name (Turkey, UK, Ivory Coast, DR Congo)")
    return str(found.alpha_2)


def country_names(code: str) -> list[str]:
    """Lower-case names a place may carry for the country ``code`` (for events with a place but no country)."""
    names = {alias for alias, c in COUNTRY_ALIASES.items() if c == code}
    found = pycountry.countries.get(alpha_2=code)
    if found is not None:
        for attr in ("name", "common_name", "official_name"):
            if getattr(found, attr, None):
                names.add(str(getattr(found, attr)).lower())
    elif code in EXTRA_CODES:
        names.add(EXTRA_CODES[code][1].lower())
    return sorted(names)


def words(text: str) -> list[str]:
    """The words of a ``q`` search (split on white space; quotes removed), at most 10."""
    return [w for w in (t.strip("\"'") for t in text.split()) if w][:10]


# An event whose place has a name but no coordinates (or country) takes them from the place of that
# name the article's own gazetteer look-up found (the ``places`` table), as ``pc``/``p`` below.
PLACE_MATCH = "p.content_hash = e.content_hash AND p.name = e.location_name"
PLACE_COORDS = ("(SELECT content_hash, name, any_value(lat) AS lat, any_value(lon) AS lon,"
                " any_value(country) AS country FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL"
                " GROUP BY content_hash, name)")
PLACED_JOIN = (f" LEFT JOIN {PLACE_COORDS} pc ON e.lat IS NULL AND pc.content_hash = e.content_hash"
               " AND pc.name = e.location_name")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The event filters of ``GET /api/events`` (all optional, combined with AND; repeated values: OR)."""

    date_from: date | None = None
    date_to: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_type: tuple[str, ...] = ()
    acled_event_type: tuple[str, ...] = ()
    acled_sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    country: tuple[str, ...] = ()  # as given; resolved to ISO alpha-2 by where()
    factuality: tuple[str, ...] = ()
    q: str | None = None
    article: str | None = None  # article key
    min_dead: int | None = None
    located: bool | None = None  # True: with coordinates; False: without
    include_historical: bool = False

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
            in_box = "{t}.lat BETWEEN ? AND ? AND " + (
                "{t}.lon BETWEEN ? AND ?" if min_lon <= max_lon
                else "({t}.lon >= ? OR {t}.lon <= ?)")  # the box crosses the antimeridian
            box = [min_lat, max_lat, min_lon, max_lon]
            # an event without coordinates is where the article's gazetteer put its place
            clauses.append(f"(({in_box.format(t='e')}) OR (e.lat IS NULL AND e.location_name IS NOT NULL"
                           f" AND EXISTS (SELECT 1 FROM places p WHERE {PLACE_MATCH} AND {in_box.format(t='p')})))")
            params += [*box, *box]
        for column, values in (("e.event_type", self.event_type), ("e.acled_event_type", self.acled_event_type),
                               ("e.acled_sub_event_type", self.acled_sub_event_type),
                               ("e.factuality", self.factuality)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if self.actor:
            clauses.append("(e.actors ILIKE ? ESCAPE '\\' OR e.recipients ILIKE ? ESCAPE '\\')")
            params += [like_pattern(self.actor)] * 2
        if self.country:
            codes = sorted({country_code(c) for c in self.country})
            names = sorted({n for c in codes for n in country_names(c)}) or [""]
            marks = ", ".join("?" for _ in codes)
            # An event with a place but no country still matches when its place is the country
            # itself or a place the article's gazetteer look-up put in that country.
            clauses.append(
                f"(e.country IN ({marks}) OR (e.country IS NULL AND e.location_name IS NOT NULL AND"
                f" (lower(e.location_name) IN ({', '.join('?' for _ in names)}) OR EXISTS (SELECT 1 FROM places p"
                f" WHERE p.content_hash = e.content_hash AND p.name = e.location_name"
                f" AND p.country IN ({marks})))))")
            params += [*codes, *names, *codes]
        if self.q:
            for word in words(self.q):
                clauses.append("e.evidence_text ILIKE ? ESCAPE '\\'")
                params.append(like_pattern(word))
        if self.article:
            clauses.append("e.content_hash = ?")
            params.append(self.article)
        if self.min_dead is not None and self.min_dead > 0:
            clauses.append("e.dead >= ?")
            params.append(self.min_dead)
        if self.located is not None:
            placed = (f"((e.lat IS NOT NULL AND e.lon IS NOT NULL) OR (e.lat IS NULL AND e.location_name IS NOT NULL"
                      f" AND EXISTS (SELECT 1 FROM places p WHERE {PLACE_MATCH} AND p.lat IS NOT NULL"
                      " AND p.lon IS NOT NULL)))")
            clauses.append(placed if self.located else f"NOT {placed}")
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
    if flt.q or flt.actor or flt.country:
        # costly predicates (text matching, the country fallback): evaluate them once, for both the
        # count and the page
        row = cur.execute(
            "WITH m AS MATERIALIZED (SELECT e.rowid AS r, e.date AS date, e.confidence AS confidence,"
            f" e.content_hash AS content_hash, e.event_id AS event_id FROM events e{where})"
            f" SELECT (SELECT count(*) FROM m), (SELECT list(r) FROM (SELECT r FROM m e ORDER BY {SORTS[sort]}"
            " LIMIT ? OFFSET ?))", [*params, limit, offset]).fetchone()
        total, ids = (int(row[0]), list(row[1] or [])) if row else (0, [])
    else:
        total_row = cur.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()
        total = int(total_row[0]) if total_row else 0
        if total == 0 or offset >= total:
            return total, []
        # Sort and cut the page on narrow rows (row ids and sort keys: a cheap top-N), then fetch the
        # page's few rows by row id with their articles (rows are never deleted: row ids are stable).
        ids = [r[0] for r in cur.execute(f"SELECT e.rowid FROM events e{where} ORDER BY {SORTS[sort]}"
                                         " LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()]
    if not ids:
        return total, []
    rows = cur.execute(f"SELECT {EVENT_COLUMNS} FROM (SELECT * FROM events WHERE rowid = ANY(?)) e"
                       f" JOIN articles a ON a.content_hash = e.content_hash ORDER BY {SORTS[sort]}", [ids]).fetchall()
    return total, [row_to_event(r) for r in rows]


def search_all_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str = "date_desc",
                      batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every matching event as the EventSummary shape, in ``sort`` order (for exports)."""
    where, params = flt.where()
    res = cur.execute(f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.content_hash = e.content_hash"
                      f"{where} ORDER BY {SORTS[sort]}", params)
    while rows := res.fetchmany(batch):
        for r in rows:
            yield row_to_event(r)


def matching_records(cur: duckdb.DuckDBPyConnection, flt: EventFilter, batch: int = 200
                     ) -> Iterator[tuple[str, ArticleRecord]]:
    """(content hash, typed record) of the articles holding a matching event, each record with only
    its matching events, in ingestion order: what a filtered export writes."""
    where, params = flt.where()
    res = cur.execute(
        f"WITH m AS (SELECT e.content_hash, list(e.event_id) AS ids FROM events e{where} GROUP BY 1)"
        " SELECT a.content_hash, a.record, m.ids FROM m JOIN articles a ON a.content_hash = m.content_hash"
        " WHERE a.status = 'ok' ORDER BY a.ingested_at, a.content_hash", params)
    while rows := res.fetchmany(batch):
        for key, record, ids in rows:
            rec = json.loads(record)
            keep = set(ids)
            rec["events"] = [ev for ev in rec.get("events", []) if ev.get("id") in keep]
            yield key, ArticleRecord.from_dict(rec)


INTERVALS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def event_timeline(cur: duckdb.DuckDBPyConnection, flt: EventFilter, interval: str = "day"
                   ) -> dict[str, Any]:
    """Events and fatalities per day/week/month/year (``auto``: by the span) for the filtered events."""
    where, params = flt.where()
    if interval == "auto":
        span = cur.execute(f"SELECT min(e.date), max(e.date) FROM events e{where}", params).fetchone()
        days = (span[1] - span[0]).days if span and span[0] is not None and span[1] is not None else 0
        interval = "day" if days <= 120 else "week" if days <= 3 * 365 else "month" if days <= 30 * 365 else "year"
    unit = INTERVALS[interval]
    rows = cur.execute(
        f"SELECT CAST(date_trunc('{unit}', e.date) AS DATE), count(*), sum(coalesce(e.dead, 0))"
        f" FROM events e{where} GROUP BY 1 ORDER BY 1 NULLS LAST", params).fetchall()
    undated = sum(int(n) for d, n, _ in rows if d is None)
    buckets = []
    for d, n, dead in rows:
        if d is None:
            continue
        end = {"day": d, "week": d + timedelta(days=6),
               "month": (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
               "year": d.replace(month=12, day=31)}[unit]
        buckets.append({"date": d.isoformat(), "end": end.isoformat(), "count": int(n), "dead": int(dead or 0)})
    fatalities = sum(int(dead or 0) for _, _, dead in rows)
    return {"total": undated + sum(b["count"] for b in buckets), "undated": undated, "fatalities": fatalities,
            "interval": interval, "buckets": buckets}


MAX_ZOOM = 14
BASE_CELL_DEG = 10.0  # cluster cell at zoom 0 (whole world); halves with each zoom step


def map_clusters(cur: duckdb.DuckDBPyConnection, flt: EventFilter, zoom: int,
                 view: tuple[float, float, float, float] | None = None) -> dict[str, Any]:
    """Every matching event with coordinates, clustered on a grid of ``10 / 2**zoom`` degree cells
    (events at one place fall in one cell), with counts and fatalities per cluster; clusters only
    inside ``view`` when given (the counts are over all matching events); and how many matching
    events have no coordinates, by place name."""
    where, params = flt.where()
    cell = BASE_CELL_DEG / (2 ** zoom)
    lat, lon = "coalesce(e.lat, pc.lat)", "coalesce(e.lon, pc.lon)"
    located = (" WHERE " if not where else where + " AND ") + f"{lat} IS NOT NULL AND {lon} IS NOT NULL"
    row = cur.execute(f"SELECT count(*), sum(coalesce(e.dead, 0)) FROM events e{PLACED_JOIN}{located}",
                      params).fetchone()
    n_located, fatalities = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    in_view, view_params = located, list(params)
    if view is not None:
        min_lon, min_lat, max_lon, max_lat = view
        in_view += f" AND {lat} BETWEEN ? AND ? AND " + (
            f"{lon} BETWEEN ? AND ?" if min_lon <= max_lon else f"({lon} >= ? OR {lon} <= ?)")
        view_params += [min_lat, max_lat, min_lon, max_lon]
    # Cheap aggregates only (no mode / count distinct): a place name and a single point are told
    # by min = max.
    rows = cur.execute(
        f"SELECT count(*), sum(coalesce(e.dead, 0)), avg({lat}), avg({lon}), min({lat}), max({lat}),"
        f" min({lon}), max({lon}), min(e.location_name), max(e.location_name)"
        f" FROM events e{PLACED_JOIN}{in_view} GROUP BY floor(({lon} + 180) / ?), floor(({lat} + 90) / ?)"
        " ORDER BY 1 DESC, 3, 4", [*view_params, cell, cell]).fetchall()
    clusters = [{"lat": round(a_lat, 5), "lon": round(a_lon, 5), "count": int(n), "dead": int(dead or 0),
                 "bbox": [mn_lon, mn_lat, mx_lon, mx_lat], "place": p1 if p1 == p2 else None,
                 "one_point": mn_lat == mx_lat and mn_lon == mx_lon}
                for n, dead, a_lat, a_lon, mn_lat, mx_lat, mn_lon, mx_lon, p1, p2 in rows]
    unlocated = (" WHERE " if not where else where + " AND ") + f"({lat} IS NULL OR {lon} IS NULL)"
    places = cur.execute(
        f"SELECT e.location_name, count(*), sum(coalesce(e.dead, 0)) FROM events e{PLACED_JOIN}{unlocated}"
        " GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT 50", params).fetchall()
    n_unlocated = sum(int(n) for _, n, _ in places)
    if len(places) == 50:
        row = cur.execute(f"SELECT count(*) FROM events e{PLACED_JOIN}{unlocated}", params).fetchone()
        n_unlocated = int(row[0]) if row else n_unlocated
    return {"zoom": zoom, "cell_deg": cell, "total": n_located + n_unlocated, "located": n_located,
            "in_view": sum(c["count"] for c in clusters), "unlocated": n_unlocated,
            "fatalities": fatalities + sum(int(d or 0) for _, _, d in places),
            "max_dead": max((c["dead"] for c in clusters), default=0), "clusters": clusters,
            "unlocated_places": [{"name": name, "count": int(n), "dead": int(dead or 0)}
                                 for name, n, dead in places]}


FACET_LIMIT = 15


def event_facets(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int = FACET_LIMIT) -> dict[str, Any]:
    """Counts of the filtered events by country, admin1, actor, PLOVER type, ACLED sub-type and factuality
    (the ``limit`` largest values of each), with the total and its fatalities."""
    where, params = flt.where()
    out: dict[str, Any] = {}
    rows = cur.execute(
        "SELECT GROUPING(coalesce(e.country, pc.country), e.event_type, e.acled_sub_event_type, e.factuality) AS g,"
        " coalesce(e.country, pc.country), e.event_type, e.acled_sub_event_type, e.factuality, count(*) AS n,"
        f" sum(coalesce(e.dead, 0)) FROM events e{PLACED_JOIN.replace('e.lat IS NULL', 'e.country IS NULL')}{where}"
        " GROUP BY GROUPING SETS ((coalesce(e.country, pc.country)), (e.event_type), (e.acled_sub_event_type),"
        " (e.factuality), ())", params).fetchall()
    grouped: dict[str, list[tuple[Any, int]]] = {"country": [], "event_type": [], "acled_sub_event_type": [],
                                                  "factuality": []}
    total = fatalities = 0
    for g, country, etype, sub, fact, n, dead in rows:
        if g == 15:
            total, fatalities = int(n), int(dead or 0)
            continue
        if g == 7:
            grouped["country"].append((country, int(n)))
        elif g == 11:
            grouped["event_type"].append((etype, int(n)))
        elif g == 13:
            grouped["acled_sub_event_type"].append((sub, int(n)))
        elif g == 14:
            grouped["factuality"].append((fact, int(n)))
    for name, values in grouped.items():
        values.sort(key=lambda vn: (-vn[1], vn[0] is None, str(vn[0])))
        out[name] = [{"value": v, "count": n} for v, n in values[:limit]]
    out["admin1"] = [{"value": v, "count": int(n)} for v, n in cur.execute(
        "SELECT p.admin1, count(*) FROM events e JOIN (SELECT content_hash, name, any_value(admin1) AS admin1"
        " FROM places WHERE admin1 IS NOT NULL GROUP BY 1, 2) p"
        f" ON p.content_hash = e.content_hash AND p.name = e.location_name{where}"
        " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [*params, limit]).fetchall()]
    out["actor"] = [{"value": v, "count": int(n)} for v, n in cur.execute(
        "SELECT name, count(*) FROM (SELECT unnest(string_split(e.actors, '; ')) AS name"
        f" FROM events e{where}) WHERE name <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
        [*params, limit]).fetchall()]
    return {"total": total, "fatalities": fatalities, "facets": out}


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
