"""End to end on a real Dask cluster: a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1.

Two failures are injected: a worker is SIGKILLed while it holds work, and the
client is SIGKILLed mid-run and started again.  Either way the store must end
with every accepted article exactly once, and the Parquet data set with one
row per article.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from scale_corpus import expected_keys, write_corpus

from dateline.scale import default_output, ingest_distributed
from dateline.scale.output import PartitionResult

pytestmark = [pytest.mark.slow, pytest.mark.model]

REPO = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).with_name("dask")
N_REJECTED = 3  # write_corpus: a line that is not JSON, a record without text, an empty file


@dataclass
class Cluster:
    address: str
    client: object  # distributed.Client, for the test's own questions to the scheduler
    workers: dict[str, subprocess.Popen[bytes]]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}


def _wait_for(path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear in {timeout:.0f} s")
        time.sleep(0.2)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if not DASK.exists():
        pytest.skip(f"no dask command beside {sys.executable}")
    from distributed import Client

    procs: list[subprocess.Popen[bytes]] = []
    logs = tmp_path / "logs"
    logs.mkdir()
    sched_file = tmp_path / "scheduler.json"
    procs.append(subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(sched_file)],
        env=_env(), stdout=(logs / "scheduler.log").open("wb"), stderr=subprocess.STDOUT))
    workers: dict[str, subprocess.Popen[bytes]] = {}
    client = None
    try:
        _wait_for(sched_file, 60)
        for name in ("w1", "w2"):
            workers[name] = subprocess.Popen(
                [str(DASK), "worker", "--scheduler-file", str(sched_file), "--host", "127.0.0.1",
                 "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", name,
                 "--local-directory", str(tmp_path / name)],
                env=_env(), stdout=(logs / f"{name}.log").open("wb"), stderr=subprocess.STDOUT)
            procs.append(workers[name])
        client = Client(scheduler_file=str(sched_file), timeout="60s")
        client.wait_for_workers(2, timeout=120)
        yield Cluster(client.scheduler.address, client, workers)
    finally:
        if client is not None:
            client.close()
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)


def _assert_exactly_once(db: Path, keys: set[str]) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        ok = [r[0] for r in con.execute("SELECT content_hash FROM articles WHERE status = 'ok'").fetchall()]
        n_rejected = con.execute("SELECT count(*) FROM articles WHERE status = 'rejected'").fetchone()
        events_dup = con.execute("SELECT count(*) FROM (SELECT content_hash, event_id FROM events "
                                 "GROUP BY ALL HAVING count(*) > 1)").fetchone()
    finally:
        con.close()
    assert len(ok) == len(set(ok)) == len(keys)
    assert set(ok) == keys
    assert n_rejected == (N_REJECTED,)
    assert events_dup == (0,)
    parts = default_output(db)
    rows = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT content_hash) FROM read_parquet('{parts}/articles/*/*.parquet', "
        "hive_partitioning = true)").fetchone()
    assert rows == (len(keys) + N_REJECTED, len(keys) + N_REJECTED)


def test_worker_killed_mid_run_every_article_stored_once(cluster: Cluster, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    keys = expected_keys(write_corpus(corpus, n_files=12, n_lines=24))
    db = tmp_path / "store.duckdb"
    killed: list[tuple[str, int]] = []

    def kill_a_busy_worker(result: PartitionResult) -> None:
        if killed:
            return
        client = cluster.client
        busy = {addr: len(tasks) for addr, tasks in client.processing().items() if tasks}  # type: ignore[attr-defined]
        info = client.scheduler_info()["workers"]  # type: ignore[attr-defined]
        addr = max(busy, key=busy.__getitem__) if busy else next(iter(info))
        name = info[addr]["name"]
        os.kill(cluster.workers[name].pid, signal.SIGKILL)
        killed.append((name, busy.get(addr, 0)))

    summary = ingest_distributed([str(corpus)], db, scheduler=cluster.address, published="2021-03-01",
                                 partition_size=3, progress=None, on_partition=kill_a_busy_worker)
    assert killed and killed[0][1] > 0, "the killed worker had no task in hand"
    assert cluster.workers[killed[0][0]].wait(timeout=10) == -signal.SIGKILL
    assert summary.failed_partitions == () and summary.store_errors == 0
    assert summary.articles_processed == summary.articles == len(keys) + N_REJECTED
    assert summary.inserted == len(keys) + N_REJECTED
    _assert_exactly_once(db, keys)
    # the same command again is a no-op: everything is already loaded
    again = ingest_distributed([str(corpus)], db, scheduler=cluster.address, published="2021-03-01",
                               partition_size=3, progress=None)
    assert again.partitions_resumed == again.partitions and again.inserted == 0
    _assert_exactly_once(db, keys)


def test_client_killed_mid_run_then_restarted(cluster: Cluster, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    keys = expected_keys(write_corpus(corpus, n_files=12, n_lines=24))
    db = tmp_path / "store.duckdb"
    args = [str(corpus), "--db", str(db), "--scheduler", cluster.address, "--published", "2021-03-01",
            "--partition-size", "2", "--quiet"]
    client_proc = subprocess.Popen([sys.executable, "-m", "dateline.scale", *args], env=_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    markers = Path(default_output(db)) / "_partitions"
    deadline = time.monotonic() + 180
    while client_proc.poll() is None and time.monotonic() < deadline:
        if markers.exists() and len(list(markers.glob("*.json"))) >= 4:
            break
        time.sleep(0.05)
    client_proc.kill()
    out, _ = client_proc.communicate(timeout=30)
    assert client_proc.returncode == -signal.SIGKILL, f"the client was not killed mid-run: {out.decode()[-2000:]}"

    summary = ingest_distributed([str(corpus)], db, scheduler=cluster.address, published="2021-03-01",
                                 partition_size=2, progress=None)
    assert summary.failed_partitions == () and summary.store_errors == 0
    assert summary.partitions_resumed >= 4, "work done before the kill was done again"
    assert summary.articles_processed < summary.articles
    _assert_exactly_once(db, keys)
