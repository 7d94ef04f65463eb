"""Throughput of `extract` against spaCy's `nlp.pipe` alone, same model, same texts, one run.

Prints words/s and articles/s for: spaCy nlp.pipe (1 and 2 processes), the
whole dateline extract (1 and 2 processes), their ratios, the share of time
per extraction stage, and peak memory.  Compare ratios within one run: the
machines are noisy.

    .venv/bin/python bench/throughput.py [--articles 40] [--repeat-source seed|examples]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SEED = REPO / ".." / "shared" / "seeds" / "000_07c2f900d2d46056.txt"


def corpus(n: int, source: str) -> list[str]:
    if source == "seed" and SEED.exists():
        base = [SEED.read_text(encoding="utf-8")]
    else:
        from dateline.ingest.sources import read_inputs
        from dateline.records import RawDocument

        base = []
        for item in read_inputs([str(REPO / "examples" / "articles")]):
            if isinstance(item, RawDocument) and item.kind == "text":
                base.append(item.data.decode("utf-8") if isinstance(item.data, bytes) else item.data)
    # Vary each copy a little so nothing can be cached by content.
    return [f"{base[i % len(base)]}\n\nCopy {i}." for i in range(n)]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


_worker: Any = None


def _init_worker(mode: str, published: str) -> None:
    """Load what one process needs: spaCy alone, or the whole dateline pipeline."""
    global _worker
    if mode == "spacy":
        import spacy

        from dateline.nlp import MODEL_PACKAGE

        _worker = spacy.load(MODEL_PACKAGE)  # the bare model: the baseline
    else:
        from dateline.pipeline import Pipeline, Settings

        _worker = Pipeline(Settings(published=published))


def _run_chunk(args: tuple[str, list[str]]) -> int:
    mode, chunk = args
    if mode == "spacy":
        return sum(1 for _ in _worker.pipe(chunk, batch_size=8))
    from dateline.records import RawDocument

    items = [RawDocument(data=t, kind="text", origin=f"bench:{i}") for i, t in enumerate(chunk)]
    return sum(1 for r in _worker.pipe(items) if r.status == "ok")


def bench(mode: str, texts: list[str], processes: int, published: str = "2019-12-31") -> tuple[float, int]:
    """Seconds to run ``mode`` ("spacy" or "extract") over the texts; loading is not timed."""
    if processes == 1:
        _init_worker(mode, published)
        _run_chunk((mode, texts[:1]))  # warm-up
        start = time.perf_counter()
        ok = _run_chunk((mode, texts))
        return time.perf_counter() - start, ok
    chunks = [(mode, texts[i::processes * 4]) for i in range(processes * 4)]
    ctx = mp.get_context("fork")
    with ctx.Pool(processes, initializer=_init_worker, initargs=(mode, published)) as pool:
        pool.map(_run_chunk, [(mode, texts[:1])] * processes)  # warm-up: loaded in every worker
        start = time.perf_counter()
        ok = sum(pool.map(_run_chunk, chunks))
        return time.perf_counter() - start, ok


def stage_profile(texts: list[str]) -> dict[str, float]:
    """Seconds per stage over the texts, in one process (spaCy parse vs each extractor)."""
    from datetime import date

    from dateline.extract import ArticleState, DocContext
    from dateline.ingest.prepare import prepare
    from dateline.pipeline import Pipeline, Settings
    from dateline.records import RawDocument

    p = Pipeline(Settings(published="2019-12-31"))
    t: dict[str, float] = dict.fromkeys(("ingest", "spacy", *(c.name for c in p.components)), 0.0)
    for i, text in enumerate(texts):
        s = time.perf_counter()
        art = prepare(RawDocument(data=text, kind="text", origin=f"b{i}"), "2019-12-31")
        t["ingest"] += time.perf_counter() - s
        s = time.perf_counter()
        doc = p.nlp(art.text)
        t["spacy"] += time.perf_counter() - s
        state = ArticleState(DocContext(art, doc, date(2019, 12, 31)))
        for component in p.components:
            s = time.perf_counter()
            state = component(state)
            t[component.name] += time.perf_counter() - s
    return {k: round(v, 3) for k, v in t.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--repeat-source", choices=["seed", "examples"], default="seed")
    args = ap.parse_args()
    texts = corpus(args.articles, args.repeat_source)
    n_words = words(texts)
    print(f"corpus: {len(texts)} articles, {n_words} words ({args.repeat_source})")
    results: dict[str, Any] = {"articles": len(texts), "words": n_words}
    for procs in (1, 2):
        sec, _ = bench("spacy", texts, procs)
        results[f"spacy_{procs}p_words_per_s"] = round(n_words / sec)
        results[f"spacy_{procs}p_articles_per_s"] = round(len(texts) / sec, 2)
        print(f"spaCy nlp.pipe  {procs}p: {n_words / sec:9.0f} words/s {len(texts) / sec:7.2f} articles/s")
    for procs in (1, 2):
        sec, ok = bench("extract", texts, procs)
        results[f"extract_{procs}p_words_per_s"] = round(n_words / sec)
        results[f"extract_{procs}p_articles_per_s"] = round(len(texts) / sec, 2)
        print(f"dateline extract {procs}p: {n_words / sec:9.0f} words/s {len(texts) / sec:7.2f} articles/s"
              f" ({ok} ok)")
    for procs in (1, 2):
        ratio = results[f"extract_{procs}p_words_per_s"] / results[f"spacy_{procs}p_words_per_s"]
        results[f"ratio_extract_to_spacy_{procs}p"] = round(ratio, 3)
        print(f"ratio extract / spaCy, {procs}p: {ratio:.3f}")
    profile = stage_profile(texts[: max(4, len(texts) // 4)])
    results["stage_seconds"] = profile
    nlp_time = profile["spacy"] or 1e-9
    results["times_places_share_of_nlp"] = round((profile["times"] + profile["places"]) / nlp_time, 3)
    results["quotes_actors_share_of_nlp"] = round((profile["quotes"] + profile["actors"]) / nlp_time, 3)
    print("stage seconds:", profile)
    print(f"times+places / spaCy: {results['times_places_share_of_nlp']:.3f}; "
          f"quotes+actors / spaCy: {results['quotes_actors_share_of_nlp']:.3f}")
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    results["peak_rss_mb_main"] = round(self_kb / 1024, 1)
    results["peak_rss_mb_worker"] = round(child_kb / 1024, 1)
    print(f"peak memory: main {self_kb / 1024:.0f} MB, largest worker {child_kb / 1024:.0f} MB")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
