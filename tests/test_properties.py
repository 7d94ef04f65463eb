"""Property tests: extraction never raises on arbitrary text and every offset lies inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.schema import validate_record

pytestmark = pytest.mark.model

WORDS = st.sampled_from([
    "Police", "arrested", "killed", "three", "protesters", "in", "Baghdad", "on", "Friday", "last",
    "week", "“", "”", '"', "said", "the", "army", ",", ".", "\n", "\n\n", "BAGHDAD —", "(AP)",
    "airstrikes", "Kirkuk", "a", "dozen", "rockets", "hit", "he", "told", "reporters", ":", "1979",
    "Related image", "● ", "Trump", "Iran", "accused", "no", "plans", "to", "evacuate", "é", "🙂",
])
NEWSY = st.lists(WORDS, min_size=1, max_size=80).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(NEWSY, st.text(max_size=400)),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_extraction_never_raises_and_offsets_hold(pipeline, text: str, published: str | None) -> None:
    rec = pipeline.extract_text(text, published=published)
    d = rec.to_dict()
    # a rejection is fine (too short, not English...), an internal error is not
    assert rec.reason != "internal_error", rec.error
    validate_record(d)
