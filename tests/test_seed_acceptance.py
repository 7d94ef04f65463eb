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
