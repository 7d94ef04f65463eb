"""Batch document clustering into stories: coarse topics, then a split by distinctive details.

Stage 1 groups documents about the same *kind* of event: TF-IDF cosine over
content lemmas and named entities, average-link agglomerative clustering.
Stage 2 splits each coarse group where its documents fall into two camps that
share little: TF-IDF is recomputed *inside* the group, so words every member
shares ("earthquake", "quake", "magnitude") lose their weight and the
distinctive details (the place, the date, the participants) decide; the group
is cut in two along the spectral (Fiedler) ordering when the best normalized
cut is small enough and both sides keep a few documents.  Two earthquakes in
different countries, or two actors entering rehab, become two stories.

Thresholds were chosen on the ECB+ training topics (1-35 minus the dev topics)
by ``python -m dateline.eval.ecbplus --fit-docs``; see docs/quality/ecbplus.md.
This is a batch method (quadratic in the number of documents): it is meant for
a collection of a few thousand articles at most, not for the streaming
:class:`dateline.stories.StoryIndex`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from dateline.stories.text import STOP_WORDS, fold
from dateline.stories.trigger_coref import average_link

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_NUMERIC_ENTS = frozenset({"CARDINAL", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class DocClusterConfig:
    """Knobs (defaults chosen on ECB+ training topics)."""

    topic_threshold: float = 0.09  # stage 1: average-link cosine threshold
    max_ncut: float = 0.85  # stage 2: split when the normalized cut is at most this
    min_side: int = 3  # stage 2: each side of a split keeps at least this many documents
    lead_tokens: int = 40  # tokens of the opening (headline, lead) counted twice
    entity_weight: float = 1.0  # stage 1 weight of a named-entity mention
    split_entity_weight: float = 2.0  # stage 2 weight: participants, places, dates decide


def doc_terms(doc: Doc, lead_tokens: int = 40, entity_weight: float = 1.0) -> dict[str, float]:
    """Weighted terms of a parsed document: content lemmas ("w:") and named entities ("e:").

    Terms of the first ``lead_tokens`` tokens (headline and lead) count twice.
    Cardinal and ordinal entities are left out (numbers stay as lemmas).
    """
    terms: dict[str, float] = defaultdict(float)
    for tok in doc:
        if tok.pos_ not in _CONTENT_POS or not (tok.is_alpha or tok.pos_ == "NUM"):
            continue
        lemma = fold(tok.lemma_)
        if len(lemma) < 2 or lemma in STOP_WORDS:
            continue
        terms["w:" + lemma] += 2.0 if tok.i < lead_tokens else 1.0
    for ent in doc.ents:
        if ent.label_ in _NUMERIC_ENTS:
            continue
        terms["e:" + fold(ent.text)] += entity_weight * (2.0 if ent.start < lead_tokens else 1.0)
    return dict(terms)


def tfidf_matrix(rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Row-normalized (1 + log tf) * (log((N+1)/(df+1)) + 1) matrix of ``rows``."""
    df: Counter[str] = Counter()
    for r in rows:
        df.update(t for t, x in r.items() if x > 0)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(rows)
    mat = np.zeros((n, max(1, len(vocab))))
    for i, r in enumerate(rows):
        for t, x in r.items():
            if x > 0:
                mat[i, vocab[t]] = (1.0 + math.log(x)) * (math.log((n + 1) / (df[t] + 1)) + 1.0)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


def spectral_bisect(sim: np.ndarray, max_ncut: float, min_side: int) -> list[list[int]]:
    """Cut a similarity graph in two along its Fiedler vector, or return it whole.

    Every cut point of the sorted Fiedler vector with at least ``min_side``
    members per side is tried; the lowest normalized cut wins if it is at most
    ``max_ncut``.  Deterministic (ties keep the first cut).
    """
    n = sim.shape[0]
    whole = [list(range(n))]
    if n < 2 * min_side:
        return whole
    w = np.clip(sim.astype(float), 0.0, None)
    np.fill_diagonal(w, 0.0)
    degree = w.sum(axis=1)
    if np.any(degree <= 0):  # an isolated member: no meaningful spectral ordering
        return whole
    inv_sqrt = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - inv_sqrt[:, None] * w * inv_sqrt[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    fiedler = vectors[:, 1] * inv_sqrt
    order = np.argsort(fiedler, kind="stable")
    best: tuple[float, int] | None = None
    for k in range(min_side, n - min_side + 1):
        a, b = order[:k], order[k:]
        cut = float(w[np.ix_(a, b)].sum())
        ncut = cut / float(degree[a].sum()) + cut / float(degree[b].sum())
        if best is None or ncut < best[0] - 1e-12:
            best = (ncut, k)
    if best is None or best[0] > max_ncut:
        return whole
    k = best[1]
    return [sorted(int(i) for i in order[:k]), sorted(int(i) for i in order[k:])]


def cluster_docs(docs: Mapping[str, Doc], config: DocClusterConfig | None = None) -> list[list[str]]:
    """Stories (lists of document ids, sorted) of parsed documents; see the module doc."""
    cfg = config or DocClusterConfig()
    ids = sorted(docs)
    if not ids:
        return []
    coarse_terms = [doc_terms(docs[i], cfg.lead_tokens, cfg.entity_weight) for i in ids]
    mat = tfidf_matrix(coarse_terms)
    stories: list[list[str]] = []
    for group in average_link(mat @ mat.T, cfg.topic_threshold):
        members = [ids[i] for i in group]
        local = tfidf_matrix([doc_terms(docs[m], cfg.lead_tokens, cfg.split_entity_weight)
                              for m in members])
        for part in spectral_bisect(local @ local.T, cfg.max_ncut, cfg.min_side):
            stories.append(sorted(members[i] for i in part))
    return sorted(stories)
