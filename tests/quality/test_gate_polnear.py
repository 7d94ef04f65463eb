"""Quality gate: quotes and speakers on PolNeAR dev (all 84 articles, ~50 s).

Floors sit a little under the figures measured (content 0.816, source 0.791,
cue 0.754, content exact 0.574, source exact 0.748, cue exact 0.569,
attribution 0.702) with
``dateline.eval.polnear.evaluate('../shared/eval/polnear/dev')`` (see
docs/quality/polnear.md).  Lowering a floor is a visible, reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.polnear import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear" / "dev"

FLOORS: dict[str, float] = {
    "content_f1_overlap": 0.79,
    "source_f1_overlap": 0.77,
    "cue_f1_overlap": 0.73,
    "content_f1_exact": 0.55,
    "source_f1_exact": 0.72,
    "cue_f1_exact": 0.54,
    "attribution_f1": 0.68,
}


@pytest.mark.quality
@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/eval/polnear/dev not available")
def test_polnear_dev_floors() -> None:
    report = evaluate(str(DATA))
    assert report["n_docs"] == 84
    low = {k: (report[k], floor) for k, floor in FLOORS.items() if report[k] < floor}
    assert not low, f"below floor (score, floor): {low}"
    assert report["quotes_actors_share_of_spacy_time"] <= 0.10
