"""Quality gate: CAMEO triples on the PETRARCH2 validation records (all 284).

The suite's expected codes come from its own validation verb dictionary,
which the coder does not use, so the figures are low by construction; the
gate guards against regressions only.  Floors sit a little under the
measured figures (docs/quality/events.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.petrarch import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "petrarch2-unittests"

TRIPLE_ACCURACY_FLOOR = 0.010
EVENT_CODE_ACCURACY_FLOOR = 0.07
NOEVENT_ACCURACY_FLOOR = 0.40


@pytest.mark.quality
def test_gate_petrarch() -> None:
    if not (DATA / "PETR.UnitTest.records.xml").is_file():
        pytest.skip(f"petrarch2 validation data not found at {DATA} (needs ../shared beside the repo)")
    report = evaluate(str(DATA))
    assert report["n_docs"] >= 250
    assert report["triple_accuracy"] >= TRIPLE_ACCURACY_FLOOR, report
    assert report["event_code_accuracy"] >= EVENT_CODE_ACCURACY_FLOOR, report
    assert report["noevent_accuracy"] >= NOEVENT_ACCURACY_FLOOR, report
