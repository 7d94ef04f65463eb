"""The distributed ingest on an in-process Dask cluster (real scheduler, one worker thread).

Faster than the subprocess cluster tests; checks what does not need
separate processes: summaries, known-article skipping, resuming from markers
alone, settings entering the partition ids, usage errors.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from scale_corpus import expected_keys, write_corpus

from dateline.errors import UsageError
from dateline.scale import default_output, ingest_distributed
from dateline.store import Store

pytestmark = [pytest.mark.model]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def _ok_keys(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT content_hash FROM articles WHERE status = 'ok'").fetchall()
    return {r[0] for r in rows}


def test_ingest_then_grow_the_corpus(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    texts = write_corpus(corpus, n_files=5, n_lines=4)
    db = tmp_path / "s.duckdb"
    err = io.StringIO()
    first = ingest_distributed([str(corpus)], db, scheduler=scheduler, published="2021-03-01",
                               partition_size=4, progress=err)
    assert first.failed_partitions == () and first.store_errors == 0
    assert first.inserted == len(texts) + 3 and first.rejected == 3
    assert sum(first.rejections_this_run.values()) == 3
    assert _ok_keys(db) == expected_keys(texts)
    log = err.getvalue()
    assert "articles/s" in log and "ETA" in log and "rejected in this run: 3" in log

    # New files shift the file partitions: the re-planned ones are recomputed, but the
    # articles the store holds are skipped before the NLP and nothing is stored twice.
    for i in range(5, 8):
        text = f"Officials in Basra said {i} fishermen were detained by coast guards on Sunday morning."
        (corpus / f"report-{i:03d}b.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    second = ingest_distributed([str(corpus)], db, scheduler=scheduler, published="2021-03-01",
                                partition_size=4, progress=None)
    assert second.inserted == 3 and second.failed_partitions == ()
    # sorted inputs: batch.jsonl, empty.txt, report-000..004, report-005b..007b; the partition
    # [empty, 000, 001, 002] is unchanged (resumed), [003, 004, 005b, 006b] is new: 003 and 004
    # are known to the store and skipped on the worker, before the NLP.
    assert second.partitions_resumed == first.partitions - 1
    assert second.skipped == 2 and second.articles_processed == 5
    assert _ok_keys(db) == expected_keys(texts)


def test_complete_partitions_are_loaded_without_recomputing(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    texts = write_corpus(corpus, n_files=3, n_lines=3)
    db = tmp_path / "a.duckdb"
    ingest_distributed([str(corpus)], db, scheduler=scheduler, published="2021-03-01", partition_size=2,
                       progress=None)
    # A second store, with the first store's outputs copied beside it: as if the client had died
    # after the workers finished but before anything was loaded.
    db2 = tmp_path / "b.duckdb"
    shutil.copytree(default_output(db), default_output(db2))
    resumed = ingest_distributed([str(corpus)], db2, workers=1, published="2021-03-01", partition_size=2,
                                 progress=None)
    assert resumed.workers == 0  # no cluster was even started
    assert resumed.articles_processed == 0 and resumed.partitions_resumed == resumed.partitions
    assert _ok_keys(db2) == expected_keys(texts)
    # a different default date is different output: new partition ids, computed again
    other = ingest_distributed([str(corpus)], db2, scheduler=scheduler, published="2021-04-01",
                               partition_size=2, progress=None)
    assert other.partitions_resumed == 0 and other.inserted == 0


def test_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not both"):
        ingest_distributed([str(tmp_path)], tmp_path / "s.duckdb", workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(UsageError, match="at least 1"):
        ingest_distributed([str(tmp_path)], tmp_path / "s.duckdb", workers=0)
