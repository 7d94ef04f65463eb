"""Choosing one gazetteer entry for a toponym, in context.

Every candidate gets a score from:
  * what it is: curated regions/sites and continents, then countries, then
    admin1 units, then cities by population (log scale), national capitals up;
  * how the name matched: alternate names ("Liverpool" is an old alternate
    name of a small Indiana town) count less than primary names;
  * the article: the share of the article's place mentions that fall in the
    candidate's country (its "country focus"), and the dateline's country;
  * a designator in the text ("Anbar province" wants an admin1 unit,
    "Kuwait City" a city);
  * the article's geography: the admin1 units its places fall in, and how
    close a candidate lies to the article's confidently placed mentions
    ("anchors"): places named together tend to lie together, so "Charleston"
    in a Virginia story is the West Virginia capital, not the one in South
    Carolina.

So "Washington" in a US-politics story is the capital, not the English town;
"Florida" is the US state; "Kuwait" is the country.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dateline.gazetteer.index import KIND_ALT, KIND_DEMONYM, KIND_PRIMARY, GazEntry, Gazetteer, haversine_km
from dateline.gazetteer.normalize import fold

ANCHOR_WEIGHT = 2.0
_SHADOWS = {"country": 1_000_000, "admin1": 100_000}
_FEATURE_BASE = {"country": 3.2, "continent": 4.0, "region": 4.0, "site": 4.0, "admin1": 2.4}
ADMIN1_WORDS = frozenset(
    "province provinces governorate state region oblast county district prefecture".split()
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A confidently placed mention elsewhere in the article.

    ``point`` says whether (lat, lon) locates it (a city or site) or only its
    admin1 unit does (an admin1 mention: its centre says little).
    ``admin1`` is "CC|admin1 name" or None; ``weight`` how sure the article's
    reading of that mention is (one mention's anchors weigh 1 in all).
    """

    lat: float
    lon: float
    admin1: str | None
    point: bool = True
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What the article tells us about where it is.

    ``country_focus`` maps ISO alpha-2 codes to their share of the article's
    place mentions (0..1); ``dateline_country`` is the dateline city's country;
    ``anchors`` are the article's other confidently placed mentions.
    """

    country_focus: Mapping[str, float] = field(default_factory=dict)
    dateline_country: str | None = None
    anchors: tuple[Anchor, ...] = ()


def score(entry: GazEntry, ctx: ResolveContext, surface: str = "", want: str | None = None) -> float:
    """Plausibility of ``entry`` as the referent of ``surface`` (higher is better)."""
    if entry.feature == "city":
        s = 0.45 * math.log10(entry.population + 10)
        if entry.capital and entry.kind != KIND_ALT:
            s += 0.9
    elif entry.feature == "admin2":
        if entry.country == "US":
            # US counties: population is that of a namesake city in them (0 if none)
            s = 2.0 + 0.2 * math.log10(entry.population + 10)
        else:
            # districts: population is the sum of their towns'; a district usually bears
            # the name of its main town, which is the likelier referent of the bare name
            s = 1.4 + 0.2 * math.log10(entry.population + 10)
    else:
        s = _FEATURE_BASE.get(entry.feature, 2.0)
        if entry.feature == "admin1" and entry.country == "US":
            s += 0.1
    if entry.kind == KIND_ALT:
        # old/alternate names of small places are noisy; of metropolises, usual
        if entry.feature != "city":
            s -= 0.4
        else:
            s -= 0.3 if entry.population >= 1_000_000 else 1.2
    if surface and fold(entry.name) == fold(surface):
        s += 0.2
    if entry.country:
        s += 2.0 * ctx.country_focus.get(entry.country, 0.0)
        if ctx.dateline_country and entry.country == ctx.dateline_country:
            s += 0.6
    if ctx.anchors and entry.feature in ("city", "admin2", "site", "admin1"):
        s += ANCHOR_WEIGHT * proximity(entry, ctx.anchors)
    if want is not None:
        s += 2.0 if entry.feature == want else -1.0
    return s


def _shadowed(c: GazEntry, shadows: Sequence[GazEntry]) -> bool:
    if c.feature != "city":
        return False
    for big in shadows:
        if c.population < _SHADOWS[big.feature] or c.kind == KIND_ALT:
            if big.feature == "country" or big.country == c.country:
                return True
    return False


def proximity(entry: GazEntry, anchors: Sequence[Anchor]) -> float:
    """Weighted mean closeness (0..1) of ``entry`` to the anchors: 1 within 40 km, 0.7
    within 150 km or inside an anchor's admin1 unit, 0.35 within 400 km, else 0."""
    key = f"{entry.country}|{entry.admin1}" if entry.admin1 else None
    total = weights = 0.0
    for a in anchors:
        weights += a.weight
        inside = key is not None and a.admin1 == key
        if entry.feature == "admin1" or not a.point:
            closeness = 0.7 if inside else 0.0
        elif abs(a.lat - entry.lat) > 6.0:  # cheap cut: > ~660 km apart in latitude alone
            closeness = 0.0
        else:
            d = haversine_km(entry.lat, entry.lon, a.lat, a.lon)
            closeness = 1.0 if d <= 40 else 0.7 if d <= 150 else 0.35 if d <= 400 else 0.0
            closeness = max(closeness, 0.7 if inside else 0.0)
        total += a.weight * closeness
    return total / weights if weights else 0.0


