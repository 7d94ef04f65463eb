"""Choosing one gazetteer entry for a toponym, in context.

Every candidate gets a score from:
  * what it is: curated regions/sites and continents, then countries, then
    admin1 units, then cities by population (log scale), national capitals up;
  * how the name matched: alternate names ("Liverpool" is an old alternate
    name of a small Indiana town) count less than primary names;
  * the article: the share of the article's place mentions that fall in the
    candidate's country (its "country focus"), and the dateline's country;
  * a designator in the text ("Anbar province" wants an admin1 unit,
    "Kuwait City" a city).

So "Washington" in a US-politics story is the capital, not the English town;
"Florida" is the US state; "Kuwait" is the country.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dateline.gazetteer.index import KIND_ALT, KIND_DEMONYM, GazEntry, Gazetteer
from dateline.gazetteer.normalize import fold

_FEATURE_BASE = {"country": 3.2, "continent": 4.0, "region": 4.0, "site": 4.0, "admin1": 2.4}
ADMIN1_WORDS = frozenset(
    "province provinces governorate state region oblast county district prefecture".split()
)


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What the article tells us about where it is.

    ``country_focus`` maps ISO alpha-2 codes to their share of the article's
    place mentions (0..1); ``dateline_country`` is the dateline city's country.
    """

    country_focus: Mapping[str, float] = field(default_factory=dict)
    dateline_country: str | None = None


def score(entry: GazEntry, ctx: ResolveContext, surface: str = "", want: str | None = None) -> float:
    """Plausibility of ``entry`` as the referent of ``surface`` (higher is better)."""
    if entry.feature == "city":
        s = 0.45 * math.log10(entry.population + 10)
        if entry.capital and entry.kind != KIND_ALT:
            s += 0.9
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
    if want is not None:
        s += 2.0 if entry.feature == want else -1.0
    return s


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
