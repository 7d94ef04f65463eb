"""Two-stage document clustering: coarse topics, then a split by distinctive details."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.stories.doc_cluster import (
    DocClusterConfig,
    cluster_docs,
    doc_terms,
    spectral_bisect,
    tfidf_matrix,
)
from modelcache import shared_model


def _two_blocks(n: int, inside: float, across: float) -> np.ndarray:
    sim = np.full((2 * n, 2 * n), across)
    sim[:n, :n] = inside
    sim[n:, n:] = inside
    np.fill_diagonal(sim, 1.0)
    return sim


def test_bisect_cuts_two_camps_apart() -> None:
    sim = _two_blocks(4, 0.6, 0.05)
    order = np.array([0, 4, 1, 5, 2, 6, 3, 7])  # interleaved ids: the cut must not rely on order
    parts = spectral_bisect(sim[np.ix_(order, order)], max_ncut=0.85, min_side=3)
    assert sorted(sorted(int(order[i]) for i in p) for p in parts) == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_bisect_keeps_a_cohesive_group_whole() -> None:
    sim = _two_blocks(4, 0.6, 0.55)
    assert spectral_bisect(sim, max_ncut=0.85, min_side=3) == [list(range(8))]


def test_bisect_needs_enough_members_per_side() -> None:
    sim = _two_blocks(2, 0.9, 0.0)
    assert spectral_bisect(sim, max_ncut=0.85, min_side=3) == [[0, 1, 2, 3]]


def test_tfidf_rows_are_unit_length_and_shared_terms_weigh_less() -> None:
    mat = tfidf_matrix([{"w:quake": 1.0, "w:chile": 1.0}, {"w:quake": 1.0, "w:japan": 1.0}])
    assert np.allclose(np.linalg.norm(mat, axis=1), 1.0)
    assert mat[0] @ mat[1] < 0.5  # only the shared (low-IDF) term overlaps


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_model()


def test_doc_terms_weigh_the_lead_and_keep_entities(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Floods hit Mozambique. Later, the floods reached the coast of Mozambique.")
    terms = doc_terms(doc, lead_tokens=4)
    assert terms["w:flood"] == 3.0  # once in the lead (x2), once after
    assert any(t.startswith("e:") and "mozambique" in t for t in terms)
    assert not any(t in ("w:the", "w:later") for t in terms)


def test_same_kind_of_event_in_two_places_makes_two_stories(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = {
        "a1": "A strong earthquake struck northern Chile on Monday, damaging homes in Iquique.",
        "a2": "The earthquake near Iquique in Chile damaged roads and homes, officials in Chile said.",
        "a3": "Chile counted the damage after the Iquique earthquake shook the northern coast.",
        "b1": "A powerful earthquake hit Hokkaido in Japan on Thursday, cutting power in Sapporo.",
        "b2": "Japan restored power in Sapporo after the Hokkaido earthquake, officials in Japan said.",
        "b3": "The Hokkaido earthquake left Sapporo without power, Japan's government said.",
    }
    docs = {k: nlp(v) for k, v in texts.items()}
    # stage 1 told to lump everything similar at all: one "earthquake" topic ...
    unsplit = cluster_docs(docs, DocClusterConfig(topic_threshold=0.0, max_ncut=0.0))
    assert unsplit == [sorted(texts)]
    # ... which stage 2 splits by place and participants
    stories = cluster_docs(docs, DocClusterConfig(topic_threshold=0.0))
    assert stories == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]


def test_unrelated_article_stays_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = {"q1": "An earthquake struck Chile.", "q2": "Chile was shaken by an earthquake.",
             "r1": "The central bank raised interest rates by half a point to fight inflation."}
    stories = cluster_docs({k: nlp(v) for k, v in texts.items()})
    assert ["r1"] in stories


def test_empty_input_gives_no_stories() -> None:
    assert cluster_docs({}) == []


def test_cosine_matrix_equals_the_full_tfidf_product() -> None:
    from dateline.stories.doc_cluster import cosine_matrix

    rows = [{"w:quake": 2.0, "w:chile": 1.0, "e:boric": 2.0}, {"w:quake": 1.0, "w:japan": 3.0},
            {"w:chile": 1.0, "w:quake": 1.0, "w:tsunami": 1.0}, {"w:flood": 1.0}]
    full = tfidf_matrix(rows)
    assert np.allclose(cosine_matrix(rows), full @ full.T)


def test_spectral_bisect_cut_scan_matches_the_direct_sums() -> None:
    rng = np.random.default_rng(7)
    for n in (6, 9, 14):
        sim = rng.random((n, n))
        sim = (sim + sim.T) / 2
        parts = spectral_bisect(sim, max_ncut=2.0, min_side=2)
        assert len(parts) == 2
        w = sim.copy()
        np.fill_diagonal(w, 0.0)
        deg = w.sum(axis=1)
        a, b = parts
        ncut = w[np.ix_(a, b)].sum() / deg[a].sum() + w[np.ix_(a, b)].sum() / deg[b].sum()
        # the chosen cut is the lowest over every cut point of the same spectral order
        lap = np.eye(n) - w / np.sqrt(np.outer(deg, deg))
        order = np.argsort(np.linalg.eigh(lap)[1][:, 1] / np.sqrt(deg), kind="stable")
        direct = min(w[np.ix_(order[:k], order[k:])].sum() / deg[order[:k]].sum()
                     + w[np.ix_(order[:k], order[k:])].sum() / deg[order[k:]].sum()
                     for k in range(2, n - 1))
        assert abs(ncut - direct) < 1e-9
