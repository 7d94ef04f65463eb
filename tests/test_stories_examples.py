"""End to end on the example story sets: raw reports → the real pipeline → stories → brief.

Each set in ``examples/stories/<name>/articles.jsonl`` holds reports of one event written for
this project (facts from the real event, every sentence our own), worded differently, with
a figure the reports disagree on, and one unrelated report from the same days.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dateline.pipeline import Pipeline
from dateline.records import ArticleRecord
from dateline.stories import build_stories, render_brief
from dateline.stories.model import CanonicalEvent, Story

ROOT = Path(__file__).resolve().parents[1] / "examples" / "stories"
SETS = ("kabul-airport-bombing", "istanbul-istiklal-bombing")


@pytest.fixture(scope="module")
def records() -> dict[str, list[ArticleRecord]]:
    pipeline = Pipeline()
    out: dict[str, list[ArticleRecord]] = {}
    for name in SETS:
        lines = (ROOT / name / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
        out[name] = list(pipeline.pipe(items))
    return out


def _story_of(stories: list[Story], article_id: str) -> Story:
    return next(s for s in stories if article_id in s.article_ids)


def _main_event(story: Story) -> CanonicalEvent:
    """The ASSAULT most sources report."""
    return max((e for e in story.events if e.event_type == "ASSAULT"),
               key=lambda e: (len(e.article_ids), -len(e.mentions)))


def test_every_report_is_read(records: dict[str, list[ArticleRecord]]) -> None:
    for name in SETS:
        assert [r.status for r in records[name]] == ["ok"] * 5, name


def test_kabul_reports_form_one_story_and_merge_the_bombing(
        records: dict[str, list[ArticleRecord]]) -> None:
    stories = build_stories(records["kabul-airport-bombing"])
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["kabul-paper-2", "kabul-site-4", "kabul-tv-3", "kabul-wire-1"],
                      ["kaduna-unrelated-5"]]
    bombing = _main_event(_story_of(stories, "kabul-wire-1"))
    # one event, reported by every source, on the day it happened, where it happened
    assert bombing.article_ids == ("kabul-paper-2", "kabul-site-4", "kabul-tv-3", "kabul-wire-1")
    assert bombing.date == "2021-08-26"
    assert bombing.location_name == "Kabul" and bombing.country == "AF"
    # the tolls differ between reports: every value is kept with the report that gives it
    values = {c.value: c.article_ids for c in bombing.dead}
    assert len(values) >= 3 and "dead" in bombing.disputed
    assert values[73] == ("kabul-wire-1",)  # 13 troops + at least 60 Afghans
    assert all(c.citations and c.citations[0].sentence for c in bombing.dead)
    # the unrelated attack in Nigeria shares nothing with it
    assert all("kaduna-unrelated-5" not in e.article_ids for e in _story_of(
        stories, "kabul-wire-1").events)


def test_istanbul_agreed_toll_and_disputed_injured(
        records: dict[str, list[ArticleRecord]]) -> None:
    stories = build_stories(records["istanbul-istiklal-bombing"])
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["istiklal-paper-2", "istiklal-site-3", "istiklal-tv-4", "istiklal-wire-1"],
                      ["mahabad-unrelated-5"]]
    story = _story_of(stories, "istiklal-wire-1")
    blast = _main_event(story)
    assert len(blast.article_ids) >= 3
    assert blast.date == "2022-11-13" and blast.location_name == "Istanbul"
    assert [c.value for c in blast.dead] == [6]  # every report agrees: not disputed
    injured = {c.value: c.article_ids for c in blast.injured}
    assert set(injured) == {53, 81} and "injured" in blast.disputed
    assert injured[53] == ("istiklal-wire-1",)  # the governor's first count
    # one report names him "Soylu" only: within the story he is the minister another names in full
    assert {q.speaker for a in story.articles if a.id == "istiklal-tv-4" for q in a.quotes
            if q.speaker and "Soylu" in q.speaker} == {"Suleyman Soylu"}
    # the PKK's denial is coded, with the PKK as the actor
    assert any(e.event_type == "REJECT" and any("Kurdistan Workers" in a for a in e.actors)
               for e in story.events)


@pytest.mark.parametrize("name", SETS)
def test_brief_cites_every_key_fact_and_shows_the_conflict(
        records: dict[str, list[ArticleRecord]], name: str) -> None:
    stories = build_stories(records[name])
    main = max(stories, key=lambda s: len(s.articles))
    md = render_brief(main, fmt="md")
    key_facts = md.split("### Timeline")[0]
    bullets = [ln for ln in key_facts.splitlines() if ln.startswith("- ")]
    assert bullets and all(re.search(r"\[\d+\]\[\^\d+\]", ln) for ln in bullets)
    disputed = md.split("### Unconfirmed or disputed")[1].split("### Sources")[0]
    assert "sources differ" in disputed
    # every footnote a line cites is defined, with the sentence it cites
    cited = set(re.findall(r"\[\^(\d+)\]", md.split("### Sources")[0]))
    defined = dict(re.findall(r"^\[\^(\d+)\]: \[\d+\] “(.+)”$", md, flags=re.M))
    assert cited <= set(defined) and all(defined[n].strip() for n in cited)
    # the JSON brief carries the same story
    data = json.loads(render_brief(main, fmt="json"))
    assert data and json.dumps(data)
