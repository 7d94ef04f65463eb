"""The packaged gazetteer: loads, and common names land where they should."""

from __future__ import annotations

import pytest

from dateline.gazetteer.index import haversine_km, load_gazetteer
from dateline.gazetteer.lookup import ResolveContext, resolve
from dateline.gazetteer.normalize import fold, name_keys


def test_fold_folds_case_diacritics_and_punctuation() -> None:
    assert fold("Al-Qa'im") == "al qaim"
    assert fold("U.S.") == "us"
    assert fold("Kerkûk") == "kerkuk"
    assert name_keys("al-Anbar", strip_article=True) == ("al anbar", "anbar")
    assert name_keys("El Paso") == ("el paso",)


@pytest.mark.parametrize(
    ("name", "lat", "lon", "feature", "country"),
    [
        ("Baghdad", 33.34, 44.40, "city", "IQ"),
        ("Kirkuk", 35.47, 44.39, "city", "IQ"),
        ("Tehran", 35.69, 51.42, "city", "IR"),
        ("Kuwait", 29.5, 47.75, "country", "KW"),
        ("Kuwait City", 29.37, 47.97, "city", "KW"),
        ("Florida", 28.5, -82.5, "admin1", "US"),
        ("Green Zone", 33.30, 44.39, "site", "IQ"),
        ("Anbar province", 33.0, 42.0, "admin1", "IQ"),
        ("Al Qaim", 34.39, 40.99, "city", "IQ"),
    ],
)
def test_resolve_without_context(name: str, lat: float, lon: float, feature: str, country: str) -> None:
    entry = resolve(load_gazetteer(), name)
    assert entry is not None
    assert entry.feature == feature
    assert entry.country == country
    assert haversine_km(entry.lat, entry.lon, lat, lon) < 100


def test_country_focus_moves_washington() -> None:
    gaz = load_gazetteer()
    us = resolve(gaz, "Washington", ResolveContext({"US": 0.8}))
    assert us is not None and us.admin1 == "District of Columbia"
    gb = resolve(gaz, "Washington", country_hint="GB")
    assert gb is not None and gb.country == "GB"


def test_border_point_between_neighbours() -> None:
    point = load_gazetteer().border_point("IQ", "SY")
    assert point is not None
    assert haversine_km(point[0], point[1], 34.4, 41.0) < 250


def test_unknown_name_is_none() -> None:
    assert resolve(load_gazetteer(), "Qwzxptl") is None
