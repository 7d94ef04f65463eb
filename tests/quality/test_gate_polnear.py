"""Quality gate: quotes and speakers on PolNeAR dev (all 84 articles, ~20 s).

Floors sit a little under the figures measured (content 0.844, source 0.816,
cue 0.776, content exact 0.589, source exact 0.772, cue exact 0.572,
attribution 0.712; round 5) with
``dateline.eval.polnear.evaluate('../shared/eval/polnear/dev')`` (see
docs/quality/polnear.md).  Lowering a floor is a visible, reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data
from dateline.eval.polnear import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear" / "dev"

FLOORS: dict[str, float] = {
    "content_f1_overlap": 0.83,
    "source_f1_overlap": 0.80,
    "cue_f1_overlap": 0.76,
    "content_f1_exact": 0.575,
    "source_f1_exact": 0.755,
    "cue_f1_exact": 0.555,
    "attribution_f1": 0.70,
}


@pytest.mark.quality
def test_polnear_dev_floors() -> None:
    need_data(DATA, "PolNeAR dev gold data")
    report = evaluate(str(DATA))
    assert report["n_docs"] == 84
    low = {k: (report[k], floor) for k, floor in FLOORS.items() if report[k] < floor}
    assert not low, f"below floor (score, floor): {low}"
    assert report["quotes_actors_share_of_spacy_time"] <= 0.10
