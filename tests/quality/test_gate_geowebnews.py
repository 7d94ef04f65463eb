"""Quality gate: the geoparser on GeoWebNews (../shared/eval/geowebnews), all 100 dev articles.

Floors sit a little under the figures measured on 2026-11-25 after the context/recall
follow-up (P 0.871, R 0.804, F1 0.836, acc@161 0.921, median 0 km; docs/quality/geowebnews.md);
lowering one is a reviewed change.  Runs in 30-60 s on a 2-core laptop (spaCy parsing dominates).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval.geowebnews import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "geowebnews"

DETECTION_PRECISION_FLOOR = 0.85
DETECTION_RECALL_FLOOR = 0.78
DETECTION_F1_FLOOR = 0.815
ACC_161_FLOOR = 0.905
MEDIAN_KM_CEILING = 10.0


@pytest.mark.quality
@pytest.mark.model
def test_geowebnews_gate() -> None:
    need_data(DATA / "GWN.xml", "GeoWebNews gold data")
    report = evaluate(str(DATA))
    assert report["n_docs"] > 0
    assert report["detection_precision"] >= DETECTION_PRECISION_FLOOR, report
    assert report["detection_recall"] >= DETECTION_RECALL_FLOOR, report
    assert report["detection_f1"] >= DETECTION_F1_FLOOR, report
    assert report["acc_161"] >= ACC_161_FLOOR, report
    assert report["median_km"] is not None and report["median_km"] <= MEDIAN_KM_CEILING, report
