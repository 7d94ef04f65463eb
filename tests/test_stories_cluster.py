"""Story clustering over hand-written article records (examples/stories)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from dateline.stories import StoryIndex, build_stories
from dateline.stories.cluster import StoryConfig

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "stories" / "baghdad-airport-strike"


def load_example() -> list[dict]:
    with (EXAMPLE / "records.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def record(rid: str, text: str, published: str, title: str | None = None) -> dict:
    return {"id": rid, "status": "ok", "article": {"text": text, "published": published,
                                                   "title": title}}


def test_reports_of_one_event_form_one_story_and_unrelated_stays_apart() -> None:
    stories = build_stories(load_example())
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["local-e"], ["markets-d", "paper-b", "site-c", "wire-a"]]
    big = next(s for s in stories if len(s.articles) == 4)
    assert any(len(e.article_ids) == 4 for e in big.events)


def test_build_stories_is_order_independent() -> None:
    recs = load_example()
    expected = build_stories(recs)
    for seed in range(5):
        shuffled = recs[:]
        random.Random(seed).shuffle(shuffled)
        assert build_stories(shuffled) == expected


def test_index_add_is_idempotent_and_returns_story_ids() -> None:
    index = StoryIndex()
    recs = load_example()
    ids = index.extend(recs)
    assert index.extend(recs) == ids
    assert sum(len(s.articles) for s in index.stories()) == len(recs)


def test_stale_stories_close_after_the_window() -> None:
    closed = []
    index = StoryIndex(StoryConfig(window_days=3), on_close=closed.append)
    text = "Heavy flooding swept through the river valley, forcing villagers onto rooftops."
    first = index.add(record("r1", text, "2022-07-01"))
    index.add(record("r2", "Parliament debated the budget for the coming fiscal year at length.",
                     "2022-07-10"))
    assert [s.id for s in closed] == [first]
    assert closed[0].closed
    later = index.add(record("r3", text, "2022-07-11"))
    assert later != first  # a closed story is not reopened
    assert index.story(first).closed


def test_refine_keeps_every_article_and_lone_articles_alone() -> None:
    index = StoryIndex()
    recs = load_example()
    index.extend(recs)
    moves = index.refine()
    assert moves >= 0
    stories = index.stories()
    assert sorted(a for s in stories for a in s.article_ids) == sorted(r["id"] for r in recs)
    assert any(s.article_ids == ("local-e",) for s in stories)


def test_vocabulary_is_bounded() -> None:
    index = StoryIndex(StoryConfig(max_vocabulary=50))
    for i in range(30):
        words = " ".join(f"w{i}x{j}" for j in range(10))
        index.add(record(f"r{i}", f"Report {i}: {words}.", "2022-01-01"))
    assert len(index._df) <= 60  # pruned back below the bound after each overflow
