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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    args = ap.parse_args()
    records = list(synthesize(args.n + 1))
    for r in records:  # the generator writes only what stories read: complete the contract
        for key in ("entities", "times", "places", "quotes", "events"):
            r.setdefault(key, [])
        r.setdefault("error", None)
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
