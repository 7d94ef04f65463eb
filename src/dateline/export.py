"""Exports from the store: JSONL records, ACLED-style CSV, Parquet.

- ``jsonl``: one output-contract record per article (rejections included,
  so nothing accepted or refused is silently missing).
- ``csv``: one row per incident (``dateline/2``) with ACLED's column names
  first (event_date, time_precision, event_type, sub_event_type, actor1,
  assoc_actor_1, actor2, assoc_actor_2, country, admin1, admin2, location,
  latitude, longitude, geo_precision, source, notes: a generated one-line
  summary, fatalities) followed by dateline's own (PLOVER type, mode, CAMEO,
  factuality, mentions, ids, evidence offsets).
- ``parquet``: the same event rows with typed columns, via pyarrow.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dateline.acled_names import acled_actor, country_name, incident_summary
from dateline.errors import UsageError
from dateline.store import Store

FORMATS = ("jsonl", "csv", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2",
    "location", "latitude", "longitude",
    "geo_precision", "source", "source_url", "notes", "fatalities", "injured", "arrested",
    "plover_event_type", "plover_mode", "cameo", "factuality", "attributed_to", "historical",
    "confidence", "article_id", "evidence_start", "evidence_end", "n_mentions", "evidence",
)

_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 2, "region": 3, "country": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per event of every accepted article."""
    for rec in store.records(status="ok"):
        art = rec["article"]
        for ev in rec["events"]:
            loc = ev.get("location") or {}
            evidence = ev.get("evidence") or []
            start = min((s["start"] for s in evidence), default=None)
            end = max((s["end"] for s in evidence), default=None)
            date = ev.get("date")
            yield {
                "event_id_cnty": f"{rec['id']}:{ev['id']}",
                "event_date": date,
                "year": int(date[:4]) if date else None,
                "time_precision": {"day": 1, "week": 2, "month": 2, "year": 3}.get(ev.get("date_precision") or ""),
                "disorder_type": _DISORDER.get(ev.get("acled_event_type") or ""),
                "event_type": ev.get("acled_event_type"),
                "sub_event_type": ev.get("acled_sub_event_type"),
                "actor1": _acled_party(ev, "actor"),
                "assoc_actor_1": _assoc(ev, "actor"),
                "actor2": _acled_party(ev, "recipient"),
                "assoc_actor_2": _assoc(ev, "recipient"),
                "country": country_name(loc.get("country")) or loc.get("country"),
                "admin1": loc.get("admin1"),
                "admin2": loc.get("admin2"),
                "location": loc.get("name"),
                "latitude": loc.get("lat"),
                "longitude": loc.get("lon"),
                "geo_precision": loc.get("geo_precision") or _PRECISION.get(loc.get("precision") or ""),
                "source": art.get("source"),
                "source_url": art.get("url"),
                "notes": incident_summary(ev),
                "fatalities": ev.get("dead"),
                "injured": ev.get("injured"),
                "arrested": ev.get("arrested"),
                "plover_event_type": ev.get("event_type"),
                "plover_mode": ev.get("mode"),
                "cameo": ev.get("cameo"),
                "factuality": ev.get("factuality"),
                "attributed_to": ev.get("attributed_to"),
                "historical": ev.get("historical"),
                "confidence": ev.get("confidence"),
                "article_id": rec["id"],
                "evidence_start": start,
                "evidence_end": end,
                "n_mentions": len(ev.get("mentions") or []) or 1,
                "evidence": ";".join(f"{s['start']}-{s['end']}" for s in evidence),
            }


def _acled_party(ev: dict[str, Any], role: str) -> str | None:
    parties = ev.get(role) or []
    return acled_actor(parties[0] if parties else None, ev, role)


def _assoc(ev: dict[str, Any], role: str) -> str | None:
    """ACLED's assoc_actor: the first party's associates, else the other parties, "; "-joined."""
    parties = ev.get(role) or []
    if not parties:
        return None
    names = list(parties[0].get("assoc") or []) or [a.get("name") or a.get("text") or "" for a in parties[1:]]
    return "; ".join(n for n in names if n) or None


def export(store: Store, fmt: str, out: str | None) -> int:
    """Write the store in ``fmt`` to ``out`` (a path, or stdout for jsonl/csv). Returns rows written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not out or out == "-":
            raise UsageError("parquet is binary: give an output file with -o FILE.parquet")
        return _export_parquet(store, out)
    stream: IO[str]
    close = False
    if out and out != "-":
        stream = open(out, "w", encoding="utf-8", newline="")
        close = True
    else:
        stream = sys.stdout
    try:
        if fmt == "jsonl":
            n = 0
            for rec in store.records():
                stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
            return n
        writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        n = 0
        for row in event_rows(store):
            writer.writerow(row)
            n += 1
        return n
    finally:
        if close:
            stream.close()


def _export_parquet(store: Store, out: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(event_rows(store))
    columns = {name: [row[name] for row in rows] for name in ACLED_COLUMNS}
    table = pa.table(columns) if rows else pa.table({name: pa.array([], pa.string()) for name in ACLED_COLUMNS})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out)
    return len(rows)
