"""Coreference metrics: MUC, B³, CEAF-e and their CoNLL average.

Implemented as in the CoNLL-2012 reference scorer (Pradhan et al. 2014):
clusterings are collections of sets of hashable mention ids; key and response
may contain different mentions (system mentions), and singletons count.
CEAF-e uses φ4 (Dice) similarity and an optimal one-to-one alignment found
per connected component of the overlap graph with the Hungarian algorithm.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Clusters = Sequence[frozenset[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def as_clusters(groups: Iterable[Iterable[Hashable]]) -> list[frozenset[Hashable]]:
    """Normalize to a list of non-empty frozensets."""
    return [frozenset(g) for g in groups if g]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where[m] for m in k if m in where}
        unaligned = sum(1 for m in k if m not in where)
        num += len(k) - (len(parts) + unaligned)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    """MUC link-based score (Vilain et al. 1995)."""
    return PRF(_muc_recall(response, key), _muc_recall(key, response))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    total = 0.0
    n = 0
    for k in key:
        for m in k:
            n += 1
            if m in where:
                total += len(k & response[where[m]]) / len(k)
    return total / n if n else 0.0


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """B³ mention-based score (Bagga & Baldwin 1998)."""
    return PRF(_b3_recall(response, key), _b3_recall(key, response))


def hungarian_max(weights: np.ndarray) -> float:
    """Maximum total weight of a one-to-one assignment (rectangular allowed)."""
    rows, cols = weights.shape
    n = max(rows, cols)
    cost = np.zeros((n, n))
    cost[:rows, :cols] = -weights
    # Kuhn-Munkres, O(n^3), potentials formulation (1-based arrays).
    inf = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    p = np.zeros(n + 1, dtype=int)
    way = np.zeros(n + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(n + 1, inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            cur = cost[i0 - 1, :] - u[i0] - v[1:]
            free = ~used[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            cand = np.where(free, minv[1:], inf)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i <= rows and j <= cols:
            total += weights[i - 1, j - 1]
    return total


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF with φ4 similarity (Luo 2005)."""
    if not key or not response:
        return PRF(0.0, 0.0)
    where = _index(response)
    edges: dict[int, set[int]] = defaultdict(set)
    for ki, k in enumerate(key):
        for m in k:
            if m in where:
                edges[ki].add(where[m])
    # connected components of the bipartite overlap graph
    seen_k: set[int] = set()
    best = 0.0
    resp_to_keys: dict[int, set[int]] = defaultdict(set)
    for ki, rs in edges.items():
        for ri in rs:
            resp_to_keys[ri].add(ki)
    for start in edges:
        if start in seen_k:
            continue
        ks, rs, stack = {start}, set(), [start]
        seen_k.add(start)
        while stack:
            ki = stack.pop()
            for ri in edges[ki]:
                if ri not in rs:
                    rs.add(ri)
                    for kj in resp_to_keys[ri]:
                        if kj not in seen_k:
                            seen_k.add(kj)
                            ks.add(kj)
                            stack.append(kj)
        kl, rl = sorted(ks), sorted(rs)
        w = np.zeros((len(kl), len(rl)))
        for a, ki in enumerate(kl):
            for b, ri in enumerate(rl):
                inter = len(key[ki] & response[ri])
                if inter:
                    w[a, b] = 2 * inter / (len(key[ki]) + len(response[ri]))
        best += float(hungarian_max(w)) if w.size > 1 else float(w.sum())
    return PRF(best / len(response), best / len(key))


def conll_scores(key: Iterable[Iterable[Hashable]],
                 response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """MUC, B³, CEAF-e F1 and their mean (CoNLL F1), plus precisions and recalls."""
    k, r = as_clusters(key), as_clusters(response)
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        s = fn(k, r)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = s.precision, s.recall, s.f1
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out
