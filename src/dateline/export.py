"""Exports from the store: JSONL records, ACLED-style CSV, Parquet.

- ``jsonl``: one output-contract record per article (rejections included,
  so nothing accepted or refused is silently missing).
- ``csv``: one row per incident (``dateline/2``) with ACLED's column names
  first (event_date, time_precision, event_type, sub_event_type, actor1,
  assoc_actor_1, actor2, assoc_actor_2, country, admin1, admin2, location,
  latitude, longitude, geo_precision, source, notes: a generated one-line
  summary, fatalities) followed by dateline's own (PLOVER type, mode, CAMEO,
  factuality, mentions, ids, evidence offsets).
- ``parquet``: the same event rows with one fixed, typed schema
  (:data:`PARQUET_SCHEMA`, whatever the data: an empty or all-null column keeps its type).

CSV cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are
prefixed with ``'`` (OWASP's advice against formula injection) unless
``raw_formulas`` is set.  ``event_id_cnty`` is unique even when input ids repeat
(the second article with an id gets ``ID#<its content key>``; a warning says so).
Files are written to a temporary file in the target's folder and renamed into
place: a failed export leaves the target as it was.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

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

log = logging.getLogger(__name__)

# The Parquet layout, fixed: a column keeps its type whatever the data (snapshotted in a test).
_INT_COLUMNS = frozenset({"year", "time_precision", "geo_precision", "fatalities", "injured", "arrested",
                          "evidence_start", "evidence_end", "n_mentions"})
_FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
PARQUET_SCHEMA = pa.schema([
    (name, pa.int32() if name in _INT_COLUMNS else pa.float64() if name in _FLOAT_COLUMNS
     else pa.bool_() if name == "historical" else pa.string())
    for name in ACLED_COLUMNS
])

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """A CSV cell made safe for spreadsheets: text starting with a formula character gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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
    """One ACLED-style row per event of every accepted article (keys unique even if ids repeat)."""
    seen: set[str] = set()
    repeated = 0
    for key, _at, rec in store.records_since(None, status="ok"):
        art = rec.article
        article_key = rec.id
        if article_key in seen:
            repeated += 1
            if repeated <= 5:
                log.warning("input id %r is used by more than one article; its events are exported as %r",
                            article_key, f"{article_key}#{key[:12]}")
            article_key = f"{article_key}#{key[:12]}"
        seen.add(article_key)
        for ev in rec.extraction.events:
            evd = ev.to_dict()  # the ACLED naming helpers read the contract's shape
            loc = ev.location
            start = min((s.start for s in ev.evidence), default=None)
            end = max((s.end for s in ev.evidence), default=None)
            date = ev.date
            yield {
                "event_id_cnty": f"{article_key}:{ev.id}",
                "event_date": date,
                "year": int(date[:4]) if date else None,
                "time_precision": {"day": 1, "week": 2, "month": 2, "year": 3}.get(ev.date_precision or ""),
                "disorder_type": _DISORDER.get(ev.acled_event_type or ""),
                "event_type": ev.acled_event_type,
                "sub_event_type": ev.acled_sub_event_type,
                "actor1": _acled_party(evd, "actor"),
                "assoc_actor_1": _assoc(evd, "actor"),
                "actor2": _acled_party(evd, "recipient"),
                "assoc_actor_2": _assoc(evd, "recipient"),
                "country": (country_name(loc.country) or loc.country) if loc else None,
                "admin1": loc.admin1 if loc else None,
                "admin2": loc.admin2 if loc else None,
                "location": loc.name if loc else None,
                "latitude": loc.lat if loc else None,
                "longitude": loc.lon if loc else None,
                "geo_precision": (loc.geo_precision or _PRECISION.get(loc.precision or "")) if loc else None,
                "source": art.source if art is not None else None,
                "source_url": art.url if art is not None else None,
                "notes": incident_summary(evd),
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
                "n_mentions": len(ev.mentions) or 1,
                "evidence": ";".join(f"{s.start}-{s.end}" for s in ev.evidence),
            }
    if repeated > 5:
        log.warning("%d articles share an input id with another; their events got unique keys", repeated)


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



def _atomic_write(out: str, write: Callable[[str], int]) -> int:
    """Run ``write(tmp_path)`` on a temporary file beside ``out``, then rename it into place.

    On failure only the temporary file is removed: a target that was there stays untouched.
    """
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        n = write(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def export(store: Store, fmt: str, out: str | None, raw_formulas: bool = False) -> int:
    """Write the store in ``fmt`` to ``out`` (a path, or stdout for jsonl/csv). Returns rows written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not out or out == "-":
            raise UsageError("parquet is binary: give an output file with -o FILE.parquet")
        return _atomic_write(out, lambda tmp: _export_parquet(store, tmp))
    if out and out != "-":
        def to_file(tmp: str) -> int:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return _write_text(store, fmt, fh, raw_formulas)
        return _atomic_write(out, to_file)
    return _write_text(store, fmt, sys.stdout, raw_formulas)


def _write_text(store: Store, fmt: str, stream: IO[str], raw_formulas: bool) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in store.records():
            stream.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    for row in event_rows(store):
        writer.writerow(row if raw_formulas else {k: neutralize(v) for k, v in row.items()})
        n += 1
    return n


def _export_parquet(store: Store, out: str) -> int:
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for row in event_rows(store):
            batch.append(row)
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
        n += len(batch)
    return n
