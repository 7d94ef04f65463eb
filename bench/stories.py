"""Benchmark: stream synthetic article records through StoryIndex and merge their events.

Synthesizes N article records (contract dicts, seeded, deterministic): stories
of 1-6 reports of one event, worded from a shared vocabulary plus
story-specific words, spread over a year, with conflicting death tolls.
Prints throughput (articles/s, including normalization, story assignment,
closing stale stories and event coreference), peak memory, and how well the
stories match the generator's own (B3 precision / recall / F1 over articles:
the generator knows which report belongs to which story), so a speed change
that wrecks the clustering shows in the same run.

    PYTHONPATH=src .venv/bin/python bench/stories.py --n 100000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from dateline.stories import StoryIndex
from dateline.stories.coref_metrics import as_clusters, b_cubed
from dateline.stories.model import Story

CITIES = [("Baghdad", "IQ", 33.34, 44.40), ("Kabul", "AF", 34.53, 69.17), ("Lagos", "NG", 6.45, 3.39),
          ("Aleppo", "SY", 36.20, 37.16), ("Sanaa", "YE", 15.35, 44.21), ("Mogadishu", "SO", 2.04, 45.34),
          ("Kyiv", "UA", 50.45, 30.52), ("Bamako", "ML", 12.64, -8.00), ("Karachi", "PK", 24.86, 67.01),
          ("Goma", "CD", -1.68, 29.22), ("Tripoli", "LY", 32.89, 13.19), ("Yangon", "MM", 16.87, 96.20)]
TYPES = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "ACCUSE", "THREATEN", "AGREE"]
COMMON = ("officials police security forces government sources attack killed wounded residents "
          "statement spokesman area capital district witnesses fighters soldiers army report").split()


def _words(rng: random.Random, k: int) -> list[str]:
    return ["".join(rng.choice("abcdefghijklmnoprstuvwyz") for _ in range(rng.randint(5, 9)))
            for _ in range(k)]


def synthesize(n: int, seed: int = 13) -> Iterator[dict[str, Any]]:
    """Yield ``n`` records in publication order (several stories interleaved per day)."""
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    made = 0
    story = 0
    pending: list[tuple[int, dict[str, Any]]] = []
    while made < n:
        story += 1
        city, cc, lat, lon = rng.choice(CITIES)
        day = start + timedelta(days=int(story * 365 / max(1, n // 3)))
        vocab = _words(rng, 12)
        actor, target = " ".join(_words(rng, 2)).title(), " ".join(_words(rng, 1)).title()
        etype, dead = rng.choice(TYPES), rng.randint(0, 40)
        for k in range(min(rng.randint(1, 6), n - made)):
            words = rng.sample(COMMON, 8) + rng.sample(vocab, 8) + [city, actor, target]
            rng.shuffle(words)
            text = (f"{city.upper()} — " + " ".join(words[:10]) + ". "
                    + " ".join(words[10:]) + f". At least {dead + rng.choice([0, 0, 1, -1])} "
                    f"people died, officials said.")
            published = day + timedelta(days=k // 2)
            rec = {"id": f"s{story}-a{k}", "status": "ok",
                   "article": {"title": None, "published": published.isoformat(), "text": text},
                   "entities": [{"text": actor, "canonical": actor}, {"text": target}],
                   "places": [{"name": city, "country": cc, "lat": lat, "lon": lon}],
                   "events": [{"id": "e1", "event_type": etype, "date": day.isoformat(),
                               "date_precision": "day",
                               "location": {"name": city, "country": cc, "lat": lat, "lon": lon,
                                            "precision": "city"},
                               "actor": [{"name": actor}], "recipient": [{"name": target}],
                               "dead": max(0, dead + rng.choice([0, 0, 1, -1])),
                               "factuality": "asserted",
                               "evidence": [{"start": len(text) - 40, "end": len(text) - 1}]}]}
            pending.append((published.toordinal(), rec))
            made += 1
        if len(pending) > 200 or made >= n:
            pending.sort(key=lambda p: (p[0], p[1]["id"]))
            cut = len(pending) if made >= n else len(pending) // 2
            for _, r in pending[:cut]:
                yield r
            pending = pending[cut:]


def run(n: int, trace: bool) -> dict[str, float]:
    closed: list[int] = []
    members: list[tuple[str, ...]] = []

    def on_close(story: Story) -> None:  # a store would persist it here
        closed.append(len(story.events))
        members.append(story.article_ids)

    records = list(synthesize(n))
    if trace:
        tracemalloc.start()
    index = StoryIndex(on_close=on_close, keep_closed=False)
    t0, c0 = time.perf_counter(), time.process_time()
    for r in records:
        index.add(r)
    index.close_all()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    if trace:
        tracemalloc.stop()
    truth: dict[str, list[str]] = {}
    for r in records:  # ids are "s<story>-a<k>": the story a report was written for
        truth.setdefault(r["id"].split("-")[0], []).append(r["id"])
    b3 = b_cubed(as_clusters(truth.values()), as_clusters(members))
    return {"articles": n, "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1),
            "cpu_seconds": round(cpu, 2), "articles_per_cpu_s": round(n / cpu, 1),
            "stories": len(closed), "true_stories": len(truth), "canonical_events": sum(closed),
            "story_b3_precision": round(b3.precision, 4), "story_b3_recall": round(b3.recall, 4),
            "story_b3_f1": round(b3.f1, 4),
            "tracemalloc_peak_mib": round(peak, 1),
            "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--trace", action="store_true", help="measure peak with tracemalloc (slower)")
    args = ap.parse_args()
    for k, v in run(args.n, args.trace).items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
