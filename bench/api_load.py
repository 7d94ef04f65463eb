"""Load check for the REST API: 100,000 synthetic events, typical queries, p50/p95 latency.

    PYTHONPATH=src .venv/bin/python bench/api_load.py [--events 100000] [--rounds 40]

Builds a store deterministically (inserted with DuckDB SQL directly: no NLP),
then runs a bounded loop of typical queries against the ASGI app in process
(httpx through Starlette's TestClient; no network).  Target: p95 < 100 ms for
a filtered event query.  Prints one JSON line per query and a summary.
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
}


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
        with TestClient(app) as client:
            paths = [("/api/events", p) for p in QUERIES.values()] + [("/api/timeline", {"event_type": "ASSAULT"})]
            names = list(QUERIES) + ["timeline (ASSAULT)"]
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
        worst = max(v["p95_ms"] for k, v in results.items() if k.startswith("filtered"))
        print(json.dumps({"filtered_p95_ms": worst, "target_ms": 100, "ok": worst < 100}))
        return 0 if worst < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
