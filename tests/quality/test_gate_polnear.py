"""Quality gate: quotes and speakers on PolNeAR dev (all 84 articles, ~20 s).

The scorer measures the ``quotes`` of the records ``dateline extract`` writes (default
settings, gold spans aligned onto the cleaned text).  Floors sit a little under the product
figures (content 0.843, source 0.815, cue 0.776, content exact 0.589, source exact 0.771,
cue exact 0.573, attribution 0.711) measured with
``dateline eval polnear --data ../shared/eval/polnear/dev`` (see docs/quality/polnear.md);
the old side path (``extract_quotes`` on the raw text) measured 0.844 / 0.816 / 0.776 /
0.589 / 0.772 / 0.572 / 0.712, so the floors did not move.  The quotes+actors time share
against spaCy is a performance figure, checked by ``bench/throughput.py``.
Lowering a floor is a visible, reviewed change.
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
