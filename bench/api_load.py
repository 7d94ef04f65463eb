"""Load check for the REST API: 100,000 synthetic events, typical queries, p50/p95 latency.

    PYTHONPATH=src .venv/bin/python bench/api_load.py [--events 100000] [--rounds 40]

Builds a store deterministically (inserted with DuckDB SQL directly: no NLP),
then runs a bounded loop of typical queries against the ASGI app in process
(httpx through Starlette's TestClient; no network).  Targets (p95): event list
50 ms, facets 150 ms, map aggregation 200 ms.  Prints one JSON line per query
and a summary; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from dateline.api import ApiSettings, create_app
from dateline.store import Store

TYPES = ["ASSAULT", "PROTEST", "COERCE", "THREATEN", "ACCUSE", "CONSULT", "AGREE", "MOBILIZE"]
ACLED = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
         "Strategic developments"]
COUNTRIES = ["IQ", "SY", "NG", "FR", "UA", "YE", "AF", "ML", "SD", "CO"]
WORDS = ["rocket", "strike", "protest", "police", "convoy", "border", "militia", "curfew", "talks", "drone"]


def build(path: Path, n_events: int, per_article: int = 5) -> None:
    n_articles = max(1, n_events // per_article)
    with Store(path) as store:
        con = store.con
        con.execute("CREATE OR REPLACE TEMP MACRO h(x) AS CAST(hash(x) % 1000003 AS BIGINT)")
        con.execute(f"""
            INSERT INTO articles (content_hash, id, origin, status, title, source, published, language,
                                  n_events, record)
            SELECT printf('%032x', i), 'art-' || i, 'bench', 'ok', 'Synthetic report ' || i, 'Bench Wire',
                   DATE '2018-01-01' + CAST(i % 1500 AS INTEGER), 'en', {per_article},
                   json_object('schema', 'dateline/1', 'id', 'art-' || i, 'status', 'ok',
                               'article', json_object('text', 'Synthetic text ' || i))
            FROM range({n_articles}) t(i)""")
        words = "[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
        con.execute(f"""
            INSERT INTO events
            SELECT printf('%032x', i // {per_article}), 'art-' || (i // {per_article}), 'e' || (i % {per_article}),
                   {TYPES}[1 + (h(i) % {len(TYPES)})], NULL, '19',
                   {ACLED}[1 + (h(i + 1) % {len(ACLED)})], NULL,
                   DATE '2018-01-01' + CAST(h(i + 2) % 1500 AS INTEGER), 'day',
                   'Place ' || (i % 997), {COUNTRIES}[1 + (h(i + 3) % {len(COUNTRIES)})],
                   -60 + (h(i + 4) % 12000) / 100.0, -170 + (h(i + 5) % 34000) / 100.0,
                   'Actor ' || (i % 311), 'Target ' || (i % 211), CAST(h(i) % 7 AS INTEGER), NULL, NULL,
                   'asserted', NULL, false, 0.5 + (h(i) % 50) / 100.0,
                   'Evidence sentence with a ' || {words}[1 + (h(i + 6) % {len(WORDS)})] || ' number ' || i,
                   json_object('id', 'e' || (i % {per_article}), 'evidence',
                               json_array(json_object('start', 0, 'end', 10)))
            FROM range({n_events}) t(i)""")


QUERIES: dict[str, dict[str, object]] = {
    "page (no filter)": {},
    "filtered: type+country+dates": {"event_type": "ASSAULT", "country": "IQ", "date_from": "2019-01-01",
                                     "date_to": "2019-06-30"},
    "filtered: bbox+type": {"bbox": "30,20,60,40", "event_type": "PROTEST"},
    "full text q": {"q": "drone"},
    "actor": {"actor": "Actor 42"},
    "deep page": {"offset": 50_000},
    "countries by name, repeated": {"country": ["Iraq", "Syria", "Turkey"], "event_type": "ASSAULT"},
}
# (group, path, params): the facets and map aggregation over every matching event
EXTRA: dict[str, tuple[str, str, dict[str, object]]] = {
    "timeline (ASSAULT)": ("timeline", "/api/timeline", {"event_type": "ASSAULT"}),
    "facets (no filter)": ("facets", "/api/facets", {}),
    "facets: type+dates": ("facets", "/api/facets", {"event_type": "ASSAULT", "date_from": "2019-01-01"}),
    "map zoom 0 (no filter)": ("map", "/api/map", {"zoom": 0}),
    "map zoom 4, view: type": ("map", "/api/map", {"zoom": 4, "event_type": "PROTEST", "view": "0,10,45,32.5"}),
    "map zoom 8, view": ("map", "/api/map", {"zoom": 8, "view": "30,30,32.8,31.4"}),
}
TARGETS_MS = {"list": 50, "facets": 150, "map": 200}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        build(db, args.events)
        print(json.dumps({"built_events": args.events, "build_s": round(time.perf_counter() - t0, 2)}))
        app = create_app(ApiSettings(db=db, static_dir=None))
        results = {}
        groups: dict[str, str] = {}
        with TestClient(app) as client:
            paths = [("/api/events", p) for p in QUERIES.values()] + [(path, p) for _, path, p in EXTRA.values()]
            names = list(QUERIES) + list(EXTRA)
            groups = {**dict.fromkeys(QUERIES, "list"), **{k: g for k, (g, _, _) in EXTRA.items()}}
            for name, (path, params) in zip(names, paths, strict=True):
                client.get(path, params=params)  # warm-up
                times = []
                for _ in range(args.rounds):
                    t = time.perf_counter()
                    resp = client.get(path, params=params)
                    times.append((time.perf_counter() - t) * 1000)
                    assert resp.status_code == 200, resp.text
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
                results[name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                                 "total": resp.json().get("total")}
                print(json.dumps({"query": name, **results[name]}))
        ok = True
        for group, target in TARGETS_MS.items():
            worst = max(v["p95_ms"] for k, v in results.items() if groups[k] == group)
            ok = ok and worst <= target
            print(json.dumps({"group": group, "worst_p95_ms": worst, "target_ms": target, "ok": worst <= target}))
        return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
