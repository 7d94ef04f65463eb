"""Quality gate: police KILL / ARREST / FORCE sentences on IndiaPoliceEvents.

Runs on the first 300 documents (sorted by doc_id; about 5,200 sentences) to
stay within the gate's time budget on a 2-core machine; the full-set figures
are in docs/quality/events.md.  The scorer runs the product (the records of
``dateline extract``, with each document's date as ``published``) on the full
articles; the figures equal those of the old side path (code_texts on the
joined sentences): 0.813 / 0.818 / 0.841.  Floors sit a little under the
measured figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval.india_police import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "india-police-events"
LIMIT_DOCS = 300

KILL_F1_FLOOR = 0.77
ARREST_F1_FLOOR = 0.79
FORCE_F1_FLOOR = 0.81


@pytest.mark.quality
def test_gate_india_police() -> None:
    need_data(DATA / "sents.jsonl", "IndiaPoliceEvents gold data")
    report = evaluate(str(DATA), limit=LIMIT_DOCS)
    assert report["n_docs"] == LIMIT_DOCS
    assert report["n_unlocated"] == 0, report  # every gold sentence found in the cleaned text
    assert report["kill_f1"] >= KILL_F1_FLOOR, report
    assert report["arrest_f1"] >= ARREST_F1_FLOOR, report
    assert report["force_f1"] >= FORCE_F1_FLOOR, report
