"""Score incidents against an ACLED export (``dateline eval acled --data FILE``).

Each row's ``notes`` is run through the product as one article (:func:`extract_records`, default
settings).  No publication date is passed: an ACLED note states its own date ("On 3 May 2022,
..."), and a user who runs dateline on an export's notes has nothing else to give it; dates the
note leaves relative stay unresolved.  The note's incident is the first ACLED-typed incident of
the record (incidents come highest confidence first), else the first incident.  Measures, over
the rows of ``--split`` (``all`` by default, so it runs unchanged on a user's own export;
``dev``/``heldout`` use :mod:`dateline.eval.acled_split`):

- ``one_incident_share``: notes with exactly one ACLED-typed, non-background incident (a note
  reports one event);
- ``sub_event_type_accuracy`` / ``event_type_accuracy``: the incident's ACLED (sub-)type;
- ``fatalities_exact``: its ``dead`` (none stated = 0) equals ``fatalities``;
- ``date_accuracy``: its ``date`` equals ``event_date`` (``date_within_7d`` also);
- ``location_within_50km``: its coordinates within 50 km of the row's (rows with coordinates);
- ``actor1_accuracy``: its first actor's ACLED name (:func:`dateline.acled_names.acled_actor`)
  equals ``actor1`` with ACLED's period suffix ("(2021-)") removed.

``limit`` keeps the first N rows of the split.
"""

from __future__ import annotations

import csv
import math
import re
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from dateline.acled_names import acled_actor
from dateline.eval.acled_split import in_split
from dateline.eval.product import GoldDocument, extract_records

_PERIOD = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?)\)")


def load_rows(data: str, split: str = "all", limit: int | None = None) -> list[dict[str, str]]:
    """The export's rows in ``split`` (a CSV file, or a folder holding one)."""
    path = Path(data)
    if path.is_dir():
        path = sorted(path.glob("*.csv"))[0]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes") and in_split(r["event_id_cnty"], split)]
    return rows[:limit] if limit is not None else rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def norm_actor(name: str) -> str:
    """ACLED actor name without its period suffix, case-folded."""
    return _PERIOD.sub("", name).strip().lower()


def note_incident(record: dict[str, Any]) -> dict[str, Any] | None:
    events = record.get("events") or []
    return next((e for e in events if e.get("acled_event_type") and not e.get("historical")), None) or (
        events[0] if events else None)


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def evaluate(data: str, limit: int | None = None, split: str = "all") -> dict[str, Any]:
    """Score the product on an ACLED export; see the module docstring."""
    t0 = time.perf_counter()
    rows = load_rows(data, split, limit)
    docs = [GoldDocument(id=r["event_id_cnty"], text=r["notes"]) for r in rows]
    hits: Counter[str] = Counter()
    n_geo = 0
    confusions: Counter[str] = Counter()
    for row, rec in zip(rows, extract_records(docs), strict=True):
        typed = [e for e in rec.get("events") or [] if e.get("acled_event_type") and not e.get("historical")]
        hits["one_incident"] += len(typed) == 1
        hits["typed"] += bool(typed)
        inc = note_incident(rec)
        if inc is None:
            confusions[f"{row['sub_event_type']}->None"] += 1
            hits["fatalities"] += row["fatalities"] == "0"
            continue
        hits["sub_type"] += inc.get("acled_sub_event_type") == row["sub_event_type"]
        hits["type"] += inc.get("acled_event_type") == row["event_type"]
        if inc.get("acled_sub_event_type") != row["sub_event_type"]:
            confusions[f"{row['sub_event_type']}->{inc.get('acled_sub_event_type')}"] += 1
        hits["fatalities"] += str(inc.get("dead") or 0) == row["fatalities"]
        if inc.get("date"):
            hits["date"] += inc["date"] == row["event_date"]
            try:
                hits["date7"] += abs((date.fromisoformat(inc["date"]) - date.fromisoformat(row["event_date"])).days) <= 7
            except ValueError:
                pass
        glat, glon = _float(row.get("latitude", "")), _float(row.get("longitude", ""))
        if glat is not None and glon is not None:
            n_geo += 1
            loc = inc.get("location") or {}
            if loc.get("lat") is not None and loc.get("lon") is not None:
                hits["geo"] += _km(glat, glon, loc["lat"], loc["lon"]) <= 50.0
        actors = inc.get("actor") or []
        country = next((p.get("country") for p in rec.get("places") or [] if p.get("country")), None)
        name = acled_actor(actors[0] if actors else None, inc, country=country)
        hits["actor1"] += name is not None and norm_actor(name) == norm_actor(row["actor1"])
    n = len(rows)

    def share(key: str, of: int = n) -> float:
        return round(hits[key] / of, 4) if of else 0.0

    return {
        "dataset": "acled",
        "data": data,
        "n_docs": n,
        "seconds": round(time.perf_counter() - t0, 2),
        "split": split,
        "one_incident_share": share("one_incident"),
        "sub_event_type_accuracy": share("sub_type"),
        "event_type_accuracy": share("type"),
        "fatalities_exact": share("fatalities"),
        "date_accuracy": share("date"),
        "date_within_7d": share("date7"),
        "location_within_50km": share("geo", n_geo),
        "actor1_accuracy": share("actor1"),
        "typed_share": share("typed"),
        "top_confusions": dict(confusions.most_common(10)),
    }
