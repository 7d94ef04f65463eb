"""The article around each toponym: who a name is, and where the story is.

Split from ``places`` (recognition and the public API) so each stays small:
  * ``NameEvidence``: a name spaCy tags as a place but elsewhere as a person
    ("Salah", "Modi") or an organisation is not a place;
  * ``Geography``: soft anchors from the first resolution pass (each mention's
    top readings, weighted by a softmax over their scores) that the second
    pass ranks against: places named together lie together;
  * ``main_place``: where the article mostly is (country, then admin1, then
    city), used to place street and building names the gazetteer lacks
    ("approximate" places) and to reject far-away namesake towns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from dateline.gazetteer.index import GazEntry, haversine_km
from dateline.gazetteer.lookup import Anchor, ResolveContext
from dateline.gazetteer.normalize import fold
from dateline.records import Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# words that name a kind of place, not a place: never resolved on their own
GENERIC_WORDS = frozenset(
    "street avenue road square park river lake canal hall city town village county state "
    "airport station bridge beach island mountains mountain delta valley north south east "
    "west central new old saint st metro center centre church library hospital school "
    "university estate district quarter market port bay gulf sea ocean coast".split()
)
# a name also tagged PERSON elsewhere loses its place reading unless a place this big has it
PERSON_CLASH_MAX_POP = 500_000
# first-pass readings that may anchor the second pass
ANCHOR_FEATURES = frozenset({"city", "site", "admin1", "admin2"})
ANCHOR_READINGS = 5  # a mention's top readings that may anchor others
ANCHOR_TEMPERATURE = 0.5  # softmax temperature over their scores
# "X Street" matching a town of fewer people than this, far from the story, is the street
NAMESAKE_MAX_POP = 50_000
LOCAL_WORDS = frozenset(
    "street st avenue ave road rd square park hall church chapel boulevard lane drive place "
    "plaza bridge station stadium arena centre center mall market tower court".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym candidate span with its gazetteer candidates and how it was found."""

    start: int
    end: int
    text: str
    cands: tuple[GazEntry, ...]
    want: str | None = None
    source: str = "ner"  # ner | phrase | border | demonym | locative


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """What the rest of the article says a capitalised name is, besides a place.

    spaCy tags surnames ("Salah", "Modi") and brand names as GPE now and then;
    a name tagged PERSON (alone or as part of a full name) at least as often as
    it is tagged a place, with no sizeable place of that name in the gazetteer,
    is a person; an unknown name that is also a whole ORG elsewhere is the ORG.
    Names ending in a place word ("Royal Street", "Trump Tower") are kept.
    """

    person: Mapping[str, int]
    place: Mapping[str, int]
    org_names: frozenset[str]

    @classmethod
    def of(cls, doc: Doc) -> NameEvidence:
        person: defaultdict[str, int] = defaultdict(int)
        place: defaultdict[str, int] = defaultdict(int)
        orgs: set[str] = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                keys = {fold(ent.text)} | {fold(t.text) for t in ent if t.text[:1].isupper()}
                for k in keys:
                    person[k] += 1
            elif ent.label_ in PLACE_LABELS:
                place[fold(ent.text)] += 1
            elif ent.label_ in ("ORG", "PRODUCT", "WORK_OF_ART"):
                orgs.add(fold(ent.text))
        return cls(dict(person), dict(place), frozenset(orgs))

    def refutes(self, m: Mention) -> bool:
        if m.source not in ("ner", "phrase"):
            return False
        if not m.cands and not m.text[:1].isupper():
            return True  # "veranda": spaCy noise; places are capitalised
        if m.text.split()[-1].lower() in LOCAL_WORDS | GENERIC_WORDS:
            return False
        key = fold(m.text)
        if any(c.feature != "city" or c.population >= PERSON_CLASH_MAX_POP for c in m.cands):
            return False
        if self.person.get(key, 0) >= max(1, self.place.get(key, 0)):
            return True
        return not m.cands and key in self.org_names


