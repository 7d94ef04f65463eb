#!/usr/bin/env python
"""Measure the product's places: what ``Pipeline(Settings()).pipe`` writes, nothing else.

    PYTHONPATH=src python scripts/eval_places.py gwn [--data ../shared/eval/geowebnews]
    PYTHONPATH=src python scripts/eval_places.py acled --part heldout|dev [--limit N] [--seed 0] [--lower]

``gwn``: the records' ``places`` against GeoWebNews gold (the eight toponym types
of ``dateline.eval.geowebnews``): exact-span detection P/R/F1 and acc@161 over
detected gold toponyms with coordinates (unresolved = 20,039 km).

``acled``: each ACLED note of the sample (``../shared/train/acled-sample``) as one
article; the main event's location (first event) against ACLED's point: share
within 50 km, share placed at all, and the share where ANY record place lies
within 50 km.  Held-out = rows whose sha1(event_id_cnty) first byte % 5 == 0.
The ACLED sample is for measurement only: nothing from it is written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")


def heldout(event_id: str) -> bool:
    return hashlib.sha1(event_id.encode("utf-8")).digest()[0] % 5 == 0


def acled_rows(part: str, limit: int | None, seed: int) -> list[dict[str, str]]:
    path = SHARED / "train" / "acled-sample" / "acled_2022_sample.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if heldout(r["event_id_cnty"]) == (part == "heldout")]
    if limit is not None and limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    return rows


def run_acled(args: argparse.Namespace) -> dict[str, Any]:
    from dateline.gazetteer.index import haversine_km
    from dateline.pipeline import Pipeline, Settings

    rows = acled_rows(args.part, args.limit, args.seed)
    pipe = Pipeline(Settings())
    t0 = time.perf_counter()
    items = ({"id": r["event_id_cnty"], "text": r["notes"].lower() if args.lower else r["notes"],
              "published": r["event_date"]} for r in rows)
    main_hit = placed = any_hit = n = 0
    misses: list[dict[str, Any]] = []
    for row, rec in zip(rows, pipe.pipe(items), strict=True):
        n += 1
        lat, lon = float(row["latitude"]), float(row["longitude"])
        ext = rec.extraction
        events = list(ext.events)
        loc = events[0].location if events else None
        d_main = None
        if loc is not None and loc.lat is not None and loc.lon is not None:
            placed += 1
            d_main = haversine_km(lat, lon, loc.lat, loc.lon)
            main_hit += d_main <= 50
        dists = [haversine_km(lat, lon, p.lat, p.lon) for p in ext.places if p.lat is not None and p.lon is not None]
        any_hit += bool(dists) and min(dists) <= 50
        if args.show and (d_main is None or d_main > 50):
            misses.append({"id": row["event_id_cnty"], "where": f"{row['location']} ({row['admin2']}, {row['admin1']}, "
                           f"{row['country']})", "got": None if loc is None else f"{loc.name} {loc.country} "
                           f"[{loc.text}] {d_main and round(d_main)} km",
                           "any": bool(dists) and min(dists) <= 50,
                           "places": [f"{p.text}->{p.name},{p.admin1},{p.country}" for p in ext.places]})
    out = {"part": args.part, "lower": args.lower, "n": n, "main_within_50km": round(main_hit / n, 4),
           "main_placed": round(placed / n, 4), "any_place_within_50km": round(any_hit / n, 4),
           "seconds": round(time.perf_counter() - t0, 1)}
    if args.show:
        for m in misses[: args.show]:
            print(json.dumps(m, ensure_ascii=False), file=sys.stderr)
    return out


def run_gwn(args: argparse.Namespace) -> dict[str, Any]:
    import statistics

    from dateline.eval.geowebnews import MAX_ERROR_KM, TOPONYM_TYPES, read_gwn
    from dateline.gazetteer.index import haversine_km
    from dateline.pipeline import Pipeline, Settings

    articles = read_gwn(args.data)
    if args.limit:
        articles = articles[: args.limit]
    pipe = Pipeline(Settings())
    t0 = time.perf_counter()
    tp = n_pred = n_gold = 0
    errors: list[float] = []
    misaligned = 0
    fn_texts: list[str] = []
    fp_texts: list[str] = []
    for art, rec in zip(articles, pipe.pipe({"id": a.id, "text": a.text} for a in articles), strict=True):
        clean = rec.article.text if rec.article is not None else ""
        offset = _offset_map(clean, art.text)
        if offset is None:
            misaligned += 1
            offset = list(range(len(clean) + 1))
        places = [(offset[p.start], offset[p.end], p) for p in rec.extraction.places]
        pred = {(s, e) for s, e, _ in places}
        gold = [g for g in art.toponyms if g.type in TOPONYM_TYPES]
        spans = {(g.start, g.end) for g in gold}
        n_pred += len(pred)
        n_gold += len(spans)
        tp += len(pred & spans)
        if args.show:
            fn_texts += [art.text[s:e] for s, e in spans - pred]
            fp_texts += [art.text[s:e] for s, e in pred - spans]
        for g in gold:
            if g.lat is None or g.lon is None:
                continue
            best, best_len = None, 0
            for s, e, p in places:
                shared = min(e, g.end) - max(s, g.start)
                if shared > best_len:
                    best, best_len = p, shared
            if best is None:
                continue
            if best.lat is None or best.lon is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km(best.lat, best.lon, g.lat, g.lon))
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if args.show:
        print("FN", json.dumps(sorted(fn_texts)[: args.show]), file=sys.stderr)
        print("FP", json.dumps(sorted(fp_texts)[: args.show]), file=sys.stderr)
    return {"n_docs": len(articles), "detection_precision": round(p, 4), "detection_recall": round(r, 4),
            "detection_f1": round(f, 4), "acc_161": round(sum(e <= 161 for e in errors) / len(errors), 4),
            "median_km": round(statistics.median(errors), 1), "n_gold": n_gold, "n_pred": n_pred,
            "n_geocoded": len(errors), "misaligned_docs": misaligned,
            "seconds": round(time.perf_counter() - t0, 1)}


def _offset_map(clean: str, original: str) -> list[int] | None:
    """Offsets of the product's cleaned text mapped onto the original (the cleaner trims
    spaces and normalises a few characters); None when too little of it matches."""
    if clean == original:
        return list(range(len(clean) + 1))
    import difflib

    sm = difflib.SequenceMatcher(None, clean, original, autojunk=False)
    out = [-1] * (len(clean) + 1)
    matched = 0
    for a, b, size in sm.get_matching_blocks():
        for k in range(size + 1):
            if a + k <= len(clean):
                out[a + k] = b + k
        matched += size
    if matched < 0.9 * len(clean):
        return None
    last = 0
    for i, v in enumerate(out):
        if v < 0:
            out[i] = last
        else:
            last = v
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=["gwn", "acled"])
    ap.add_argument("--data", default=str(SHARED / "eval" / "geowebnews"))
    ap.add_argument("--part", choices=["dev", "heldout"], default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lower", action="store_true", help="acled: lower-case the notes")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses to stderr")
    args = ap.parse_args()
    out = run_gwn(args) if args.task == "gwn" else run_acled(args)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
