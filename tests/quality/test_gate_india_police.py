"""Quality gate: police KILL / ARREST / FORCE sentences on IndiaPoliceEvents.

Runs on the first 300 documents (sorted by doc_id; about 5,200 sentences) to
stay within the gate's time budget on a 2-core machine; the full-set figures
are in docs/quality/events.md.  Floors sit a little under the measured figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.india_police import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "india-police-events"
LIMIT_DOCS = 300

KILL_F1_FLOOR = 0.77
ARREST_F1_FLOOR = 0.79
FORCE_F1_FLOOR = 0.81


@pytest.mark.quality
def test_gate_india_police() -> None:
    if not (DATA / "sents.jsonl").is_file():
        pytest.skip(f"IndiaPoliceEvents data not found at {DATA} (needs ../shared beside the repo)")
    report = evaluate(str(DATA), limit=LIMIT_DOCS)
    assert report["n_docs"] == LIMIT_DOCS
    assert report["kill_f1"] >= KILL_F1_FLOOR, report
    assert report["arrest_f1"] >= ARREST_F1_FLOOR, report
    assert report["force_f1"] >= FORCE_F1_FLOOR, report
