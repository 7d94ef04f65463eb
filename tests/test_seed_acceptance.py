"""Issue 'Foundation' done-when, on the reference article (read from ../shared at test time)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SEED, need_shared
from dateline.cli import main
from dateline.schema import validate_record

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_record() -> dict:
    need_shared()
    res = CliRunner().invoke(main, ["extract", str(SEED), "--published", "2019-12-31"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_one_valid_record(seed_record: dict) -> None:
    validate_record(seed_record)
    assert seed_record["status"] == "ok"
    assert seed_record["article"]["published"] == "2019-12-31"
    assert seed_record["article"]["dateline"] == "BAGHDAD"


def test_debris_gone_and_captions_marked(seed_record: dict) -> None:
    text = seed_record["article"]["text"]
    assert "Related image" not in text
    captions = seed_record["article"]["captions"]
    assert len(captions) == 2
    for cap in captions:
        line = text[cap["start"]:cap["end"]]
        assert text.count(line) == 1  # the duplicated caption is kept once
        assert cap["credit"] and "/" in cap["credit"]


def test_entities(seed_record: dict) -> None:
    names = {e["text"] for e in seed_record["entities"]} | {
        e["canonical"] for e in seed_record["entities"] if e["canonical"]}
    joined = " | ".join(sorted(names))
    for needle in ("Kataib Hezbollah", "Baghdad", "Kirkuk", "Trump", "Esper", "Pompeo", "Abdul Mahdi"):
        assert any(needle in n for n in names), f"{needle} missing from {joined}"


def test_relative_dates(seed_record: dict) -> None:
    values = {}
    for t in seed_record["times"]:
        values.setdefault(t["text"].lower(), set()).add(t["value"])
    assert values.get("last friday") == {"2019-12-27"}
    assert "2019-12-29" in values.get("sunday", set())
    assert values.get("tuesday") == {"2019-12-31"}


def test_places_in_iraq(seed_record: dict) -> None:
    by_name = {p["name"]: p for p in seed_record["places"]}
    for city, (lat, lon) in {"Baghdad": (33.34, 44.40), "Kirkuk": (35.47, 44.39)}.items():
        place = by_name[city]
        assert place["country"] == "IQ"
        assert abs(place["lat"] - lat) < 0.5 and abs(place["lon"] - lon) < 0.5


# ---- issue #13: incidents, not mentions (dateline/2) ----

def _once(events: list[dict], what: str, pred) -> dict:
    hits = [e for e in events if pred(e)]
    assert len(hits) == 1, f"{what}: {[(e['trigger'], e['date']) for e in hits]}"
    return hits[0]


def _loc(e: dict) -> str:
    return (e["location"] or {}).get("name") or ""


def test_each_expected_incident_once(seed_record: dict) -> None:
    events = seed_record["events"]
    assert seed_record["schema"] == "dateline/2"
    assert len(events) <= 30  # 81 mention rows in dateline/1
    assert events[0]["confidence"] == max(e["confidence"] for e in events)
    real = [e for e in events if not e["historical"] and e["factuality"] in ("asserted", "reported", "alleged")]
    rocket = _once(real, "rocket attack, Kirkuk, 27 Dec", lambda e: e["event_type"] == "ASSAULT"
                   and e["date"] == "2019-12-27")
    assert rocket["dead"] == 1 and _loc(rocket) == "Kirkuk" and len(rocket["mentions"]) >= 2
    strikes = _once(real, "airstrikes, 29 Dec", lambda e: e["event_type"] == "ASSAULT" and e["mode"] == "aerial")
    assert strikes["dead"] == 25 and strikes["date"] == "2019-12-29"
    assert strikes["acled_sub_event_type"] == "Air/drone strike" and len(strikes["mentions"]) >= 4
    riot = _once(real, "embassy riot", lambda e: e["event_type"] == "PROTEST" and e["mode"] == "riot")
    assert riot["date"] == "2019-12-31" and "Baghdad" in _loc(riot) and len(riot["mentions"]) >= 8
    _once(real, "tear gas", lambda e: any("tear gas" in (m["trigger"] or "") for m in e["mentions"]))
    _once(real, "Iraqi forces' barrier", lambda e: any("barrier" in (m["trigger"] or "") for m in e["mentions"]))
    _once(real, "Apache helicopters", lambda e: e["event_type"] == "MOBILIZE"
          and any(a.get("name") == "U.S. Defense Department" or "Defense" in a["text"] for a in e["actor"]))
    _once(real, "Trump accuses Iran", lambda e: e["event_type"] == "ACCUSE"
          and any("Trump" in a["text"] for a in e["actor"]))
    _once(events, "Kataib Hezbollah's vow", lambda e: e["event_type"] == "THREATEN"
          and any("Kataib" in a["text"] for a in e["actor"]))
    for ev in events:
        spans = {(s["start"], s["end"]) for s in ev["evidence"]}
        for m in ev["mentions"]:
            assert {(s["start"], s["end"]) for s in m["evidence"]} <= spans


@pytest.mark.xfail(reason="28 incidents today: coder noise (mis-typed speech acts, background acts) "
                          "still splits the article beyond its 11 incidents", strict=False)
def test_at_most_twenty_incidents(seed_record: dict) -> None:
    assert len(seed_record["events"]) <= 20
