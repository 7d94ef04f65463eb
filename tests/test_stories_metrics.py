"""Coreference metrics on hand cases with known values (CoNLL reference-scorer example)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from dateline.stories.coref_metrics import b_cubed, ceaf_e, conll_scores, hungarian_max, muc

KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_on_the_reference_example() -> None:
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(0.4) and s.precision == pytest.approx(0.4)


def test_b3_on_the_reference_example() -> None:
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx(35 / 84) and s.precision == pytest.approx(0.5)


def test_ceafe_on_the_reference_example() -> None:
    s = ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(0.65) and s.precision == pytest.approx(1.3 / 3)


def test_perfect_response_scores_one_and_singletons_count() -> None:
    key = [frozenset("ab"), frozenset("c")]
    scores = conll_scores(key, key)
    assert scores["b3_f1"] == pytest.approx(1.0) and scores["ceafe_f1"] == pytest.approx(1.0)
    all_single = conll_scores(key, [{"a"}, {"b"}, {"c"}])
    assert all_single["muc_f1"] == 0.0
    assert all_single["b3_p"] == pytest.approx(1.0)
    assert all_single["b3_r"] == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_hungarian_matches_brute_force() -> None:
    rng = np.random.default_rng(7)
    for _ in range(40):
        n, m = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        w = rng.random((n, m))
        best = 0.0
        for cols in itertools.permutations(range(max(n, m)), n):
            best = max(best, sum(w[i, c] for i, c in enumerate(cols) if c < m))
        assert hungarian_max(w) == pytest.approx(best)
