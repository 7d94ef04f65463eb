"""Quality gate: ECB+ dev topics (2, 5, 12, 18, 21, 23, 34, 35), all 197 documents (~20 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import need_data

DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "ecbplus").resolve()

# Floors pinned a little under the figures in docs/quality/ecbplus.md.
# Floors changed when the scorer moved from the batch clusterer's document clusters to the
# product's stories (build_stories), which the brief and the API use:
# - topic_b3_f1 now measures the product (0.961); the batch clusterer's figure, which the old 0.97
#   floor guarded, is topic_b3_f1_batch_reference and keeps its 0.97 floor;
# - event coreference runs inside the product's stories: b3 on gold mentions 0.821 -> 0.814
#   (floor 0.81 -> 0.805), CoNLL on spaCy mentions 0.597 -> 0.592 (floor 0.585 -> 0.58).
FLOORS = {
    "conll_f1_gold_mentions": 0.80,
    "muc_f1_gold_mentions": 0.855,
    "b3_f1_gold_mentions": 0.805,
    "ceafe_f1_gold_mentions": 0.72,
    "conll_f1_system_mentions": 0.58,
    "conll_f1_coder_mentions": 0.26,
    "coder_mention_precision": 0.88,
    "topic_b3_f1": 0.95,
    "topic_b3_f1_batch_reference": 0.97,
}


@pytest.mark.quality
def test_ecbplus_scores_stay_above_floors() -> None:
    need_data(DATA, "ECB+ gold data")
    from dateline.eval.ecbplus import evaluate

    report = evaluate(str(DATA))
    assert list(report)[:4] == ["dataset", "data", "n_docs", "seconds"]
    for key, floor in FLOORS.items():
        assert report[key] >= floor, f"{key} = {report[key]} fell below {floor}"
    # our clustering must beat the same-lemma baseline measured by the same scorer
    assert report["conll_f1_gold_mentions"] > report["lemma_baseline_conll_f1_gold_mentions"]
    assert report["conll_f1_system_mentions"] > report["lemma_baseline_conll_f1_system_mentions"]
    assert report["conll_f1_coder_mentions"] > report["lemma_baseline_conll_f1_coder_mentions"]
    # the product divides topics into stories: each ECB+ topic holds two seminal events
    assert report["n_stories"] >= len(report["topics"]) * 2 - 2
