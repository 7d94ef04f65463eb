"""Places that hold on unseen reports: administrative patterns, homonyms decided by the
article's countries, lower-cased text, demonyms, admin1/admin2 fields (sentences written
for these tests; facts may be real)."""

from __future__ import annotations

import hashlib
import time

import pytest

from dateline.extract.base import DocContext
from dateline.extract.places.admin import find_groups
from dateline.extract.places.geoparser import Geoparser
from dateline.gazetteer.index import default_path, load_gazetteer
from dateline.records import CleanArticle, Place
from modelcache import shared_model
from placehelpers import find_place, near


def _extract(text: str) -> tuple[Place, ...]:
    art = CleanArticle(id="t", text=text, origin="test")
    return Geoparser.load_default().extract(DocContext(art, shared_model()(text), None), ())






def test_patterns_are_found() -> None:
    text = "Gunmen raided the Qala Kuhna area of Sarkani district, Kunar, and a market near Dolo town (Gedo)."
    groups = find_groups(text)
    spans = {text[g.place[0]:g.place[1]]: [text[s:e] for s, e in g.quals] for g in groups}
    assert spans["Qala Kuhna"] == ["Sarkani district", "Kunar"]
    assert spans["Dolo"] == ["Gedo"]


@pytest.mark.model
def test_unknown_village_sits_at_its_unit_not_at_a_namesake_abroad() -> None:
    places = _extract("Two farmers were shot in the Deh Khor-e Bala area of Chahar Asyab district, Kabul, "
                      "on Sunday.")
    village = find_place(places, "Deh Khor-e Bala")
    assert village.country == "AF"
    assert not any(p.country == "PS" for p in places)


@pytest.mark.model
def test_parenthesised_units_decide_the_country() -> None:
    so = _extract("Militants attacked an army post near Dinsoor town (Dinsoor, Bay) at dawn.")
    assert find_place(so, "Dinsoor").country == "SO"
    assert not any(p.text == "Bay" for p in so)  # the unit only describes the town
    lb = _extract("Hundreds of students marched in Tripoli (Tripoli, North Lebanon) over fuel prices.")
    assert find_place(lb, "Tripoli").country == "LB"


@pytest.mark.model
def test_article_countries_decide_between_homonyms() -> None:
    ss = _extract("Soldiers clashed with cattle raiders in Wau, Western Bahr el Ghazal, South Sudan.")
    assert find_place(ss, "Wau").country == "SS"
    assert all(p.country == "SS" for p in ss)


@pytest.mark.model
def test_lower_cased_text_still_finds_towns() -> None:
    text = ("police said a roadside bomb went off in kirkuk on tuesday morning, a day after "
            "protesters gathered in basra to demand jobs and electricity for their families.")
    places = _extract(text)
    assert near(find_place(places, "kirkuk"), 35.47, 44.39)
    assert near(find_place(places, "basra"), 30.51, 47.78)


@pytest.mark.model
def test_small_town_after_a_preposition() -> None:
    places = _extract("About 200 farmers blocked a roundabout in Millau on Friday over fuel prices.")
    assert find_place(places, "Millau").country == "FR"


@pytest.mark.model
def test_demonyms_are_country_mentions_and_places_carry_admin_units() -> None:
    places = _extract("Syrian forces shelled Kafr Nabl in Idlib province, and Turkish troops answered.")
    assert find_place(places, "Syrian").country == "SY"
    assert find_place(places, "Turkish").country == "TR"
    assert find_place(places, "Kafr Nabl").admin1 is not None


def test_places_carry_admin2_where_known() -> None:
    gaz = load_gazetteer()
    kolhapur = [e for e in gaz.lookup("Kolhapur") if e.feature == "city"]
    assert kolhapur and kolhapur[0].admin1 == "Maharashtra" and kolhapur[0].admin2 == "Kolhapur"
    assert any(e.feature == "admin2" and e.country == "SY" for e in gaz.lookup("Ar Rastan district"))
    assert not [e for e in gaz.lookup("Pa") if e.name == "Pennsylvania"]  # "Pa." needs its dot
    assert [e for e in gaz.lookup("Pa.") if e.name == "Pennsylvania"]


def test_asset_matches_its_checksum_and_loads_fast() -> None:
    path = default_path()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    recorded = (path.parent / "gazetteer.sha256").read_text(encoding="utf-8").split()[0]
    assert digest == recorded
    assert path.stat().st_size < 25_000_000
    from dateline.gazetteer.index import Gazetteer

    t0 = time.perf_counter()
    Gazetteer(path)
    assert time.perf_counter() - t0 < 2.0  # ~0.25 s on a laptop; slack for shared CI machines


@pytest.mark.model
def test_actors_countries_decide_between_homonyms() -> None:
    from dateline.pipeline import Pipeline, Settings

    record = Pipeline(Settings()).extract_text("Hezbollah supporters rallied in Tripoli on Friday.")
    tripoli = find_place(record.extraction.places, "Tripoli")
    assert tripoli.country == "LB"  # Hezbollah is a Lebanese actor; the bigger Tripoli is in Libya


@pytest.mark.model
def test_geo_precision_of_place_records() -> None:
    from dateline.extract.places import geo_precision

    places = _extract("Gunmen shot two farmers in the Deh Khor-e Bala area of Chahar Asyab district, Kabul, "
                      "and others marched in Herat and across Balkh province.")
    village = find_place(places, "Deh Khor-e Bala")
    assert village.feature == "approximate" and village.admin1 is not None
    assert geo_precision(village) == 2
    assert geo_precision(find_place(places, "Herat")) == 1
    assert geo_precision(find_place(places, "Balkh province")) == 3
