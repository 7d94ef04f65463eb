"""The one ingest service: the CLI, the API and the Dask path store the same batch the same way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import ARTICLE
from dateline.ingest.service import ArticleOutcome, ingest_articles
from dateline.store import Store

pytestmark = pytest.mark.model

TOKEN = "service-test-token-0123456789"
ARTICLES: list[dict[str, Any]] = [
    {"id": "kabul", "text": ARTICLE, "published": "2021-03-01", "title": "Checkpoint attack", "source": "Wire"},
    {"id": "mogadishu", "published": "2021-03-06",
     "text": "MOGADISHU — A car bomb exploded outside a hotel in Mogadishu on Saturday, killing at least "
             "eight people, police said. The al-Shabaab group said it carried out the attack."},
    {"id": "empty", "text": "   ", "published": "2021-03-02"},
    {"id": "kabul-again", "text": ARTICLE, "published": "2021-03-01"},  # the same text: stored once
]

# Columns that depend on how an input arrived (its origin: file line vs posted id) or on when.
VOLATILE = {"origin", "ingested_at", "record", "id", "article_id"}


def _content(db: Path) -> dict[str, Any]:
    """The store's content, leaving out what depends on the path an article came by."""
    out: dict[str, Any] = {}
    with Store(db, read_only=True) as store:
        for table in ("articles", "events", "quotes", "places"):
            cur = store.con.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            cols = [d[0] for d in cur.description]
            rows = [{c: v for c, v in zip(cols, row, strict=True) if c not in VOLATILE} for row in cur.fetchall()]
            if table == "articles":  # a rejection's key hashes its origin: compare its reason and stage
                rows = [r | {"content_hash": None, "error": None} if r["status"] == "rejected" else r for r in rows]
            out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
        out["records"] = sorted(
            json.dumps({k: v for k, v in rec.to_dict().items() if k not in ("id", "origin", "error")},
                       sort_keys=True, default=str)
            for rec in store.records(status="ok"))
    return out


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def shared_pipeline(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every path uses the session's pipeline (default settings) instead of loading its own."""
    import dateline.cli as cli
    from dateline.pipeline import Settings
    from dateline.scale import worker

    monkeypatch.setattr(cli, "_pipeline", lambda published, actors=(): pipeline)
    monkeypatch.setitem(worker._PIPELINES, Settings(), pipeline)
    yield pipeline


def _cli(batch: Path, db: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    from dateline.cli import main

    res = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(db), *extra])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    return res.exit_code, json.loads(res.stdout.strip().splitlines()[-1])


def _api(db: Path, pipeline: Any) -> dict[str, Any]:
    from dateline.api import ApiSettings, create_app

    app = create_app(ApiSettings(db=db, token=TOKEN, pipeline_factory=lambda: pipeline))
    with TestClient(app) as client:
        resp = client.post("/api/articles", json={"articles": ARTICLES},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_cli_api_and_dask_store_the_same_content(shared_pipeline: Any, batch: Path, tmp_path: Path) -> None:
    code, summary = _cli(batch, tmp_path / "cli.duckdb")
    assert code == 1  # one input rejected
    assert (summary["inserted"], summary["skipped"], summary["rejected"], summary["rejected_new"]) == (3, 1, 1, 1)
    assert summary["rejections_this_run"] == {"empty": 1}

    answer = _api(tmp_path / "api.duckdb", shared_pipeline)
    assert [a["status"] for a in answer["articles"]] == ["ok", "ok", "rejected", "duplicate"]
    assert answer["articles"][3]["key"] == answer["articles"][0]["key"]

    from distributed import LocalCluster

    from dateline.scale import ingest_distributed

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        dask = ingest_distributed([str(batch)], tmp_path / "dask.duckdb", scheduler=cluster.scheduler_address,
                                  progress=None)
        assert (dask.inserted, dask.rejected, dask.rejected_new) == (3, 1, 1) and not dask.complete
        assert dask.rejections_this_run == {"empty": 1}
        # a rerun resumes every partition from the ledger and still reports the rejection (exit 1)
        again = ingest_distributed([str(batch)], tmp_path / "dask.duckdb", scheduler=cluster.scheduler_address,
                                   progress=None)
        assert (again.inserted, again.rejected, again.rejected_new) == (0, 1, 0) and not again.complete

    cli_content = _content(tmp_path / "cli.duckdb")
    assert len(cli_content["articles"]) == 3 and cli_content["events"]
    assert _content(tmp_path / "api.duckdb") == cli_content
    assert _content(tmp_path / "dask.duckdb") == cli_content


def test_rerun_skips_known_articles_and_reports_rejections_again(shared_pipeline: Any, batch: Path,
                                                                   tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    seen: list[ArticleOutcome] = []
    with Store(db) as store:
        first = ingest_articles(iter(ARTICLES), store, shared_pipeline, keep_outcomes=True)
        again = ingest_articles(iter(ARTICLES), store, shared_pipeline, on_outcome=seen.append)
    assert [o.status for o in first.outcomes] == ["ok", "ok", "rejected", "duplicate"]
    assert [o.index for o in first.outcomes] == [0, 1, 2, 3]
    assert first.rejections[0].reason == "empty" and first.rejections[0].stage
    # the rerun: the two known texts are skipped before the NLP, the rejection is counted again
    assert [(o.index, o.status) for o in seen] == [(0, "duplicate"), (1, "duplicate"), (2, "rejected"),
                                                   (3, "duplicate")]
    assert seen[0].id == "kabul" and seen[0].n_events is None
    # skipped: the three known texts, and the rejection the store already holds
    assert (again.inserted, again.skipped, again.rejected, again.rejected_new) == (0, 4, 1, 0)
    assert again.articles_in_store == 3 and again.rejections_by_reason == {"empty": 1}
    assert not again.complete and again.outcomes == ()


def test_a_record_the_store_refuses_is_reported_and_the_rest_goes_in(shared_pipeline: Any,
                                                                     tmp_path: Path) -> None:
    import duckdb

    class Refusing:
        def __init__(self, store: Store) -> None:
            self.store = store

        def has(self, key: str) -> bool:
            return self.store.has(key)

        def write(self, records: Any) -> Any:
            records = list(records)
            if any(r.id == "mogadishu" for r in records):  # the batch, then the article alone
                raise duckdb.ConstraintException("Constraint Error: refused")
            return self.store.write(records)

        def count(self, status: str | None = None) -> int:
            return self.store.count(status)

        def rejection_summary(self) -> dict[str, int]:
            return self.store.rejection_summary()

    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_articles(ARTICLES[:3], Refusing(store), shared_pipeline, keep_outcomes=True)
        assert store.count() == 2  # kabul and the rejection: only the refused record is lost
    assert [o.status for o in summary.outcomes] == ["ok", "rejected", "rejected"]
    assert summary.outcomes[1].reason == "store_error" and summary.store_errors == 1
    assert summary.inserted == 2 and summary.rejected == 1 and not summary.complete
    assert "mogadishu" in summary.store_error_examples[0]
