"""Quality gate: PLOVER event type and actors on the plover-gsr records (all 322).

Floors sit a little under the measured figures (docs/quality/events.md);
lowering one is a visible, reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.plover_gsr import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "plover-gsr"

EVENT_TYPE_ACCURACY_FLOOR = 0.81
SOURCE_ACTOR_MATCH_FLOOR = 0.78
TARGET_ACTOR_MATCH_FLOOR = 0.40
MACRO_F1_FLOOR = 0.79


@pytest.mark.quality
def test_gate_plover_gsr() -> None:
    if not (DATA / "PLOVER_GSR_CAMEO.json").is_file():
        pytest.skip(f"plover-gsr gold data not found at {DATA} (needs ../shared beside the repo)")
    report = evaluate(str(DATA))
    assert report["n_docs"] >= 300
    assert report["event_type_accuracy"] >= EVENT_TYPE_ACCURACY_FLOOR, report
    assert report["source_actor_match"] >= SOURCE_ACTOR_MATCH_FLOOR, report
    assert report["target_actor_match"] >= TARGET_ACTOR_MATCH_FLOOR, report
    assert report["macro_f1"] >= MACRO_F1_FLOOR, report
