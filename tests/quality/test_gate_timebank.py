"""Quality gate: time expressions on TempEval-3 TimeBank + AQUAINT (all 256 documents).

The scorer measures the ``times`` of the records ``dateline extract`` writes (default settings,
creation time as ``published``, gold spans aligned onto the cleaned text).  The whole set runs
in well under the gate's time budget (spaCy parsing dominates).  Floors sit a little under the
product figures (docs/quality/timebank.md), which equal the old side path's (``extract_times``
on the raw text); lowering one is a visible, reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval.timebank import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "timebank-aquaint-tbaq"

STRICT_F1_FLOOR = 0.86  # measured 0.8752
RELAXED_F1_FLOOR = 0.925  # measured 0.9369
TYPE_F1_FLOOR = 0.89  # measured 0.9025
VALUE_F1_FLOOR = 0.79  # measured 0.8014


@pytest.mark.quality
def test_gate_timebank() -> None:
    need_data(DATA / "TimeBank", "TimeBank/AQUAINT TimeML")
    report = evaluate(str(DATA))
    assert report["n_docs"] >= 250
    assert report["strict_f1"] >= STRICT_F1_FLOOR, report
    assert report["relaxed_f1"] >= RELAXED_F1_FLOOR, report
    assert report["type_f1"] >= TYPE_F1_FLOOR, report
    assert report["value_f1"] >= VALUE_F1_FLOOR, report
