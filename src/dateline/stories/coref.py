"""Cross-article event coreference: mentions of one real-world event → one canonical event.

Two mentions are *compatible* unless a hard constraint separates them: different
PLOVER types (a generic, mode-less ASSAULT may join another type only when date,
place and actors all agree), different modes (aerial and drone, explosives and
suicide attack excepted),
different tolls stated in one article (a report that gives 7 and 25 dead names two
events), incompatible dates (both day-precise and more than ``day_tolerance`` apart, or
different days within one article; week/month/year dates only constrain to their
period), places far apart (haversine, or different countries), or background vs
current.  Two compatible mentions *corefer* (an evidence edge) when their actors
overlap or, lacking actors, date and place agree.

Clusters come from a constrained (complete-link) agglomeration: evidence edges
are taken strongest first, and two clusters are joined only when *every* pair
across them is compatible, so a chain A~B~C never puts A and C together when A
and C are incompatible.  Mentions and edges are sorted by stable keys first, so
the result does not depend on arrival order, and merging twice changes nothing.
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

from dateline.modes import modes_fit
from dateline.stories.model import CanonicalEvent, Claim, EventMention
from dateline.stories.text import fold

#: PLOVER types that share a blocking family (compared at all); compatibility is stricter.
TYPE_FAMILY: dict[str, str] = {
    "ASSAULT": "violence", "COERCE": "violence", "PROTEST": "violence",
    "AGREE": "cooperation", "CONSULT": "cooperation", "COOPERATE": "cooperation",
}


#: Name words that say nothing about identity ("United States" vs "U.S. forces").
_GENERIC_TOKENS = frozenset("""
the and for government forces force military officials official people group security state
states united members supporters fighters militia troops army police ministry department
""".split())

#: Mentions of one article this close (characters) are likely told in one passage.
_NEAR_CHARS = 600

#: Length of the period a date of each precision stands for, in days.
_PERIOD_DAYS = {"day": 0, "week": 6, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class CorefConfig:
    """Tolerances of the coreference relation (defaults suit daily news)."""

    day_tolerance: int = 1
    fallback_days: int = 7  # a publication-date fallback covers the week before publication
    max_km: float = 60.0
    max_km_coarse: float = 300.0  # when either place is a region/admin1/country
    max_block_days: int = 31


def family(event_type: str) -> str:
    """Type family used for blocking."""
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
    return {t for n in names for t in n.replace("-", " ").replace(".", "").split()
            if len(t) > 2 and t not in _GENERIC_TOKENS}


def is_generic(m: EventMention) -> bool:
    """A mode-less ASSAULT ("attack", "killing"): may stand for a more specific event."""
    return m.event_type == "ASSAULT" and not m.mode


def _place_relation(a: EventMention, b: EventMention, cfg: CorefConfig) -> str:
    """'same', 'far' (incompatible) or 'unknown'.

    A country-level place is often the coder's guess from a nationality ("U.S. officials
    said"): against a finer place it only tells when the countries agree ('same'),
    never separates them; two country-level places of different countries are 'far'.
    """
    levels = (a.location_precision, b.location_precision)
    if "country" in levels and levels != ("country", "country"):
        if a.country and b.country:
            return "same" if a.country == b.country else "unknown"
        return "unknown"
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        coarse = {a.location_precision, b.location_precision} & {"region", "admin1", "country"}
        limit = cfg.max_km_coarse if coarse else cfg.max_km
        return "same" if haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit else "far"
    if a.country and b.country and a.country != b.country:
        return "far"
    if a.location_name and b.location_name:
        na, nb = fold(a.location_name), fold(b.location_name)
        if na == nb:
            return "same"
        if na in nb or nb in na:  # "Baghdad" / "Baghdad International Airport"
            return "same"
    return "unknown"


def date_interval(m: EventMention, cfg: CorefConfig = CorefConfig()) -> tuple[int, int] | None:
    """The days (first, last ordinal) a mention's date stands for, or None when undated.

    A text date covers its period (a week value starts the week); a publication-date
    fallback (no date expression) covers the ``fallback_days`` before publication.
    """
    o = _ordinal(m.date)
    if o is None:
        return None
    if not m.dated_by_text:
        return (o - cfg.fallback_days, o)
    return (o, o + _PERIOD_DAYS.get(m.date_precision or "day", 0))


def _date_relation(a: EventMention, b: EventMention, cfg: CorefConfig) -> str:
    """'same' (one day), 'near' (within tolerance), 'loose' (only coarse periods overlap),
    'far' (incompatible) or 'unknown'."""
    ia, ib = date_interval(a, cfg), date_interval(b, cfg)
    if ia is None or ib is None:
        return "unknown"
    gap = max(ia[0], ib[0]) - min(ia[1], ib[1])  # <= 0: the periods overlap
    precise = ia[0] == ia[1] and ib[0] == ib[1]
    if precise:
        if gap == 0:
            return "same"
        # one article never gives two different days to one event; reports may differ by one
        tol = 0 if a.article_id == b.article_id else cfg.day_tolerance
        return "near" if gap <= tol else "far"
    return "loose" if gap <= cfg.day_tolerance else "far"


def _modes_compatible(a: EventMention, b: EventMention) -> bool:
    return modes_fit(a.mode, b.mode)  # a drone strike is an air strike, a suicide attack a blast


def _actors_overlap(a: EventMention, b: EventMention) -> bool | None:
    """True/False when both sides name participants, None when either names none.

    Where neither side names who acted, the victims alone are described too differently
    from one report to the next ("an Iraqi military base" / "an American contractor") to
    tell two events apart: a shared name counts (True), a difference does not (None)."""
    na, nb = _names(a), _names(b)
    if not na or not nb:
        return None
    shared = bool(na & nb) or bool(_tokens(na) & _tokens(nb))
    if not shared and not any(a.actors) and not any(b.actors):
        return None
    return shared


def compatible(a: EventMention, b: EventMention, cfg: CorefConfig = CorefConfig()) -> bool:
    """Hard constraints: False when the two mentions cannot be one event (symmetric)."""
    if a.key == b.key:
        return True
    if a.historical != b.historical or not _modes_compatible(a, b):
        return False
    if a.article_id == b.article_id and any(  # one report, two tolls: two events
            x is not None and y is not None and x != y
            for x, y in ((a.dead, b.dead), (a.injured, b.injured))):
        return False
    d = _date_relation(a, b, cfg)
    if d == "far" or _place_relation(a, b, cfg) == "far":
        return False
    if a.event_type == b.event_type:
        return True
    # different types: only a generic ASSAULT, and only when everything else agrees
    if not (is_generic(a) or is_generic(b)) or family(a.event_type) != family(b.event_type):
        return False
    return d in ("same", "near") and _place_relation(a, b, cfg) == "same" \
        and _actors_overlap(a, b) is not False


def _evidence(a: EventMention, b: EventMention, cfg: CorefConfig) -> int:
    """Strength of the evidence that two compatible mentions are one event (0: none)."""
    d = _date_relation(a, b, cfg)
    p = _place_relation(a, b, cfg)
    overlap = _actors_overlap(a, b)
    if overlap is False:
        return 0
    same_article = a.article_id == b.article_id
    if overlap is None:  # at most one side has actors: demand agreement on date and place
        # (inside one article an undated "the attack" refers back to an event at that place)
        if not (p == "same" and (d in ("same", "near") or (same_article and d == "loose"))):
            return 0
    elif d in ("unknown", "loose") and p == "unknown" and not (
            a.dead is not None and a.dead == b.dead and a.dead > 1):
        # no date or place to agree on: only the same participants with the same specific
        # toll ("U.S. airstrikes killed 25" of the militia, recalled without a date) still tell
        return 0
    score = 1 + 2 * (d == "same") + (d == "near") + 2 * (p == "same") + 2 * bool(overlap)
    score += (a.event_type == b.event_type) + bool(a.mode and a.mode == b.mode)
    score += bool(a.trigger and b.trigger and fold(a.trigger) == fold(b.trigger))
    score += a.dead is not None and a.dead == b.dead
    if same_article and a.citation.start is not None and b.citation.start is not None:
        score += abs(a.citation.start - b.citation.start) <= _NEAR_CHARS  # same passage
    return score


def corefer(a: EventMention, b: EventMention, cfg: CorefConfig = CorefConfig()) -> bool:
    """The pairwise coreference decision (symmetric): compatible and with evidence."""
    if a.key == b.key:
        return True
    return compatible(a, b, cfg) and _evidence(a, b, cfg) > 0


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
        for k in _tokens(_names(m)) | _names(m) | ({fold(m.location_name)} if m.location_name else set()):
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
    """Group mentions into coreference clusters (deduplicated, order-free, sorted).

    Constrained agglomeration: evidence edges strongest first (ties by mention keys);
    an edge joins its two clusters only if every cross pair is :func:`compatible`.
    """
    uniq = {m.key: m for m in sorted(mentions, key=_sort_key)}
    ms = [uniq[k] for k in sorted(uniq)]
    edges: set[tuple[int, int, int]] = set()
    for i, j in _candidate_pairs(ms, cfg):
        i, j = min(i, j), max(i, j)
        if compatible(ms[i], ms[j], cfg):
            score = _evidence(ms[i], ms[j], cfg)
            if score > 0:
                edges.add((-score, i, j))
    owner = list(range(len(ms)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ms))}
    incompatible: set[tuple[int, int]] = set()  # cluster pairs already refused
    for _, i, j in sorted(edges):
        ci, cj = owner[i], owner[j]
        if ci == cj or (min(ci, cj), max(ci, cj)) in incompatible:
            continue
        if all(compatible(ms[x], ms[y], cfg) for x in members[ci] for y in members[cj]):
            keep, gone = min(ci, cj), max(ci, cj)
            for x in members[gone]:
                owner[x] = keep
            members[keep].extend(members.pop(gone))
            incompatible = {p for p in incompatible if gone not in p}
        else:
            incompatible.add((min(ci, cj), max(ci, cj)))
    return [sorted((ms[x] for x in members[c]), key=_sort_key) for c in sorted(members)]


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
    # most-supported first; then numbers in numeric order (13 before 103), then text
    claims.sort(key=lambda c: (-len(c.article_ids),
                               (0, c.value, "") if isinstance(c.value, int) else (1, 0, str(c.value))))
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
    located = [m for m in ms if m.location_name and m.location_precision != "country"] \
        or [m for m in ms if m.location_name]
    # a generic "attack" joined to a specific event takes its type; it is no rival claim
    typed = [m for m in ms if not is_generic(m)] or ms
    loc = None
    if located:
        name = _mode(m.location_name for m in located)
        loc = next(m for m in located if m.location_name == name)
    # dates the text gives beat publication-date fallbacks; day-precise ones beat periods
    dated = [m for m in ms if m.date and m.dated_by_text and m.date_precision in (None, "day")] \
        or [m for m in ms if m.date and m.dated_by_text] or [m for m in ms if m.date]
    digest = hashlib.sha1("|".join(f"{a}#{e}" for a, e in (m.key for m in ms)).encode()).hexdigest()
    return CanonicalEvent(
        id="ev-" + digest[:12],
        event_type=_mode(m.event_type for m in typed) or ms[0].event_type,
        mode=_mode(m.mode for m in ms),
        date=(chosen := _mode(m.date for m in dated)),
        date_precision=_mode(m.date_precision for m in dated if m.date == chosen),
        location_name=loc.location_name if loc else None,
        country=loc.country if loc else _mode(m.country for m in ms),
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        actors=_ranked_names(ms, "actors"),
        recipients=_ranked_names(ms, "recipients"),
        dead=_claims(ms, "dead"),
        injured=_claims(ms, "injured"),
        arrested=_claims(ms, "arrested"),
        dates=_claims([m for m in dated if m.dated_by_text], "date"),
        event_types=_claims(typed, "event_type"),
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
