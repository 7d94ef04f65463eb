"""Look-ups shared by the place tests: a place by its surface text, and "within km of a point"."""

from __future__ import annotations

from dateline.gazetteer.index import haversine_km
from dateline.records import Place


def find_place(places: tuple[Place, ...], text: str) -> Place:
    hits = [p for p in places if p.text == text]
    assert hits, f"{text!r} not in {[p.text for p in places]}"
    return hits[0]


def near(p: Place, lat: float, lon: float, km: float = 60.0) -> bool:
    return p.lat is not None and p.lon is not None and haversine_km(p.lat, p.lon, lat, lon) < km