def rank(
    candidates: Sequence[GazEntry],
    ctx: ResolveContext,
    surface: str = "",
    want: str | None = None,
    demonyms: bool = False,
) -> list[tuple[float, GazEntry]]:
    """Candidates with their scores, best first (ties broken by population, then id)."""
    pool = [c for c in candidates if demonyms or c.kind != KIND_DEMONYM]
    scored = [(score(c, ctx, surface, want), c) for c in pool]
    # a country under its own name is rarely a namesake town ("the border with
    # Mexico"), nor a state a town of that state ("California"): such towns lose a point
    shadows = [c for c in pool if c.kind == KIND_PRIMARY and c.feature in _SHADOWS]
    if shadows:
        scored = [(s - 1.0 if _shadowed(c, shadows) else s, c) for s, c in scored]
    scored.sort(key=lambda sc: (-sc[0], -sc[1].population, sc[1].idx))
    return scored


def resolve(
    gaz: Gazetteer,
    name: str,
    ctx: ResolveContext | None = None,
    country_hint: str | None = None,
    want: str | None = None,
) -> GazEntry | None:
    """Best entry for a place name, or None if the gazetteer has no such name.

    ``country_hint`` (ISO alpha-2) acts like a strong country focus;
    ``want`` prefers one feature (city, admin1, country, region, site).
    A trailing designator ("Anbar province", "Kuwait City") is used as a hint
    and retried without the designator when the full name is unknown.
    """
    context = ctx or ResolveContext()
    if country_hint:
        focus = dict(context.country_focus)
        focus[country_hint.upper()] = focus.get(country_hint.upper(), 0.0) + 1.0
        context = ResolveContext(focus, context.dateline_country)
    for query, hint in name_variants(name):
        cands = gaz.lookup(query)
        if cands:
            ranked = rank(cands, context, query, want or hint)
            if ranked:
                return ranked[0][1]
    return None


def name_variants(name: str) -> list[tuple[str, str | None]]:
    """The name itself, then without a leading 'the' or a trailing designator word."""
    out: list[tuple[str, str | None]] = [(name, None)]
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        out.append((" ".join(words[1:]), None))
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in ADMIN1_WORDS:
        out.append((" ".join(words[:-1]), "admin1"))
    if len(words) > 1 and words[-1].lower() == "city":
        out.append((" ".join(words[:-1]), "city"))
    return out
