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
    index.extend(recs)
    before = sorted(sorted(s.article_ids) for s in index.stories())
    again = index.extend(recs)  # the same articles again change nothing
    assert again == [index.story_of(r["id"]) for r in recs]
    assert sorted(sorted(s.article_ids) for s in index.stories()) == before
    assert sum(len(s.articles) for s in index.stories()) == len(recs)
    assert {s.id for s in index.stories()} == set(again)


# Two earthquakes in the same week: one topic for the streaming step (they share the kind of
# event and its vocabulary), two stories once the topic is divided by its own details.
_QUAKE_A = [
    "A magnitude 6.8 earthquake struck near Valparaiso, Chile, collapsing homes in Vina del Mar; "
    "rescuers searched the rubble and the earthquake killed at least 12 people.",
    "Chilean rescuers dug through collapsed homes in Vina del Mar after the earthquake near "
    "Valparaiso; officials said the quake killed 12 and injured dozens.",
    "President Gabriel Boric visited Valparaiso, where the earthquake collapsed homes; the "
    "Chilean government declared a disaster zone around Vina del Mar.",
    "Aftershocks rattled Valparaiso as Chilean families slept outside their homes in Vina del "
    "Mar, a day after the earthquake killed 12 people.",
]
_QUAKE_B = [
    "A magnitude 6.2 earthquake hit Sulawesi, Indonesia, toppling homes in Mamuju; the "
    "earthquake killed at least 30 people, the disaster agency said.",
    "Indonesian rescuers pulled survivors from collapsed homes in Mamuju after the Sulawesi "
    "earthquake; the disaster agency said the quake killed 30.",
    "Indonesia's disaster agency sent tents to Mamuju, where the Sulawesi earthquake left "
    "thousands homeless; officials said 30 people were killed.",
    "Survivors in Mamuju camped near the airport as aftershocks shook Sulawesi, two days after "
    "the earthquake killed 30 people in Indonesia.",
]


def _with_places(rec: dict, names: list[tuple[str, str]]) -> dict:
    """The places the pipeline would find in the text (name, country), as a record carries them."""
    text = rec["article"]["text"]
    rec["places"] = [{"text": n, "name": n, "country": cc, "start": text.index(n),
                      "end": text.index(n) + len(n)} for n, cc in names if n in text]
    return rec


def test_a_topic_divides_into_its_stories() -> None:
    chile = [("Valparaiso", "CL"), ("Vina del Mar", "CL"), ("Chile", "CL")]
    sulawesi = [("Sulawesi", "ID"), ("Mamuju", "ID"), ("Indonesia", "ID")]
    recs = [_with_places(record(f"chile-{i}", t, f"2023-03-{6 + i:02d}"), chile)
            for i, t in enumerate(_QUAKE_A)] + \
           [_with_places(record(f"sulawesi-{i}", t, f"2023-03-{6 + i:02d}"), sulawesi)
            for i, t in enumerate(_QUAKE_B)]
    expected = [[f"chile-{i}" for i in range(4)], [f"sulawesi-{i}" for i in range(4)]]
    assert sorted(sorted(s.article_ids) for s in build_stories(recs)) == expected
    # the division on its own: a join threshold so low that the stream makes one topic of both
    lenient = StoryConfig(threshold=0.01)
    index = StoryIndex(lenient)
    index.extend(sorted(recs, key=lambda r: (r["article"]["published"], r["id"])))
    assert index.open_count == 1
    # reading the stories of an open topic divides it exactly, whatever add() placed on the way
    assert sorted(sorted(s.article_ids) for s in index.stories()) == expected
    assert {index.story_of(r["id"]) for r in recs} == {s.id for s in index.stories()}
    stories = build_stories(recs, lenient)  # two stories once the topic is divided
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == expected
    # each story is named after its earliest article, whatever the arrival order
    for s in stories:
        first = min(s.articles, key=lambda a: (a.published or "", a.id))
        assert StoryIndex().add(next(r for r in recs if r["id"] == first.id)) == s.id


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
