"""Hostile inputs mixed into a batch: the good articles still come out of extract and into the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ARTICLE
from dateline.cli import main
from dateline.ingest.sources import read_inputs

pytestmark = pytest.mark.model

N_GOOD = 10


def _good(i: int) -> str:
    return json.dumps({"id": f"good-{i}", "text": ARTICLE.replace("three", str(i + 3))})


def _batch(tmp_path: Path, hostile: str, at: int = 5) -> Path:
    lines = [_good(i) for i in range(N_GOOD)]
    lines.insert(at, hostile)
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def small_parser(pipeline):
    """spaCy's max_length lowered, so 'over the parser's limit' needs kilobytes, not a megabyte."""
    old = pipeline.nlp.max_length
    pipeline.nlp.max_length = 3000
    yield pipeline
    pipeline.nlp.max_length = old


def test_text_over_spacy_max_length_is_a_rejection_not_a_stopped_batch(small_parser, tmp_path: Path) -> None:
    long_text = (ARTICLE + "\n\n") * 20  # ~6,000 characters > 3,000
    path = _batch(tmp_path, json.dumps({"id": "long", "text": long_text}))
    records = list(small_parser.pipe(read_inputs([str(path)])))
    assert len(records) == N_GOOD + 1
    by_id = {r.id: r for r in records}
    assert by_id["long"].status == "rejected" and by_id["long"].reason == "too_long"
    assert "3,000" in by_id["long"].error
    assert all(by_id[f"good-{i}"].status == "ok" for i in range(N_GOOD))


def test_parser_crash_on_one_article_loses_only_that_article(pipeline, monkeypatch) -> None:
    real = pipeline.nlp.__class__.__call__

    def flaky(self, text, *a, **k):  # type: ignore[no-untyped-def]
        if "POISON" in text:
            raise ValueError("parser exploded")
        return real(self, text, *a, **k)

    def broken_pipe(texts, *a, **k):  # type: ignore[no-untyped-def]
        texts = list(texts)
        if any("POISON" in t for t in texts):
            raise ValueError("parser exploded")
        return (pipeline.nlp(t) for t in texts)

    monkeypatch.setattr(pipeline.nlp.__class__, "__call__", flaky)
    monkeypatch.setattr(pipeline.nlp, "pipe", broken_pipe)
    items = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE + " POISON"},
             {"id": "c", "text": ARTICLE.replace("Kabul", "Herat")}]
    records = list(pipeline.pipe(items))
    assert [r.status for r in records] == ["ok", "rejected", "ok"]
    assert records[1].reason == "internal_error" and "parser exploded" in records[1].error


@pytest.mark.parametrize("field", ["id", "title", "source"])
def test_extract_and_ingest_survive_a_lone_surrogate(tmp_path: Path, field: str) -> None:
    hostile = '{"text": ' + json.dumps(ARTICLE.replace("Kabul", "Jalalabad")) + ', "' + field + '": "x\\udc80y"}'
    path = _batch(tmp_path, hostile)
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(path)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == N_GOOD + 1 and all(r["status"] == "ok" for r in lines)
    db = tmp_path / "s.duckdb"
    res = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[-1])["articles_in_store"] == N_GOOD + 1


def test_cli_batch_with_an_over_long_line_keeps_every_good_article(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", "20000")
    path = _batch(tmp_path, json.dumps({"id": "huge", "text": ARTICLE * 200}))
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(path)])
    assert res.exit_code == 1, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == N_GOOD + 1
    assert sum(r["status"] == "ok" for r in lines) == N_GOOD
    db = tmp_path / "s.duckdb"
    res = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert res.exit_code == 1
    summary = json.loads(res.stdout.splitlines()[-1])
    assert summary["inserted"] == N_GOOD + 1 and summary["rejected"] == 1
    # A rerun skips what is stored, but the same input is rejected again: still exit 1.
    res = runner.invoke(main, ["ingest", str(path), "--db", str(db)])
    assert res.exit_code == 1, res.output
    assert json.loads(res.stdout.splitlines()[-1])["rejected"] == 1
