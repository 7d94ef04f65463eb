"""Cross-article event coreference: mentions of one real-world event → one canonical event.

Two mentions corefer when their PLOVER types are compatible, their dates lie
within a tolerance that widens with date precision, their places are within a
distance (haversine) or at least not in different countries, and their actors
overlap (or, lacking actors, date and place agree closely).  Clusters are the
connected components of that relation over the *set* of mentions, so the
result does not depend on arrival order, and merging twice changes nothing.
Pairs are only compared inside blocks (same type family, and dates within the
widest tolerance; undated mentions by shared actor or place), never all pairs.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateline.stories.model import CanonicalEvent, Claim, EventMention
from dateline.stories.text import fold

#: PLOVER types that different coders (or reporters) use for the same happening.
TYPE_FAMILY: dict[str, str] = {
    "ASSAULT": "violence", "COERCE": "violence",
    "AGREE": "cooperation", "CONSULT": "cooperation", "COOPERATE": "cooperation",
}

_PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


@dataclass(frozen=True, slots=True)
class CorefConfig:
    """Tolerances of the coreference relation (defaults suit daily news)."""

    day_tolerance: int = 1
    max_km: float = 60.0
    max_km_coarse: float = 300.0  # when either place is a region/admin1/country
    max_block_days: int = 31


def family(event_type: str) -> str:
    """Type family used for blocking and compatibility."""
    return TYPE_FAMILY.get(event_type, event_type)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _ordinal(d: str | None) -> int | None:
    if not d:
        return None
    try:
        return date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        return None


def _names(m: EventMention) -> set[str]:
    return {fold(n) for n in m.actors + m.recipients if n}


def _tokens(names: set[str]) -> set[str]:
    return {t for n in names for t in n.replace("-", " ").split() if len(t) > 2}


def _place_relation(a: EventMention, b: EventMention, cfg: CorefConfig) -> str:
    """'same', 'far' (incompatible) or 'unknown'."""
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        coarse = {a.location_precision, b.location_precision} & {"region", "admin1", "country"}
        limit = cfg.max_km_coarse if coarse else cfg.max_km
        return "same" if haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit else "far"
    if a.country and b.country and a.country != b.country:
        return "far"
    if a.location_name and b.location_name and fold(a.location_name) == fold(b.location_name):
        return "same"
    return "unknown"


def _date_relation(a: EventMention, b: EventMention, cfg: CorefConfig) -> str:
    da, db = _ordinal(a.date), _ordinal(b.date)
    if da is None or db is None:
        return "unknown"
    tol = max(cfg.day_tolerance, _PRECISION_DAYS.get(a.date_precision or "day", 1),
              _PRECISION_DAYS.get(b.date_precision or "day", 1))
    if da == db:
        return "same"
    return "near" if abs(da - db) <= tol else "far"


def corefer(a: EventMention, b: EventMention, cfg: CorefConfig = CorefConfig()) -> bool:
    """The pairwise coreference decision (symmetric)."""
    if family(a.event_type) != family(b.event_type) or a.historical != b.historical:
        return False
    if a.article_id == b.article_id and a.event_id == b.event_id:
        return True
    d = _date_relation(a, b, cfg)
    p = _place_relation(a, b, cfg)
    if d == "far" or p == "far":
        return False
    na, nb = _names(a), _names(b)
    if na and nb:
        overlap = bool(na & nb) or bool(_tokens(na) & _tokens(nb))
        if not overlap:
            return False
        return not (d == "unknown" and p == "unknown")
    # at most one side has actors: demand agreement on both date and place
    return d in ("same", "near") and p == "same"


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _sort_key(m: EventMention) -> tuple[str, str]:
    return m.key


def _candidate_pairs(ms: Sequence[EventMention], cfg: CorefConfig) -> Iterable[tuple[int, int]]:
    """Blocking: dated mentions against dated ones of the same family within the window;
    undated ones against any of the same family sharing an actor token or place name."""
    by_family: dict[str, list[tuple[int, int]]] = defaultdict(list)
    keyed: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        fam = family(m.event_type)
        o = _ordinal(m.date)
        if o is not None:
            by_family[fam].append((o, i))
        for k in _tokens(_names(m)) | ({fold(m.location_name)} if m.location_name else set()):
            keyed[(fam, k)].append(i)
    for items in by_family.values():
        items.sort()
        ords = [o for o, _ in items]
        for pos, (o, i) in enumerate(items):
            hi = bisect.bisect_right(ords, o + cfg.max_block_days)
            for _, j in items[pos + 1:hi]:
                yield (i, j)
    for idxs in keyed.values():
        undated = [i for i in idxs if ms[i].date is None]
        if not undated:
            continue
        for i in undated:
            for j in idxs:
                if i != j and not (ms[j].date is None and j < i):
                    yield (i, j)


def cluster_mentions(mentions: Iterable[EventMention],
                     cfg: CorefConfig = CorefConfig()) -> list[list[EventMention]]:
    """Group mentions into coreference clusters (deduplicated, order-free, sorted)."""
    uniq = {m.key: m for m in sorted(mentions, key=_sort_key)}
    ms = [uniq[k] for k in sorted(uniq)]
    uf = _UnionFind(len(ms))
    for i, j in _candidate_pairs(ms, cfg):
        if uf.find(i) != uf.find(j) and corefer(ms[i], ms[j], cfg):
            uf.union(i, j)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, m in enumerate(ms):
        groups[uf.find(i)].append(m)
    return [groups[r] for r in sorted(groups)]


def _claims(ms: Sequence[EventMention], attr: str) -> tuple[Claim, ...]:
    by_value: dict[int | str, list[EventMention]] = defaultdict(list)
    for m in ms:
        v = getattr(m, attr)
        if v is not None:
            by_value[v].append(m)
    claims = [Claim(v, tuple(sorted({m.article_id for m in vm})),
                    tuple(sorted({m.citation for m in vm},
                                 key=lambda c: (c.article_id, c.start or 0, c.sentence))))
              for v, vm in by_value.items()]
    claims.sort(key=lambda c: (-len(c.article_ids), str(c.value)))
    return tuple(claims)


def _mode(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _ranked_names(ms: Sequence[EventMention], attr: str) -> tuple[str, ...]:
    counts: Counter[str] = Counter(n for m in ms for n in getattr(m, attr))
    return tuple(n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def canonical_event(ms: Sequence[EventMention]) -> CanonicalEvent:
    """Merge one cluster: majority values for display, every distinct value kept as a claim."""
    ms = sorted(ms, key=_sort_key)
    located = [m for m in ms if m.location_name]
    loc = None
    if located:
        name = _mode(m.location_name for m in located)
        loc = next(m for m in located if m.location_name == name)
    digest = hashlib.sha1("|".join(f"{a}#{e}" for a, e in (m.key for m in ms)).encode()).hexdigest()
    return CanonicalEvent(
        id="ev-" + digest[:12],
        event_type=_mode(m.event_type for m in ms) or ms[0].event_type,
        mode=_mode(m.mode for m in ms),
        date=_mode(m.date for m in ms),
        location_name=loc.location_name if loc else None,
        country=loc.country if loc else _mode(m.country for m in ms),
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        actors=_ranked_names(ms, "actors"),
        recipients=_ranked_names(ms, "recipients"),
        dead=_claims(ms, "dead"),
        injured=_claims(ms, "injured"),
        arrested=_claims(ms, "arrested"),
        dates=_claims(ms, "date"),
        event_types=_claims(ms, "event_type"),
        factuality=_claims(ms, "factuality"),
        historical=all(m.historical for m in ms),
        mentions=tuple(ms),
    )


def merge_events(mentions: Iterable[EventMention],
                 cfg: CorefConfig = CorefConfig()) -> tuple[CanonicalEvent, ...]:
    """Canonical events of a set of mentions, in timeline order (date, then id)."""
    events = [canonical_event(c) for c in cluster_mentions(mentions, cfg)]
    events.sort(key=lambda e: (e.date or "9999", e.id))
    return tuple(events)
