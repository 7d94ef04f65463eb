"""Geoparser context, recall and speed rules, on sentences written for these tests (facts may be real)."""

from __future__ import annotations

import time

import pytest

from dateline.extract.base import DocContext
from dateline.extract.places.geoparser import Geoparser
from dateline.gazetteer.index import load_gazetteer
from dateline.gazetteer.lookup import resolve
from dateline.records import CleanArticle, Place
from modelcache import shared_model
from placehelpers import find_place, near

pytestmark = pytest.mark.model


def _extract(text: str, demonyms: bool = False, keep_unresolved: bool = False) -> tuple[Place, ...]:
    art = CleanArticle(id="t", text=text, origin="test")
    gp = Geoparser(load_gazetteer(), demonyms=demonyms, keep_unresolved=keep_unresolved)
    return gp.extract(DocContext(art, shared_model()(text), None), ())






def test_nearby_places_pick_the_namesake() -> None:
    wv = _extract("Flooding closed roads around Morgantown and Parkersburg on Tuesday. "
                  "Crews from Charleston drove north to help.")
    assert find_place(wv, "Charleston").admin1 == "West Virginia"
    sc = _extract("Storms knocked out power in Columbia and Greenville overnight. "
                  "Shelters opened in Charleston and Myrtle Beach.")
    assert find_place(sc, "Charleston").admin1 == "South Carolina"


def test_country_and_state_beat_namesake_towns() -> None:
    places = _extract("Troops patrolled the Texas border with Mexico. Officials in California objected.")
    assert find_place(places, "Mexico").feature == "country"
    assert find_place(places, "California").feature == "admin1"


def test_all_caps_dateline_is_a_place() -> None:
    places = _extract("RALEIGH, N.C. (AP) — State lawmakers met on Tuesday to debate the budget.")
    raleigh = find_place(places, "RALEIGH")
    assert raleigh.feature == "city" and near(raleigh, 35.78, -78.64)


def test_washington_dc_is_one_place() -> None:
    places = _extract("The rally in Washington, D.C. drew thousands of teachers.")
    dc = find_place(places, "Washington, D.C.")
    assert near(dc, 38.90, -77.04)
    assert not any(p.text == "D.C." for p in places)


def test_three_letter_codes_need_capitals() -> None:
    gaz = load_gazetteer()
    assert any(c.country == "AD" for c in gaz.lookup("AND"))
    assert not any(c.country == "AD" for c in gaz.lookup("And"))
    places = _extract("And then the rain came. Are the roads open?")
    assert not any(p.country in ("AD", "AE") for p in places)


def test_us_counties() -> None:
    places = _extract("A winning ticket was sold at a gas station in Morris County, New Jersey, officials said.")
    morris = find_place(places, "Morris County")
    assert morris.feature == "admin2" and morris.admin1 == "New Jersey"
    orange = resolve(load_gazetteer(), "Orange County")
    assert orange is not None and orange.feature == "admin2" and orange.admin1 == "California"


def test_university_named_after_a_state_is_not_the_state() -> None:
    places = _extract("Ohio State beat Michigan on Saturday in Columbus.", demonyms=True)
    assert not any(p.text == "Ohio State" for p in places)
    assert find_place(places, "Ohio").feature == "admin1"
    # Nigeria's states are called "X State": that is the state itself
    zamfara = find_place(_extract("Gunmen attacked a village in Zamfara State on Sunday, police said."), "Zamfara State")
    assert zamfara.country == "NG" and zamfara.feature == "admin1"


def test_conjoined_demonyms_are_modifiers() -> None:
    places = _extract("The neighbourhood drew German, Irish and Italian immigrants.", demonyms=True)
    assert find_place(places, "Irish").country == "IE"


def test_unknown_street_is_placed_at_the_story_city() -> None:
    text = "Police said the fire started on Wellington Street in Leeds late on Monday."
    places = _extract(text, keep_unresolved=True)
    unknown = [p for p in places if p.feature == "approximate"]
    assert unknown, [(p.text, p.feature) for p in places]
    for p in unknown:
        assert near(p, 53.80, -1.55)
    # the pipeline default keeps only what the gazetteer knows
    assert not any(p.feature in ("approximate", "unknown") for p in _extract(text))


def test_extraction_is_cheap() -> None:
    text = " ".join(
        f"Officials in Baghdad and Basra said {i} rockets fell near Kirkuk, while Tehran and "
        f"Washington traded warnings about the Iraqi-Syrian border." for i in range(40))
    doc = shared_model()(text)
    gp = Geoparser.load_default()
    ctx = DocContext(CleanArticle(id="t", text=text, origin="test"), doc, None)
    gp.extract(ctx, ())
    t0 = time.perf_counter()
    gp.extract(ctx, ())
    # ~7,000 characters: tens of milliseconds; seconds would mean a quadratic scan is back
    assert time.perf_counter() - t0 < 1.0
