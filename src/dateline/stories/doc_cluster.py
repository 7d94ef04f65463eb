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
:func:`cluster_docs` is a batch method (quadratic in the number of documents),
kept as the reference the scorer compares with; the product's
:class:`dateline.stories.StoryIndex` streams stage 1 and runs stage 2
(:func:`split_recursive`) inside each open topic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from dateline.stories.text import STOP_WORDS, fold

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


def _weight(tf: float, n: int, df: int) -> float:
    """(1 + log tf) * (log((N+1)/(df+1)) + 1): the TF-IDF weight of both matrices below."""
    return (1.0 + math.log(tf)) * (math.log((n + 1) / (df + 1)) + 1.0)


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
                mat[i, vocab[t]] = _weight(x, n, df[t])
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


def cosine_matrix(rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    """The cosine similarities ``M @ M.T`` of :func:`tfidf_matrix` rows, built only over the
    terms two or more rows share (a term of one row adds to its norm, never to a dot
    product), so a big topic's long tail of rare words costs no matrix columns."""
    df: Counter[str] = Counter()
    for r in rows:
        df.update(t for t, x in r.items() if x > 0)
    n = len(rows)
    shared = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c > 1))}
    mat = np.zeros((n, max(1, len(shared))))
    norms = np.zeros(n)
    for i, r in enumerate(rows):
        sq = 0.0
        for t, x in r.items():
            if x > 0:
                v = _weight(x, n, df[t])
                sq += v * v
                j = shared.get(t)
                if j is not None:
                    mat[i, j] = v
        norms[i] = math.sqrt(sq)
    nonempty = norms > 0
    mat[nonempty] /= norms[nonempty, None]
    sim = mat @ mat.T
    sim[np.diag_indices(n)] = nonempty.astype(float)  # a row is its own full match
    return sim


def average_link(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering; merges while the best average > threshold.

    Deterministic: ties go to the lowest (row, column) index pair.
    """
    n = sim.shape[0]
    members: list[list[int]] = [[i] for i in range(n)]
    s = sim.astype(float).copy()
    np.fill_diagonal(s, -np.inf)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        masked = np.where(alive[:, None] & alive[None, :], s, -np.inf)
        flat = int(np.argmax(masked))
        i, j = divmod(flat, n)
        if masked[i, j] <= threshold:
            break
        i, j = min(i, j), max(i, j)
        ni, nj = len(members[i]), len(members[j])
        merged = (ni * s[i] + nj * s[j]) / (ni + nj)
        s[i, :] = merged
        s[:, i] = merged
        s[i, i] = -np.inf
        alive[j] = False
        members[i] = members[i] + members[j]
        members[j] = []
    return [sorted(m) for m in members if m]


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
    # cut(k) between order[:k] and order[k:], for every k at once (O(n^2), not O(n^3)):
    # moving member p into the first side adds its edges to later members and removes
    # its edges to earlier ones, which were counted as cut until then.
    perm = w[np.ix_(order, order)]
    cuts = np.cumsum(np.triu(perm, 1).sum(axis=1) - np.tril(perm, -1).sum(axis=1))
    vol_a = np.cumsum(degree[order])
    total = float(degree.sum())
    best: tuple[float, int] | None = None
    for k in range(min_side, n - min_side + 1):
        cut = max(0.0, float(cuts[k - 1]))
        ncut = cut / float(vol_a[k - 1]) + cut / (total - float(vol_a[k - 1]))
        if best is None or ncut < best[0] - 1e-12:
            best = (ncut, k)
    if best is None or best[0] > max_ncut:
        return whole
    k = best[1]
    return [sorted(int(i) for i in order[:k]), sorted(int(i) for i in order[k:])]


def split_recursive(rows: Sequence[Mapping[str, float]], max_ncut: float, min_side: int,
                    max_depth: int = 4) -> list[list[int]]:
    """Stories inside one topic: TF-IDF with the topic's *own* document frequencies, cut in
    two by :func:`spectral_bisect` and each side again, while a cut is small enough.

    ``rows`` are the weighted terms of the topic's documents; returns lists of row indices
    (sorted, in order of their first member).  With its own document frequencies the
    words every member shares (the kind of event) weigh little and the distinctive
    details decide.  Recursion (not one cut) because a topic may hold any number of
    stories; ``max_depth`` bounds the cost.
    """
    def go(idx: list[int], depth: int) -> list[list[int]]:
        if len(idx) < 2 * min_side or depth >= max_depth:
            return [idx]
        parts = spectral_bisect(cosine_matrix([rows[i] for i in idx]), max_ncut, min_side)
        if len(parts) == 1:
            return [idx]
        return [g for part in parts for g in go([idx[i] for i in part], depth + 1)]

    return sorted((sorted(g) for g in go(list(range(len(rows))), 0)), key=lambda g: g[0])


def cluster_docs(docs: Mapping[str, Doc], config: DocClusterConfig | None = None) -> list[list[str]]:
    """Stories (lists of document ids, sorted) of parsed documents; see the module doc."""
    cfg = config or DocClusterConfig()
    ids = sorted(docs)
    if not ids:
        return []
    coarse_terms = [doc_terms(docs[i], cfg.lead_tokens, cfg.entity_weight) for i in ids]
    stories: list[list[str]] = []
    for group in average_link(cosine_matrix(coarse_terms), cfg.topic_threshold):
        members = [ids[i] for i in group]
        local = cosine_matrix([doc_terms(docs[m], cfg.lead_tokens, cfg.split_entity_weight)
                               for m in members])
        for part in spectral_bisect(local, cfg.max_ncut, cfg.min_side):
            stories.append(sorted(members[i] for i in part))
    return sorted(stories)
