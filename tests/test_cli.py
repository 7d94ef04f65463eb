"""The command line, end to end, on hand-written inputs (CliRunner runs the real commands)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ARTICLE, EXAMPLES
from dateline.cli import main

pytestmark = pytest.mark.model


def test_extract_stdin_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["extract", "-", "--published", "2021-03-01"], input=ARTICLE)
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["status"] == "ok" and rec["article"]["published"] == "2021-03-01"
    assert rec["article"]["dateline"] == "KABUL"

    bad = tmp_path / "empty.txt"
    bad.write_text("")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    res = runner.invoke(main, ["extract", str(bad), str(good)])
    assert res.exit_code == 1  # something was rejected; the rest went through
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["rejected", "ok"]
    assert "empty" in res.stderr


def test_bad_published_is_a_usage_error() -> None:
    res = CliRunner().invoke(main, ["extract", "-", "--published", "last week"], input=ARTICLE)
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_ingest_is_idempotent_and_exports(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.duckdb")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", db, "--published", "2020-01-03"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["inserted"] == 4 and summary["rejected"] == 0
    again = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", db])
    summary = json.loads(again.stdout.strip().splitlines()[-1])
    assert summary["inserted"] == 0 and summary["skipped"] == 4 and summary["articles_in_store"] == 4
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        res = runner.invoke(main, ["export", "--db", db, "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 0
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    html = [r for r in recs if r["article"]["title"] == "Militia supporters attack U.S. Embassy in Baghdad"]
    assert html and html[0]["article"]["published"] == "2019-12-31"  # the page's own date wins
    assert html[0]["article"]["source"] == "Dateline Example Wire"
    assert html[0]["article"]["author"] == "Dateline Example Desk"
    assert any(c for c in html[0]["article"]["captions"])  # the figcaption is kept and marked
    res = runner.invoke(main, ["brief", "--db", db])
    assert res.exit_code == 0, res.output
    assert "Sources" in res.stdout


def test_eval_rejects_unknown_dataset(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["eval", "nope", "--data", str(tmp_path)])
    assert res.exit_code == 2 and "unknown data set" in res.output


def test_paragraph_breaks_start_sentences() -> None:
    from modelcache import shared_model

    doc = shared_model()("A headline without a stop\n\nKABUL — Gunmen attacked a checkpoint. (A. Photographer/Wire)\n\n"
                       "Police said three officers died.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "A headline without a stop"
    assert "Police said three officers died." in starts
