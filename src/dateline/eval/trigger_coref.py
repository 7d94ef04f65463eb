"""Cross-document coreference of event *mentions* in text (trigger words in context).

A diagnostic of the ECB+ scorer (:mod:`dateline.eval.ecbplus`), not the product:
the product merges coded events with :func:`dateline.stories.merge_events`.
Used where events are word-level mentions (ECB+ gold mentions; spaCy verbs as
system mentions): inside one document cluster, a pairwise logistic score over
a few interpretable features (same lemma, same event-word class, shared
sentence context and names, shared arguments of the head, same document,
reporting verb) feeds
average-link agglomerative clustering.  The weights are fitted on ECB+
training topics (Cybulska & Vossen 2015 split: topics 1-35 minus the dev
topics) by :func:`fit_weights`; they are twelve floats kept below.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from dateline.stories.doc_cluster import average_link
from dateline.stories.trigger_lexicon import event_class

REPORTING = frozenset({"say", "tell", "report", "state", "add", "claim", "confirm", "note",
                       "be", "have", "do", "make", "take", "get", "go", "come", "give"})


class Mention(Protocol):
    @property
    def key(self) -> Hashable: ...
    @property
    def doc(self) -> str: ...
    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def context(self) -> tuple[str, ...]: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def args(self) -> tuple[str, ...]: ...


FEATURES = ("bias", "same_lemma", "same_class", "context", "names", "same_doc",
            "reporting", "lemma_x_context", "lemma_x_names", "class_x_context", "verbs", "args")

#: Fitted by ``python -m dateline.eval.ecbplus --fit`` on ECB+ train topics.
WEIGHTS: tuple[float, ...] = (-3.488, 1.338, 3.528, 0.065, -0.265, -0.088, -1.851, 0.38, 0.384,
                              -0.176, -0.117, 2.835)
#: Chosen on the train topics with the document clusters of ``doc_cluster`` (0.40-0.45 flat).
THRESHOLD = 0.4


@dataclass(frozen=True, slots=True)
class TriggerCorefModel:
    weights: tuple[float, ...] = WEIGHTS
    threshold: float = THRESHOLD


def _jaccard(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    sa, sb = set(a), set(b)
    union = sa | sb
    return len(sa & sb) / len(union) if union else 0.0


def pair_features(a: Mention, b: Mention) -> list[float]:
    same_lemma = float(a.lemma == b.lemma)
    same_class = float(event_class(a.lemma) == event_class(b.lemma))
    ctx = _jaccard(a.context, b.context)
    names = _jaccard(a.names, b.names)
    reporting = float(same_class and (a.lemma in REPORTING or b.lemma in REPORTING))
    verbs = float(a.pos == "VERB") + float(b.pos == "VERB")
    return [1.0, same_lemma, same_class, ctx, names, float(a.doc == b.doc), reporting,
            same_lemma * ctx, same_lemma * names, same_class * ctx, verbs,
            _jaccard(a.args, b.args)]


def pair_matrix(ms: Sequence[Mention], weights: Sequence[float]) -> np.ndarray:
    """Symmetric matrix of pairwise coreference probabilities (diagonal 1)."""
    n = len(ms)
    w = np.asarray(weights, dtype=float)
    feats = np.array([pair_features(ms[i], ms[j]) for i in range(n) for j in range(i + 1, n)],
                     dtype=float).reshape(-1, len(FEATURES))
    probs = 1.0 / (1.0 + np.exp(-(feats @ w))) if len(feats) else np.zeros(0)
    mat = np.eye(n)
    iu = np.triu_indices(n, k=1)
    mat[iu] = probs
    mat.T[iu] = probs
    return mat


def cluster_triggers(ms: Sequence[Mention], model: TriggerCorefModel = TriggerCorefModel()
                     ) -> list[list[Hashable]]:
    """Clusters (lists of mention keys) of one document cluster's mentions."""
    ordered = sorted(ms, key=lambda m: repr(m.key))
    if not ordered:
        return []
    groups = average_link(pair_matrix(ordered, model.weights), model.threshold)
    return [[ordered[i].key for i in g] for g in groups]


def lemma_baseline(ms: Sequence[Mention]) -> list[list[Hashable]]:
    """Same-lemma baseline: one cluster per head lemma."""
    groups: dict[str, list[Hashable]] = {}
    for m in ms:
        groups.setdefault(m.lemma, []).append(m.key)
    return list(groups.values())


def fit_weights(pairs: Sequence[tuple[Mention, Mention, bool]], steps: int = 3000,
                rate: float = 2.0, l2: float = 1e-4) -> tuple[float, ...]:
    """Logistic regression by gradient descent (numpy), deterministic from zero weights."""
    x = np.array([pair_features(a, b) for a, b, _ in pairs], dtype=float)
    y = np.array([float(c) for _, _, c in pairs])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w)
    return tuple(round(float(v), 3) for v in w)