class Geography:
    """The article's anchors, handing out per-name resolve contexts.

    A name never votes for itself: the context for "Charleston" is built from
    the anchors of every other name, so one wrong guess cannot confirm itself.
    """

    def __init__(self, base: ResolveContext, anchors: list[tuple[str, Anchor]]) -> None:
        self.base = base
        self.anchors = anchors
        self._cache: dict[str, ResolveContext] = {}

    def context_for(self, key: str) -> ResolveContext:
        hit = self._cache.get(key)
        if hit is None:
            others = tuple(a for k, a in self.anchors if k != key)
            hit = ResolveContext(self.base.country_focus, self.base.dateline_country, others)
            self._cache[key] = hit
        return hit


def build_geography(base: ResolveContext, mentions: Sequence[Mention],
               ranked: Sequence[list[tuple[float, GazEntry]]]) -> Geography:
    """Soft anchors from the first pass: each mention's top readings, weighted by a
    softmax over their scores, so "Morgantown" and "Parkersburg" (both most likely
    in West Virginia) pull "Charleston" there even though neither is certain."""
    anchors: list[tuple[str, Anchor]] = []
    for m, r in zip(mentions, ranked, strict=True):
        if not r or m.source == "demonym":
            continue
        top = r[:ANCHOR_READINGS]
        probs = [math.exp((sc - top[0][0]) / ANCHOR_TEMPERATURE) for sc, _ in top]
        norm = sum(probs)
        key = fold(m.text)
        for (_, e), pr in zip(top, probs, strict=True):
            if e.feature in ANCHOR_FEATURES and pr / norm >= 0.05:
                admin1 = f"{e.country}|{e.admin1}" if e.admin1 and e.country else None
                anchors.append((key, Anchor(e.lat, e.lon, admin1, e.feature != "admin1", pr / norm)))
    return Geography(base, anchors)


def far_namesake(m: Mention, entry: GazEntry, main: Place | None) -> bool:
    """A street or building name ("Washington Square") matching a small town far from the story."""
    if entry.feature != "city" or entry.population >= NAMESAKE_MAX_POP or main is None or main.lat is None:
        return False
    words = m.text.split()
    if len(words) < 2 or words[-1].lower() not in LOCAL_WORDS:
        return False
    return haversine_km(entry.lat, entry.lon, main.lat, main.lon or 0.0) > 150.0


def main_place(places: Sequence[Place]) -> Place | None:
    """Where the article mostly is: its most mentioned country, that country's most
    mentioned admin1 unit, and the most mentioned city or site there (first mention
    wins ties); the admin1 unit or the country itself when no city qualifies."""
    located = [p for p in places if p.lat is not None and p.feature != "approximate"]
    country = most_common([p.country for p in located if p.country])
    if country is None:
        return None
    pool = [p for p in located if p.country == country]
    admin1 = most_common([p.admin1 for p in pool if p.admin1 and p.feature in ("city", "admin1", "admin2")])
    if admin1 is not None:
        pool = [p for p in pool if p.admin1 == admin1]
    for features in (("city", "site"), ("admin2",), ("admin1",), ("country",)):
        name = most_common([p.name for p in pool if p.feature in features])
        if name is not None:
            return next(p for p in pool if p.name == name and p.feature in features)
    return pool[0] if pool else None


def most_common(items: Sequence[str]) -> str | None:
    """The most frequent item, the earliest on ties; None for no items."""
    counts: dict[str, int] = {}
    for it in items:
        counts[it] = counts.get(it, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def approximate(m: Mention, main: Place | None) -> Place:
    """An unknown name placed at the article's main place (feature "approximate"), or unplaced."""
    if main is None:
        return Place(m.text, m.start, m.end, m.text, "unknown", None, None, None, None, None)
    return Place(m.text, m.start, m.end, m.text, "approximate", None, main.country, main.admin1, main.lat, main.lon,
                 main.admin2)
