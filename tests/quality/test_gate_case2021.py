"""Quality gate: the product's ACLED sub-event type on CASE 2021 Task 2 (full 509 snippets).

The scorer runs the product (the records of ``dateline extract``) and takes the
main event's (``events[0]``) ACLED sub-type.  Floors sit a little under the
measured figures (docs/quality/case2021.md); lowering one is a visible,
reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval.case2021 import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "case2021-task2"

# Measured on the product path after the learned ACLED model (#14) replaced the regex lexicon:
# re-pinned below after the merge (see the commit).
# Re-pinned when the scorer moved from classify_acled on the snippet (a side path no user
# gets: weighted 0.887, macro 0.882, accuracy 0.888; floors 0.86 / 0.85 / 0.86) to the
# product's main event: weighted 0.393, macro 0.376, accuracy 0.364.
WEIGHTED_F1_FLOOR = 0.39  # 0.411 with the learned model (#14) on the product path
MACRO_F1_FLOOR = 0.35  # 0.373
ACCURACY_FLOOR = 0.36  # 0.377


@pytest.mark.quality
def test_gate_case2021() -> None:
    need_data(DATA / "snippets.tsv", "CASE 2021 Task 2 gold data")
    report = evaluate(str(DATA))
    assert report["n_docs"] >= 500
    assert report["weighted_f1"] >= WEIGHTED_F1_FLOOR, report
    assert report["macro_f1"] >= MACRO_F1_FLOOR, report
    assert report["accuracy"] >= ACCURACY_FLOOR, report
