"""One measured path: a scorer's figures equal those of scoring plain `dateline extract` output.

The CASE 2021 scorer reads its gold, runs the product in-process
(``dateline.eval.product.extract_records``) and scores the records.  Here the
same gold documents are written to a JSONL file, a separate ``dateline
extract`` process (what a user runs) turns them into records, and the
scorer's own scoring function scores those: every figure must be equal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval import case2021

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / ".." / "shared" / "eval" / "case2021-task2"
LIMIT = 40


def _dateline_command() -> list[str]:
    script = Path(sys.executable).parent / "dateline"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from dateline.cli import main; main()"]


@pytest.mark.quality
def test_case2021_scorer_equals_scoring_dateline_extract(tmp_path: Path) -> None:
    need_data(DATA / "snippets.tsv", "CASE 2021 Task 2 gold data")
    report = case2021.evaluate(str(DATA), limit=LIMIT)

    rows = case2021.read_snippets(str(DATA))[:LIMIT]
    gold_jsonl = tmp_path / "gold.jsonl"
    with gold_jsonl.open("w", encoding="utf-8") as fh:
        for doc in case2021.gold_documents(rows):
            item = {"id": doc.id, "text": doc.text, "published": doc.published, "title": doc.title}
            fh.write(json.dumps({k: v for k, v in item.items() if v is not None}) + "\n")
    out = tmp_path / "records.jsonl"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.run([*_dateline_command(), "extract", str(gold_jsonl), "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]  # 1: some input was rejected
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    assert [r["id"] for r in records] == [rid for rid, _, _ in rows], proc.stderr[-2000:]

    cli_scores = case2021.score(records, rows)
    in_process = {k: v for k, v in report.items() if k not in ("dataset", "data", "n_docs", "seconds")}
    assert cli_scores == in_process
    assert report["n_docs"] == LIMIT
