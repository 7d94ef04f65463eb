"""Toponyms: find place names in an article and put them on the map, offline.

Recognition has three sources, merged without overlaps (longest span wins):
  1. spaCy GPE / LOC / FAC entities (and the caller's entities with those labels);
     a "Palm Beach, Florida" entity is split at the comma;
  2. gazetteer phrases spaCy missed: capitalised token runs that name a curated
     site/region/province, a country, or a city of >= 100,000 people
     ("the Green Zone", "Anbar province", "Kirkuk");
  3. borders: "the Iraqi-Syrian border", "the border between Iraq and Syria"
     (a curated point, else the midpoint of the closest populated places on
     either side), at region precision.
With ``demonyms=True`` (the GeoWebNews scheme of associative toponyms, used by
its scorer) adjectival demonyms that modify a noun ("Russian hackers" ->
Russia), country names inside organisation names ("Pakistan Army") and the EU
are places too; the
default pipeline leaves them to the actors module ("Iraqi security forces" is
an actor, not a place).

Resolution (``dateline.gazetteer.lookup``) weighs feature type, population,
the article's country focus (countries of its unambiguous mentions and of
demonyms), and the dateline's country.

For the events coder:
  * ``places_in_span(places, start, end)``: the places inside a character span;
  * ``Geoparser.locate_span(ctx_places, text, start, end)``: the place that governs
    a span (the most specific place inside it, else the nearest place before
    it in the same sentence window), as an ``EventLocation``;
  * ``Geoparser.locate(text)``: geocode a free phrase such as "near the
    Iraqi-Syrian border" or "Anbar province" (regions, borders, sites first);
  * ``Geoparser.resolve(name, country_hint)``: one name to a ``Place``-like entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from dateline.extract.base import DocContext
from dateline.gazetteer.index import KIND_DEMONYM, GazEntry, Gazetteer, load_gazetteer
from dateline.gazetteer.lookup import ADMIN1_WORDS, ResolveContext, name_variants, rank
from dateline.gazetteer.normalize import fold
from dateline.records import Entity, EventLocation, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP"})
MIN_PHRASE_CITY_POP = 100_000
# words that name a kind of place, not a place: never resolved on their own
GENERIC_WORDS = frozenset(
    "street avenue road square park river lake canal hall city town village county state "
    "airport station bridge beach island mountains mountain delta valley north south east "
    "west central new old saint st metro center centre church library hospital school "
    "university estate district quarter market port bay gulf sea ocean coast".split()
)
_DATELINE_AFTER = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?(?:\([^)]{1,30}\)\s*)?[\u2014\u2013-]")
MAX_PHRASE_TOKENS = 6
_BORDER_RE = re.compile(
    r"\b(?:(?P<a>[A-Z][\w.]*(?: [A-Z][\w.]*)?)[-\u2013/](?P<b>[A-Z][\w.]*(?: [A-Z][\w.]*)?) border"
    r"|border between (?:the )?(?P<c>[A-Z][\w.]*(?: [A-Z][\w.]*)?) and (?:the )?(?P<d>[A-Z][\w.]*(?: [A-Z][\w.]*)?))"
)
_PRECISION = {"city": "city", "country": "country", "admin1": "admin1", "region": "region",
              "site": "site", "continent": "region"}


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    cands: tuple[GazEntry, ...]
    want: str | None = None
    source: str = "ner"  # ner | phrase | border | demonym


class Geoparser:
    """Recognise and resolve toponyms against the packaged gazetteer."""

    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False, keep_unresolved: bool = False) -> None:
        self.gaz = gazetteer
        self.demonyms = demonyms
        self.keep_unresolved = keep_unresolved

    @classmethod
    def load_default(cls, demonyms: bool = False) -> Geoparser:
        return cls(load_gazetteer(), demonyms=demonyms)

    # ------------------------------------------------------------------ public
    def extract(self, ctx: DocContext, entities: tuple[Entity, ...]) -> tuple[Place, ...]:
        """Places of one article, in text order, offsets into ``ctx.article.text``."""
        mentions = self._mentions(ctx.doc, entities)
        rctx = self._context(ctx, mentions)
        places: list[Place] = []
        for m in mentions:
            ranked = rank(m.cands, rctx, m.text, m.want, demonyms=self.demonyms or m.source == "demonym")
            if ranked:
                places.append(_to_place(m, ranked[0][1]))
            elif self.keep_unresolved:
                places.append(Place(m.text, m.start, m.end, m.text, "unknown", None, None, None, None, None))
        return tuple(places)

    def resolve(self, name: str, country_hint: str | None = None) -> GazEntry | None:
        """Best gazetteer entry for one name (see ``dateline.gazetteer.lookup.resolve``)."""
        from dateline.gazetteer.lookup import resolve

        return resolve(self.gaz, name, country_hint=country_hint)

    def locate(self, text: str, country_hint: str | None = None) -> Place | None:
        """Geocode a free phrase ("near the Iraqi-Syrian border", "in Anbar province").

        Borders and curated regions/sites win over names inside them; offsets in
        the returned Place are relative to ``text``.
        """
        border = next(iter(self._borders(text)), None)
        if border is not None and border.cands:
            return _to_place(border, border.cands[0])
        rctx = ResolveContext({country_hint.upper(): 1.0} if country_hint else {})
        best: tuple[int, Place] | None = None
        for m in re.finditer(r"[A-Z][\w.'\u2019-]*(?:\s+(?:of\s+|al-|the\s+)?[A-Z][\w.'\u2019-]*)*(?:\s+(?:province|governorate|state|region))?", text):
            for query, want in name_variants(m.group(0)):
                ranked = rank(self.gaz.lookup(query), rctx, query, want)
                if ranked:
                    place = _to_place(_Mention(m.start(), m.end(), m.group(0), ()), ranked[0][1])
                    length = m.end() - m.start()
                    if best is None or length > best[0]:
                        best = (length, place)
                    break
        return None if best is None else best[1]

    # ----------------------------------------------------------- recognition
    def _mentions(self, doc: Doc, entities: Sequence[Entity]) -> list[_Mention]:
        found: list[_Mention] = []
        spans: list[tuple[int, int, str]] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        spans += [(e.start, e.end, e.label) for e in entities]
        seen: set[tuple[int, int]] = set()
        blocked: list[tuple[int, int]] = []
        for start, end, label in spans:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            if label in PLACE_LABELS:
                found.extend(self._entity_mentions(doc.text, start, end))
            elif label in BLOCKING_LABELS:
                curated = self._curated_whole(doc.text, start, end) if label != "NORP" else None
                if curated is not None:
                    found.append(curated)
                else:
                    blocked.append((start, end))
                    if self.demonyms and label in ("ORG", "FAC"):
                        found.extend(self._embedded(doc.text, start, end))
        found.extend(self._borders(doc.text))
        found.extend(self._phrases(doc, blocked))
        if self.demonyms:
            found.extend(self._demonyms(doc))
        return _non_overlapping(found)

    def _curated_whole(self, text: str, start: int, end: int) -> _Mention | None:
        """A mislabelled entity (ORG "Mar-a-Lago") whose whole text names a curated site/region."""
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        allowed = ("site", "country", "region") if self.demonyms else ("site", "country")
        cands = tuple(c for c in self.gaz.lookup(surface) if c.feature in allowed and c.kind == 0)
        return _Mention(start, start + len(surface), surface, cands, None, "phrase") if cands else None

    def _embedded(self, text: str, start: int, end: int) -> list[_Mention]:
        """Country/admin1 names and demonyms inside an organisation name ("Pakistan Army")."""
        out: list[_Mention] = []
        surface = text[start:end]
        for sub_start, sub in _subspans(surface):
            if fold(sub) in GENERIC_WORDS:
                continue
            cands = tuple(c for c in self.gaz.lookup(sub)
                          if c.feature in ("country", "admin1", "continent") and c.kind in (0, KIND_DEMONYM))
            if cands:
                out.append(_Mention(start + sub_start, start + sub_start + len(sub), sub, cands, None, "demonym"))
        return _non_overlapping(out)

    def _entity_mentions(self, text: str, start: int, end: int) -> list[_Mention]:
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        m = self._match(surface, start, text)
        if m is not None:
            return [m]
        out: list[_Mention] = []
        # "Palm Beach, Florida" / "ALBUQUERQUE, N.M." -> parts
        if "," in surface:
            offset = start
            for part in surface.split(","):
                stripped = part.strip()
                if stripped:
                    pstart = offset + part.index(stripped)
                    pm = self._match(stripped, pstart)
                    if pm is not None:
                        out.append(pm)
                offset += len(part) + 1
            if out:
                return out
        # possessive or longer phrase: best sub-run ("Baghdad's Green Zone")
        for sub_start, sub in _subspans(surface):
            if fold(sub) in GENERIC_WORDS:
                continue
            pm = self._match(sub, start + sub_start)
            if pm is not None:
                cands = tuple(c for c in pm.cands if _phrase_worthy(c))
                if cands:
                    out.append(_Mention(pm.start, pm.end, pm.text, cands, pm.want, pm.source))
        if out:
            return _non_overlapping(out)
        if self.keep_unresolved:
            return [_Mention(start, start + len(surface), surface, ())]
        return []

    def _match(self, surface: str, start: int, text: str = "") -> _Mention | None:
        dateline = bool(text) and surface.isupper() and len(surface) > 3 and bool(
            _DATELINE_AFTER.match(text[start + len(surface): start + len(surface) + 40]))
        for query, want in name_variants(surface):
            want = "city" if dateline and want is None else want
            cands = tuple(c for c in self.gaz.lookup(query) if c.kind != KIND_DEMONYM or self.demonyms)
            if cands:
                return _Mention(start, start + len(surface), surface, cands, want)
        return None

    def _phrases(self, doc: Doc, blocked: list[tuple[int, int]]) -> list[_Mention]:
        """Capitalised token runs that name a well-known place spaCy did not tag."""
        out: list[_Mention] = []
        tokens = list(doc)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not tok.text[:1].isupper():
                i += 1
                continue
            # inside an ORG/PERSON entity: only a curated place that runs past it
            # ("Mar" tagged PERSON in "Mar-a-Lago") may start here
            block_end = next((e for s, e in blocked if s <= tok.idx < e), None)
            best: _Mention | None = None
            key = ""
            for j in range(i, min(len(tokens), i + MAX_PHRASE_TOKENS)):
                t = tokens[j]
                piece = doc.text[tokens[i].idx: t.idx + len(t.text)]
                key = fold(piece)
                if not key or not self.gaz.has_prefix(key):
                    break
                cands = tuple(c for c in self.gaz.lookup(piece) if _phrase_worthy(c))
                if block_end is not None and (t.idx + len(t.text) <= block_end or not _is_curated(cands)):
                    continue
                if cands and (t.text[:1].isupper() or t.text.lower() in ADMIN1_WORDS):
                    want = "admin1" if t.text.lower() in ADMIN1_WORDS else None
                    best = _Mention(tokens[i].idx, t.idx + len(t.text), piece, cands, want, "phrase")
            if best is not None and not _is_sentence_initial_common(tokens[i], best):
                out.append(best)
                i += len(doc.char_span(best.start, best.end, alignment_mode="expand") or [tok])
            else:
                i += 1
        return out

    def _borders(self, text: str) -> list[_Mention]:
        out: list[_Mention] = []
        for m in _BORDER_RE.finditer(text):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            ca, cb = self._country_of(a), self._country_of(b)
            if ca is None or cb is None or ca == cb:
                continue
            start, end = m.start(), m.end()
            curated = [c for c in self.gaz.lookup(text[start:end]) if c.feature == "region"]
            if curated:
                out.append(_Mention(start, end, text[start:end], (curated[0],), "region", "border"))
                continue
            point = self.gaz.border_point(ca, cb)
            if point is None:
                continue
            entry = GazEntry(-1, f"{a}-{b} border" if m.group("a") else f"{a}-{b} border", "region",
                             None, None, None, point[0], point[1], 0)
            out.append(_Mention(start, end, text[start:end], (entry,), "region", "border"))
        return out

    def _country_of(self, name: str) -> str | None:
        for c in self.gaz.lookup(name):
            if c.feature == "country" and c.country:
                return c.country
        return None

    def _demonyms(self, doc: Doc) -> list[_Mention]:
        """Adjectival demonyms and country names modifying a noun (GeoWebNews 'modifier' toponyms)."""
        out: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ != "NORP":
                continue
            cands = tuple(c for c in self.gaz.lookup(ent.text) if c.feature in ("country", "continent", "region"))
            if cands and ent.root.dep_ in ("amod", "compound", "nmod") and ent.root.head.pos_ in ("NOUN", "PROPN"):
                out.append(_Mention(ent.start_char, ent.end_char, ent.text, cands, None, "demonym"))
        return out

    # --------------------------------------------------------------- context
    def _context(self, ctx: DocContext, mentions: Iterable[_Mention]) -> ResolveContext:
        votes: defaultdict[str, float] = defaultdict(float)
        for m in mentions:
            countries = {c.country for c in m.cands if c.country and c.kind != KIND_DEMONYM}
            if len(countries) == 1:
                votes[next(iter(countries))] += 1.0
            elif m.cands:
                top = max(m.cands, key=lambda c: (c.feature != "city", c.population))
                if top.country and top.feature != "city":
                    votes[top.country] += 0.5
        for ent in ctx.doc.ents:
            if ent.label_ == "NORP":
                for c in self.gaz.lookup(ent.text):
                    if c.feature == "country" and c.country:
                        votes[c.country] += 0.5
        dateline_country = None
        if ctx.article.dateline:
            head = ctx.article.dateline.split(",")[0]
            ranked = rank(self.gaz.lookup(head), ResolveContext(_shares(votes)), head)
            if ranked and ranked[0][1].country:
                dateline_country = ranked[0][1].country
                votes[dateline_country] += 2.0
        return ResolveContext(_shares(votes), dateline_country)


# ------------------------------------------------------------------- helpers
def places_in_span(places: Sequence[Place], start: int, end: int) -> tuple[Place, ...]:
    """Places whose offsets fall inside ``[start, end)``."""
    return tuple(p for p in places if p.start >= start and p.end <= end)


_SPECIFICITY = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}


def locate_span(places: Sequence[Place], start: int, end: int, window: int = 300) -> EventLocation | None:
    """The place that governs a text span, as an event location.

    The most specific place inside the span; else the nearest place that ends
    before the span within ``window`` characters; else None.
    """
    inside = sorted(places_in_span(places, start, end), key=lambda p: (_SPECIFICITY.get(p.feature, 9), p.start))
    chosen = inside[0] if inside else None
    if chosen is None:
        before = [p for p in places if p.end <= start and start - p.end <= window]
        chosen = max(before, key=lambda p: p.end) if before else None
    if chosen is None:
        return None
    return EventLocation(chosen.name, chosen.country, chosen.lat, chosen.lon, chosen.geonames_id,
                         _PRECISION.get(chosen.feature, "region"), chosen.text, chosen.start, chosen.end)


def _shares(votes: Mapping[str, float]) -> dict[str, float]:
    total = sum(votes.values())
    return {k: v / total for k, v in votes.items()} if total else {}


def _to_place(m: _Mention, e: GazEntry) -> Place:
    feature = "region" if e.feature == "continent" else e.feature
    return Place(m.text, m.start, m.end, e.name, feature, e.geonames_id, e.country, e.admin1, e.lat, e.lon)


def _phrase_worthy(c: GazEntry) -> bool:
    if c.kind == KIND_DEMONYM:
        return False
    if c.feature == "city":
        return c.population >= MIN_PHRASE_CITY_POP and c.kind == 0
    return True


def _is_curated(cands: Sequence[GazEntry]) -> bool:
    return any(c.feature in ("site", "region") and c.kind == 0 for c in cands)


def _is_sentence_initial_common(tok: object, m: _Mention) -> bool:
    """A one-word capitalised match at a sentence start that is also a common word."""
    from spacy.tokens import Token

    if not isinstance(tok, Token) or " " in m.text:
        return False
    return bool(tok.is_sent_start and tok.pos_ not in ("PROPN",))


def _subspans(surface: str) -> Iterable[tuple[int, str]]:
    """Capitalised word runs inside a longer entity, longest first."""
    words = [(m.start(), m.group(0)) for m in re.finditer(r"[^\s']+(?:'s)?", surface)]
    n = len(words)
    for length in range(n - 1, 0, -1):
        for i in range(0, n - length + 1):
            s = words[i][0]
            last = words[i + length - 1]
            sub = surface[s: last[0] + len(last[1])]
            if sub.endswith("'s"):
                sub = sub[:-2]
            if sub[:1].isupper():
                yield s, sub


def _non_overlapping(mentions: list[_Mention]) -> list[_Mention]:
    """Longest mentions first, dropping any that overlap an earlier choice; text order out."""
    chosen: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)

