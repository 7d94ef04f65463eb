"""Benchmark: the API's story cache, first read of a big store against a read after one write.

Fills a DuckDB store with N synthetic article records (the generator of
bench/stories.py), then times ``StoryCache.get`` three ways on one machine, in
one run: the first read (every stored article), a read after a write of one
new article (incremental: only that article is added), and a full rebuild with
``build_stories`` over the whole store (what every write cost before).

    PYTHONPATH=src .venv/bin/python bench/stories_api.py --n 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import synthesize  # noqa: E402  (the generator of bench/stories.py)

from dateline.api.db import Database  # noqa: E402
from dateline.api.routes.stories import StoryCache  # noqa: E402
from dateline.records import ArticleRecord  # noqa: E402
from dateline.stories import build_stories  # noqa: E402

_ARTICLE = {"title": None, "author": None, "url": None, "source": None, "published": None,
            "language": "en", "dateline": None, "text": "", "captions": [], "warnings": []}
_ENTITY = {"text": "", "label": "ORG", "start": 0, "end": 0, "canonical": None, "kind": None, "country": None}
_PLACE = {"text": "", "start": 0, "end": 0, "name": "", "feature": "city", "geonames_id": None,
          "country": None, "admin1": None, "lat": None, "lon": None}
_ACTOR = {"text": "", "name": None, "country": None, "sector": None, "start": None, "end": None}
_LOCATION = {"name": "", "country": None, "lat": None, "lon": None, "geonames_id": None,
             "precision": "city", "text": None, "start": None, "end": None}
_EVENT = {"mode": None, "context": [], "cameo": None, "acled_event_type": None, "acled_sub_event_type": None,
          "actor": [], "recipient": [], "date": None, "date_precision": None, "date_text": None,
          "location": None, "dead": None, "injured": None, "arrested": None, "factuality": "asserted",
          "attributed_to": None, "historical": False, "evidence": [], "confidence": 0.5, "trigger": None,
          "trigger_start": None, "trigger_end": None, "size_text": {}, "caption": False}


def _complete(r: dict) -> None:
    """Fill a synthesized record's missing contract fields with neutral values (what stories ignore)."""
    r.setdefault("schema", "dateline/1")
    r.setdefault("error", None)
    r.setdefault("rejection", None)
    r["article"] = {**_ARTICLE, **r["article"]}
    for key in ("entities", "times", "places", "quotes", "events"):
        r.setdefault(key, [])
    r["entities"] = [{**_ENTITY, **e} for e in r["entities"]]
    r["places"] = [{**_PLACE, **p} for p in r["places"]]
    for ev in r["events"]:
        for key, value in _EVENT.items():
            ev.setdefault(key, value)
        ev["actor"] = [{**_ACTOR, **a} for a in ev["actor"]]
        ev["recipient"] = [{**_ACTOR, **a} for a in ev["recipient"]]
        if ev["location"] is not None:
            ev["location"] = {**_LOCATION, **ev["location"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    args = ap.parse_args()
    records = list(synthesize(args.n + 1))
    for r in records:  # the generator writes only what stories read: complete the contract
        _complete(r)
    last = records.pop()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "s.duckdb")
        t0 = time.perf_counter()
        db.write(ArticleRecord.from_dict(r, origin=r["id"]) for r in records)
        fill = time.perf_counter() - t0
        cache = StoryCache()
        t0 = time.perf_counter()
        n_first = len(cache.get(db))
        first = time.perf_counter() - t0
        db.write([ArticleRecord.from_dict(last, origin=last["id"])])
        t0 = time.perf_counter()
        n_after = len(cache.get(db))
        after = time.perf_counter() - t0
        t0 = time.perf_counter()
        with db.read_store() as store:
            n_full = len(build_stories(list(store.records(status="ok"))))
        full = time.perf_counter() - t0
        db.close()
    print(f"articles: {args.n}")
    print(f"store_fill_seconds: {fill:.2f}")
    print(f"first_read_seconds: {first:.2f} ({n_first} stories)")
    print(f"read_after_one_write_seconds: {after:.3f} ({n_after} stories, added {cache.added_last})")
    print(f"full_rebuild_seconds: {full:.2f} ({n_full} stories)")
    print(f"full_rebuild_over_incremental: {full / after:.1f}")


if __name__ == "__main__":
    main()
