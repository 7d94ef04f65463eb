"""Throughput of the distributed ingest with 1 and 2 local Dask workers, against one process.

Measures, on the same texts in one run: spaCy ``nlp.pipe`` alone and the
whole single-process ``extract`` (1 and 2 processes, from bench/throughput.py),
then ``ingest_distributed`` end to end (partitions → workers → Parquet → the
DuckDB store) on warm local clusters of 1 and 2 single-threaded workers,
alternating the two ``--repeat`` times so machine noise shows as spread.
Reports articles/s, the 2-worker / 1-worker ratio, the ratios to single-process
extract and to spaCy with the same number of processes, the share of time
workers spent inside tasks, memory per worker, and the client's serial
loading cost (bulk vs ``Store.write``).

Wall-clock rates on a shared machine are noisy, so it also records CPU
seconds per article of the workers and of the client (which hosts the local
cluster's scheduler and loads the store), and derives the 2/1 ratio a quiet
machine would show: ``2 * c1 / (c2 + client2)`` on 2 cores, ``2 * c1 / c2``
with a spare core for the client.

    PYTHONPATH=src .venv/bin/python bench/scale.py [--articles 24] [--repeat 2] [--partition-size 4]

Loading (cluster start, model load) is not timed; everything after is,
including planning, the known-key broadcast and loading into the store.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import throughput  # noqa: E402  (bench/throughput.py: the single-process figures)

PUBLISHED = "2019-12-31"


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"bench-{i}", "text": text, "published": PUBLISHED}) + "\n")


def worker_memory_mb(client: Any) -> dict[str, float]:
    """Resident and peak memory of each worker process, MB."""

    def probe() -> dict[str, float]:
        import resource

        import psutil

        return {"rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}

    return {addr: vals for addr, vals in client.run(probe).items()}


def workers_cpu_seconds(client: Any) -> float:
    """User+system CPU seconds used so far by all worker processes."""

    def probe() -> float:
        import psutil

        t = psutil.Process().cpu_times()
        return float(t.user + t.system)

    return sum(client.run(probe).values())


def run_distributed(cluster: Any, client: Any, corpus: Path, workdir: Path, tag: str,
                    partition_size: int) -> dict[str, Any]:
    """One timed ingest of the corpus into a fresh store on a warm cluster, with CPU seconds spent."""
    from dateline.scale import ingest_distributed

    busy: list[float] = []
    db = workdir / f"{tag}.duckdb"
    w0, c0 = workers_cpu_seconds(client), time.process_time()
    start = time.perf_counter()
    summary = ingest_distributed([str(corpus)], db, scheduler=cluster.scheduler_address, published=PUBLISHED,
                                 partition_size=partition_size, progress=None,
                                 on_partition=lambda r: busy.append(r.seconds))
    wall = time.perf_counter() - start
    c1, w1 = time.process_time(), workers_cpu_seconds(client)
    n_workers = len(cluster.workers)
    n = summary.articles
    return {"seconds": round(wall, 3), "articles_per_s": round(n / wall, 3),
            "worker_cpu_s_per_article": round((w1 - w0) / n, 3),
            # the client process also hosts the LocalCluster's scheduler
            "client_cpu_s_per_article": round((c1 - c0) / n, 3),
            "worker_busy_share": round(sum(busy) / (wall * n_workers), 3),
            "worker_articles_per_s": round(n / (sum(busy) / n_workers), 3) if busy else 0.0,
            "inserted": summary.inserted, "store_errors": summary.store_errors,
            "failed_partitions": len(summary.failed_partitions)}


def _cpu_self_and_children() -> float:
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def time_store_load(parts: str, db: Path) -> dict[str, Any]:
    """The client's serial step alone: bulk-load finished partitions into a fresh store, and for
    comparison write the same records one by one with ``Store.write`` (the single-process path)."""
    from dateline.scale.load import ensure_ledger, load_partition
    from dateline.scale.output import OutputDir
    from dateline.store import Store

    out = OutputDir(parts)
    results = out.completed(sorted(p.stem for p in (Path(parts) / "_partitions").glob("*.json")))
    n = sum(r.n_records for r in results.values())
    c0 = time.process_time()
    with Store(db) as store:
        ensure_ledger(store)
        for result in results.values():
            load_partition(store, out, result)
    c1 = time.process_time()
    records = [rec for result in results.values() for rec in out.read_records(result)]
    c2 = time.process_time()
    with Store(db.with_name("rowwise.duckdb")) as store:
        store.write(records)
    c3 = time.process_time()
    return {"articles": n, "bulk_cpu_s_per_article": round((c1 - c0) / n, 4),
            "store_write_cpu_s_per_article": round((c3 - c2) / n, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=4)
    ap.add_argument("--repeat-source", choices=["seed", "examples"], default="seed")
    ap.add_argument("--skip-single", action="store_true", help="only the Dask figures")
    args = ap.parse_args()
    texts = throughput.corpus(args.articles, args.repeat_source)
    results: dict[str, Any] = {"articles": len(texts), "words": throughput.words(texts),
                               "partition_size": args.partition_size, "source": args.repeat_source}
    print(f"corpus: {len(texts)} articles, {results['words']} words ({args.repeat_source})", flush=True)

    # Single-process figures first: they fork, which must happen before Dask starts any thread.
    if not args.skip_single:
        for mode in ("spacy", "extract"):
            for procs in (1, 2):
                cpu0 = _cpu_self_and_children()
                sec, _ = throughput.bench(mode, texts, procs, PUBLISHED)
                cpu = (_cpu_self_and_children() - cpu0) / len(texts)  # includes warm-up and, for 2p, loading
                results[f"{mode}_{procs}p_articles_per_s"] = round(len(texts) / sec, 3)
                results[f"{mode}_{procs}p_cpu_s_per_article_upper"] = round(cpu, 3)
                print(f"{mode:8s} {procs}p: {len(texts) / sec:7.2f} articles/s (CPU s/article <= {cpu:.2f})",
                      flush=True)

    from distributed import LocalCluster

    from dateline.scale import default_output, ingest_distributed

    logging.getLogger("distributed").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="dateline-scale-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        write_jsonl(texts, corpus)
        warm = work / "warm.jsonl"
        write_jsonl(texts[:2], warm)
        clusters = {}
        for n in (1, 2):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
            cluster.wait_for_workers(n)
            # warm-up: loads the pipeline in every worker (worker plugin) and runs a tiny ingest
            ingest_distributed([str(warm)], work / f"warm{n}.duckdb", scheduler=cluster.scheduler_address,
                               published=PUBLISHED, partition_size=1, progress=None)
            clusters[n] = cluster
        from distributed import Client

        clients = {n: Client(clusters[n]) for n in (1, 2)}
        runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        for r in range(args.repeat):
            for n in (1, 2):
                res = run_distributed(clusters[n], clients[n], corpus, work, f"run{r}-{n}w", args.partition_size)
                runs[n].append(res)
                print(f"dask {n} worker(s), run {r + 1}: {res['articles_per_s']:7.2f} articles/s "
                      f"(workers busy {res['worker_busy_share']:.0%}, in-task {res['worker_articles_per_s']:.2f}"
                      f" articles/s per worker; CPU s/article: workers {res['worker_cpu_s_per_article']:.2f},"
                      f" client {res['client_cpu_s_per_article']:.2f})", flush=True)
        results["client_load"] = time_store_load(default_output(work / f"run{args.repeat - 1}-2w.duckdb"),
                                                 work / "load.duckdb")
        print(f"client store load, CPU s/article: bulk {results['client_load']['bulk_cpu_s_per_article']:.4f},"
              f" Store.write {results['client_load']['store_write_cpu_s_per_article']:.4f}", flush=True)
        for n in (1, 2):
            results[f"dask_{n}w_memory"] = worker_memory_mb(clients[n])
            clients[n].close()
            clusters[n].close()

    for n in (1, 2):
        rates = [r["articles_per_s"] for r in runs[n]]
        results[f"dask_{n}w_runs"] = runs[n]
        results[f"dask_{n}w_articles_per_s"] = round(statistics.median(rates), 3)
        results[f"dask_{n}w_spread"] = [min(rates), max(rates)]
    pairs = [b["articles_per_s"] / a["articles_per_s"] for a, b in zip(runs[1], runs[2], strict=True)]
    results["ratio_2w_to_1w_per_run"] = [round(p, 3) for p in pairs]
    results["ratio_2w_to_1w"] = round(results["dask_2w_articles_per_s"] / results["dask_1w_articles_per_s"], 3)
    if not args.skip_single:
        for n in (1, 2):
            results[f"ratio_dask_{n}w_to_extract_{n}p"] = round(
                results[f"dask_{n}w_articles_per_s"] / results[f"extract_{n}p_articles_per_s"], 3)
            results[f"ratio_dask_{n}w_to_spacy_{n}p"] = round(
                results[f"dask_{n}w_articles_per_s"] / results[f"spacy_{n}p_articles_per_s"], 3)
            results[f"ratio_extract_{n}p_to_spacy_{n}p"] = round(
                results[f"extract_{n}p_articles_per_s"] / results[f"spacy_{n}p_articles_per_s"], 3)
    # Noise-robust view: CPU seconds per article.  On a quiet machine with a core per worker,
    # 2 workers / 1 worker = 2 * c1 / (c2 + client2) when the client shares the two cores.
    c = {n: statistics.median(r["worker_cpu_s_per_article"] for r in runs[n]) for n in (1, 2)}
    client2 = statistics.median(r["client_cpu_s_per_article"] for r in runs[2])
    results["worker_cpu_s_per_article"] = {f"{n}w": round(c[n], 3) for n in (1, 2)}
    results["cpu_model_ratio_2w_to_1w_2cores"] = round(2 * c[1] / (c[2] + client2), 3)
    results["cpu_model_ratio_2w_to_1w_spare_core"] = round(2 * c[1] / c[2], 3)
    print(f"2 workers / 1 worker: {results['ratio_2w_to_1w']:.3f} (per run: {results['ratio_2w_to_1w_per_run']});"
          f" from CPU time: {results['cpu_model_ratio_2w_to_1w_2cores']:.3f} on 2 cores,"
          f" {results['cpu_model_ratio_2w_to_1w_spare_core']:.3f} with a spare core for the client")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
