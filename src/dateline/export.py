"""Exports from the store: JSONL records, ACLED-style CSV, Parquet.

- ``jsonl``: one output-contract record per article (rejections included,
  so nothing accepted or refused is silently missing).
- ``csv``: one row per event with ACLED's column names first
  (event_date, year, event_type, sub_event_type, actor1, actor2, country,
  location, latitude, longitude, geo_precision, source, notes, fatalities)
  followed by dateline's own (PLOVER type, mode, CAMEO, factuality, offsets).
- ``parquet``: the same event rows with typed columns, via pyarrow.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dateline.errors import UsageError
from dateline.store import Store

FORMATS = ("jsonl", "csv", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "country", "location", "latitude", "longitude",
    "geo_precision", "source", "source_url", "notes", "fatalities", "injured", "arrested",
    "plover_event_type", "plover_mode", "cameo", "factuality", "attributed_to", "historical",
    "confidence", "article_id", "evidence_start", "evidence_end",
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
        art = rec.article
        text = art.text if art is not None else ""
        for ev in rec.extraction.events:
            loc = ev.location
            start = min((s.start for s in ev.evidence), default=None)
            end = max((s.end for s in ev.evidence), default=None)
            date = ev.date
            yield {
                "event_id_cnty": f"{rec.id}:{ev.id}",
                "event_date": date,
                "year": int(date[:4]) if date else None,
                "time_precision": {"day": 1, "week": 2, "month": 2, "year": 3}.get(ev.date_precision or ""),
                "disorder_type": _DISORDER.get(ev.acled_event_type or ""),
                "event_type": ev.acled_event_type,
                "sub_event_type": ev.acled_sub_event_type,
                "actor1": "; ".join(a.name or a.text or "" for a in ev.actor),
                "actor2": "; ".join(a.name or a.text or "" for a in ev.recipient),
                "country": loc.country if loc else None,
                "location": loc.name if loc else None,
                "latitude": loc.lat if loc else None,
                "longitude": loc.lon if loc else None,
                "geo_precision": _PRECISION.get(loc.precision or "") if loc else None,
                "source": art.source if art is not None else None,
                "source_url": art.url if art is not None else None,
                "notes": text[start:end] if start is not None else None,
                "fatalities": ev.dead,
                "injured": ev.injured,
                "arrested": ev.arrested,
                "plover_event_type": ev.event_type,
                "plover_mode": ev.mode,
                "cameo": ev.cameo,
                "factuality": ev.factuality,
                "attributed_to": ev.attributed_to,
                "historical": ev.historical,
                "confidence": ev.confidence,
                "article_id": rec.id,
                "evidence_start": start,
                "evidence_end": end,
            }


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
                stream.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
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
