"""Quality gate: ACLED sub-event classification on CASE 2021 Task 2 (full 509 snippets).

Floors sit a little under the measured figures (docs/quality/case2021.md);
lowering one is a visible, reviewed change. They were lowered from 0.86/0.85/0.86 when the
learned model replaced the regex lexicon (#14): the lexicon's figures were measured on the
snippets read while writing it; the model never saw CASE data, so its figures are blind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.case2021 import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "case2021-task2"

WEIGHTED_F1_FLOOR = 0.57
MACRO_F1_FLOOR = 0.53
ACCURACY_FLOOR = 0.57


@pytest.mark.quality
def test_gate_case2021() -> None:
    if not (DATA / "snippets.tsv").is_file():
        pytest.skip(f"CASE 2021 Task 2 gold data not found at {DATA} (needs ../shared beside the repo)")
    report = evaluate(str(DATA))
    assert report["n_docs"] >= 500
    assert report["weighted_f1"] >= WEIGHTED_F1_FLOOR, report
    assert report["macro_f1"] >= MACRO_F1_FLOOR, report
    assert report["accuracy"] >= ACCURACY_FLOOR, report
