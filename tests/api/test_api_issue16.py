"""Issue #16 (faults found by an analyst): each fault's API-side test.

The store holds the three hand-made articles of ``apihelpers`` plus: nine events at one point in
Istanbul (Turkey), a Syrian event, a background (historical) event dated 1777, an event with a place
name but no coordinates, and an article whose evidence carries HTML (``<script>``, ``<img onerror>``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from apihelpers import AUTH, TOKEN, FakePipeline, build_store, issue_records
from fastapi.testclient import TestClient

from dateline.api import ApiSettings, create_app


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = build_store(tmp_path / "api.duckdb", issue_records())
    app = create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=FakePipeline, static_dir=None))
    with TestClient(app) as c:
        yield c


def _ids(resp: object) -> set[str]:
    body = resp.json()  # type: ignore[attr-defined]
    assert resp.status_code == 200, body  # type: ignore[attr-defined]
    return {f"{e['article_id']}:{e['id'].split(':', 1)[1]}" for e in body["items"]}


# -- country names, codes, aliases; repeatable ------------------------------------------------------

@pytest.mark.parametrize("name", ["Turkey", "turkey", "Türkiye", "TR", "TUR", "tur"])
def test_country_accepts_common_names_and_codes(client: TestClient, name: str) -> None:
    got = _ids(client.get("/api/events", params={"country": name, "limit": 500}))
    assert got == {f"istanbul-1:e{i}" for i in range(9)}


@pytest.mark.parametrize(("name", "code"), [
    ("Russia", "RU"), ("UK", "GB"), ("Britain", "GB"), ("Ivory Coast", "CI"), ("DR Congo", "CD"),
    ("Burma", "MM"), ("Palestine", "PS"), ("Syria", "SY"), ("the Netherlands", "NL")])
def test_country_aliases_resolve(client: TestClient, name: str, code: str) -> None:
    from dateline.api.queries import country_code

    assert country_code(name) == code
    assert client.get("/api/events", params={"country": name}).status_code == 200


def test_country_is_repeatable_and_means_either(client: TestClient) -> None:
    got = _ids(client.get("/api/events", params={"country": ["TR", "SY"], "limit": 500}))
    assert got == {f"istanbul-1:e{i}" for i in range(9)} | {"aleppo-1:e1"}
    assert _ids(client.get("/api/events?country=Palestine")) == {"gaza-1:e1"}


def test_country_matches_an_event_with_a_place_but_no_country(client: TestClient) -> None:
    # Kandahar has neither country nor coordinates; its name alone does not say Afghanistan,
    # but an event whose place *is* the country is found
    assert "kabul-1:e2" not in _ids(client.get("/api/events", params={"country": "AF"}))
    from dateline.api.queries import EventFilter

    where, params = EventFilter(country=("Afghanistan",)).where()
    assert "afghanistan" in params


def test_unknown_country_is_a_problem(client: TestClient) -> None:
    resp = client.get("/api/events", params={"country": ["TR", "Atlantis"]})
    assert resp.status_code == 422 and resp.headers["content-type"] == "application/problem+json"
    assert "Atlantis" in resp.json()["detail"]


# -- dates: validated at ingest; background events off by default --------------------------------

@pytest.mark.parametrize(("published", "why"), [("3000-01-01", "future"), ("2018-02-30", "not a possible date"),
                                                ("2018-13-01T00:00:00Z", "not a possible date")])
def test_ingest_refuses_impossible_or_future_publication(client: TestClient, published: str, why: str) -> None:
    resp = client.post("/api/articles", headers=AUTH, json={"text": "Rebels shelled the town.", "published": published})
    assert resp.status_code == 422, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert why in body["detail"] and body["errors"][0]["loc"][-1] == "published"
    batch = client.post("/api/articles", headers=AUTH, json={"articles": [
        {"text": "Police fired tear gas.", "published": "2021-01-01"}, {"text": "x y z", "published": published}]})
    assert batch.status_code == 422 and "article 1" in batch.json()["detail"]
    assert client.get("/api/events", params={"q": "tear gas"}).json()["total"] == 0  # nothing stored


def test_ingest_accepts_today_and_tomorrow(client: TestClient) -> None:
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    for day in (today, today + timedelta(days=1)):
        resp = client.post("/api/articles", headers=AUTH, json={"text": f"Rebels shelled {day}.",
                                                                 "published": day.isoformat()})
        assert resp.status_code == 200, resp.text


def test_historical_events_only_on_request(client: TestClient) -> None:
    assert "kabul-1:e1" not in _ids(client.get("/api/events", params={"limit": 500}))
    assert "kabul-1:e1" in _ids(client.get("/api/events", params={"limit": 500, "historical": True}))
    tl = client.get("/api/timeline").json()
    assert tl["buckets"][0]["date"] >= "2021-01-01"
    tl_all = client.get("/api/timeline", params={"historical": True}).json()
    assert tl_all["buckets"][0]["date"] == "1777-01-01" and tl_all["total"] == tl["total"] + 1


# -- map aggregation ---------------------------------------------------------------------------------

def test_map_clusters_count_every_matching_event(client: TestClient) -> None:
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    m = client.get("/api/map", params={"zoom": 3}).json()
    assert m["total"] == total and m["located"] + m["unlocated"] == total
    assert sum(c["count"] for c in m["clusters"]) == m["located"]
    ist = next(c for c in m["clusters"] if c["place"] == "Istanbul")
    assert ist["count"] == 9 and ist["dead"] == 3 and ist["one_point"]
    assert m["unlocated"] == 1 and m["unlocated_places"] == [{"name": "Kandahar province", "count": 1, "dead": 4}]
    assert m["max_dead"] == 5 and m["fatalities"] == 14 and m["in_view"] == m["located"]
    # only the clusters in the view, counts over everything
    near = client.get("/api/map", params={"zoom": 3, "view": "20,30,50,45"}).json()
    assert {c["place"] for c in near["clusters"]} == {"Istanbul", "Mosul", "Aleppo", "Gaza City"}
    assert near["located"] == m["located"] and near["in_view"] == 13
    # at zoom 0 Mosul and Aleppo share a 10° cell; at zoom 6 they do not
    z0 = client.get("/api/map", params={"zoom": 0}).json()
    assert len(z0["clusters"]) < len(client.get("/api/map", params={"zoom": 6}).json()["clusters"])
    # the same filters as the list
    assert client.get("/api/map", params={"event_type": "ASSAULT"}).json()["total"] == \
        client.get("/api/events", params={"event_type": "ASSAULT"}).json()["total"]
    unloc = _ids(client.get("/api/events", params={"located": False}))
    assert unloc == {"kabul-1:e2"}


# -- export: exactly the filtered set; unique ids ------------------------------------------------------

def test_export_is_the_filtered_set_in_every_format(client: TestClient) -> None:
    params = {"event_type": "ASSAULT", "country": ["IQ", "SY"]}
    expected = client.get("/api/events", params=params).json()
    assert expected["total"] == 2
    jl = client.get("/api/export", params={**params, "format": "jsonl"})
    recs = [json.loads(x) for x in jl.text.splitlines()]
    assert sorted((r["id"], e["id"]) for r in recs for e in r["events"]) == [("aleppo-1", "e1"), ("mosul-1", "e1")]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={**params, "format": "csv"}).text)))
    assert len(rows) == 2 and {r["plover_event_type"] for r in rows} == {"ASSAULT"}
    table = pq.read_table(io.BytesIO(client.get("/api/export", params={**params, "format": "parquet"}).content))
    assert table.num_rows == 2
    geo = client.get("/api/export", params={**params, "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    fc = geo.json()
    assert fc["type"] == "FeatureCollection"
    assert {f["id"] for f in fc["features"]} == {e["id"] for e in expected["items"]}
    assert all(f["geometry"]["type"] == "Point" for f in fc["features"])
    # no filter: the whole list's set (historical only on request)
    everything = client.get("/api/export", params={"format": "geojson"}).json()["features"]
    assert len(everything) == client.get("/api/events").json()["total"]
    assert any(f["geometry"] is None for f in everything)  # Kandahar: no coordinates, still exported


def test_articles_without_id_get_distinct_ids(client: TestClient) -> None:
    a = client.post("/api/articles", headers=AUTH, json={"text": "Rebels shelled the town."}).json()
    b = client.post("/api/articles", headers=AUTH, json={"text": "Police fired tear gas."}).json()
    ida, idb = a["articles"][0]["id"], b["articles"][0]["id"]
    assert ida != idb and ida.startswith("api:") and ida != "api:0"
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    ids = [r["event_id_cnty"] for r in rows]
    assert len(ids) == len(set(ids))


# -- brief escaping -------------------------------------------------------------------------------------

def test_brief_escapes_article_html_in_every_format(client: TestClient) -> None:
    pytest.importorskip("dateline.stories")
    stories = client.get("/api/stories", params={"limit": 500}).json()["items"]
    sid = next(s["id"] for s in stories if "gaza-1" in s["article_ids"])
    md = client.get(f"/api/stories/{sid}/brief", params={"format": "md"}).text
    html = client.get(f"/api/stories/{sid}/brief", params={"format": "html"}).text
    for text in (md, html):
        assert "<script" not in text.lower() and "<img" not in text.lower(), text
    assert "&lt;script&gt;" in md or "\\<script" in md
    js = client.get(f"/api/stories/{sid}/brief", params={"format": "json"}).json()
    assert "<script>" in json.dumps(js, ensure_ascii=False)  # JSON stays data, the consumer escapes


# -- docs and behaviour agree --------------------------------------------------------------------------

def test_oversized_batch_is_413(client: TestClient) -> None:
    resp = client.post("/api/articles", headers=AUTH, json={"articles": [{"text": f"x {i}."} for i in range(201)]})
    assert resp.status_code == 413 and resp.headers["content-type"] == "application/problem+json"


def test_malformed_json_is_400(client: TestClient) -> None:
    resp = client.post("/api/articles", headers={**AUTH, "Content-Type": "application/json"}, content=b"{nope")
    assert resp.status_code == 400 and resp.headers["content-type"] == "application/problem+json"


def test_stories_are_paginated_like_every_list(client: TestClient) -> None:
    pytest.importorskip("dateline.stories")
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert first["limit"] == 1 and first["offset"] == 0
    assert first["total"] > 1 and first["next_offset"] == 1
    last = client.get("/api/stories", params={"limit": 1, "offset": first["total"] - 1}).json()
    assert last["next_offset"] is None


def test_q_matches_all_words_in_any_order(client: TestClient) -> None:
    assert _ids(client.get("/api/events", params={"q": "bomb roadside"})) == {"mosul-1:e1"}
    assert _ids(client.get("/api/events", params={"q": "roadside Paris"})) == set()


def test_openapi_lists_every_error_answer_as_problem_json(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    ops = {(m, p): op for p, item in doc["paths"].items() for m, op in item.items()}
    assert {"400", "401", "403", "413", "422"} <= set(ops[("post", "/api/articles")]["responses"])
    assert {"404", "422"} <= set(ops[("get", "/api/events/{event_id}")]["responses"])
    assert "422" in ops[("get", "/api/map")]["responses"] and "422" in ops[("get", "/api/facets")]["responses"]
    for (method, path), op in ops.items():
        for code, answer in op["responses"].items():
            if code[0] in "45":
                assert list(answer["content"]) == ["application/problem+json"], (method, path, code)
                assert answer["content"]["application/problem+json"]["schema"] == \
                    {"$ref": "#/components/schemas/Problem"}
    assert "next_offset" in doc["components"]["schemas"]["StoryList"]["properties"]


# -- facets, totals over time, sub-type and fatality filters -----------------------------------------

def test_facets_count_the_filtered_events(client: TestClient) -> None:
    f = client.get("/api/facets").json()
    total = client.get("/api/events").json()["total"]
    assert f["total"] == total and f["fatalities"] == 2 + 3 + 5 + 4
    facets = f["facets"]
    assert facets["country"][0] == {"value": "TR", "count": 9}
    assert {"value": "Turkish police", "count": 9} in facets["actor"]
    assert {"value": "Mob violence", "count": 9} in facets["acled_sub_event_type"]
    assert sum(v["count"] for v in facets["event_type"]) == total
    assert {v["value"] for v in facets["factuality"]} == {"asserted", "reported"}
    assert "admin1" in facets
    assert client.get("/api/facets", params={"country": "SY"}).json()["facets"]["event_type"] == \
        [{"value": "ASSAULT", "count": 1}]


def test_sub_event_type_and_min_dead_filters(client: TestClient) -> None:
    assert _ids(client.get("/api/events", params={"sub_event_type": "Shelling/artillery/missile attack"})) == \
        {"aleppo-1:e1"}
    assert _ids(client.get("/api/events", params={"min_dead": 4})) == {"aleppo-1:e1", "kabul-1:e2"}


def test_timeline_has_fatalities_and_intervals(client: TestClient) -> None:
    day = client.get("/api/timeline").json()
    assert day["interval"] == "day" and day["fatalities"] == 14
    assert sum(b["dead"] for b in day["buckets"]) == 14
    month = client.get("/api/timeline", params={"interval": "month"}).json()
    assert month["buckets"] == [{"date": "2021-03-01", "end": "2021-03-31", "count": day["total"], "dead": 14}]
    assert client.get("/api/timeline", params={"interval": "auto"}).json()["interval"] == "day"


def test_an_event_without_coordinates_takes_its_articles_place(tmp_path: Path) -> None:
    """Fault: events with a place name but no coordinates never reached the map or the country filter
    (the example articles' Baghdad events: the article's gazetteer found Baghdad, the event kept only
    its name)."""
    from dataclasses import replace

    from apihelpers import _article, _event

    from dateline.records import Place

    text = "BAGHDAD — A rocket struck near the U.S. embassy in Baghdad on Sunday, officials said."
    ev = _event("e1", text, text, "ASSAULT", "2020-01-05", ("Baghdad", "IQ", 0.0, 0.0), "unknown", "embassy", None,
                dead=1)
    ev = replace(ev, location=replace(ev.location, lat=None, lon=None, country=None))
    start = text.index("Baghdad")
    place = Place("Baghdad", start, start + 7, "Baghdad", "city", 98182, "IQ", "Baghdad Governorate", 33.34, 44.40)
    rec = _article("baghdad-1", text, "2020-01-05", (ev,))
    rec = replace(rec, extraction=replace(rec.extraction, places=(place,)))
    db = build_store(tmp_path / "b.duckdb", [rec])
    with TestClient(create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=FakePipeline,
                                           static_dir=None))) as client:
        m = client.get("/api/map").json()
        assert m["located"] == 1 and m["unlocated"] == 0
        assert m["clusters"][0]["place"] == "Baghdad" and m["clusters"][0]["lat"] == 33.34
        assert _ids(client.get("/api/events", params={"bbox": "44,33,45,34"})) == {"baghdad-1:e1"}
        assert _ids(client.get("/api/events", params={"bbox": "0,0,1,1"})) == set()
        assert _ids(client.get("/api/events", params={"located": True})) == {"baghdad-1:e1"}
        assert _ids(client.get("/api/events", params={"located": False})) == set()
        assert _ids(client.get("/api/events", params={"country": "Iraq"})) == {"baghdad-1:e1"}
        assert client.get("/api/facets").json()["facets"]["country"] == [{"value": "IQ", "count": 1}]
