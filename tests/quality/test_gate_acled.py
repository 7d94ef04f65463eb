"""Quality gate: incidents against ACLED's own coding, on the first 400 held-out rows of the
development sample (rows with sha1(event_id_cnty)[0] % 5 == 0; about 25 s).

Floors sit a little under the measured figures (docs/quality/incidents.md); lowering one is a
visible, reviewed change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.eval.acled import evaluate

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "train" / "acled-sample" / "acled_2022_sample.csv"
LIMIT = None  # every held-out note

FLOORS = {
    # all 1,934 held-out notes (38 s); measured after incidents, places and the learned model merged:
    # 0.692 / 0.633 / 0.946 / 0.936 / 0.588 / 0.526. The sub-type floor is lower than the 0.62 of
    # the first 400 rows with the regex lexicon: the learned model types fewer events (0.808 typed)
    "one_incident_share": 0.67,
    "sub_event_type_accuracy": 0.61,
    "fatalities_exact": 0.93,
    "date_accuracy": 0.92,
    "location_within_50km": 0.57,
    "actor1_accuracy": 0.51,
}


@pytest.mark.quality
def test_gate_acled() -> None:
    if not DATA.is_file():
        pytest.skip(f"ACLED sample not found at {DATA} (needs ../shared beside the repo)")
    report = evaluate(str(DATA), limit=LIMIT, split="heldout")
    assert report["n_docs"] >= 1900
    for key, floor in FLOORS.items():
        assert report[key] >= floor, (key, report)
