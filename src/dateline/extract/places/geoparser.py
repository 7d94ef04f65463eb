"""Toponyms: find place names in an article and put them on the map, offline.

Recognition has four sources, merged without overlaps (longest span wins):
  1. spaCy GPE / LOC / FAC entities (and the caller's entities with those labels);
     a "Palm Beach, Florida" entity is split at the comma, but "Washington, D.C."
     is one name; a street ("Wellington Street") never yields the namesake city;
  2. gazetteer phrases spaCy missed: capitalised token runs that name a curated
     site/region/province, a country, a US county, or a city of >= 100,000
     people ("the Green Zone", "Anbar province", "Kirkuk");
  3. capitalised datelines near the top ("RALEIGH, N.C. (AP) --"), any size;
  4. borders: "the Iraqi-Syrian border", "the border between Iraq and Syria"
     (a curated point, else the midpoint of the closest populated places on
     either side), at region precision.
A name spaCy also tags PERSON as often as a place ("Salah"), with no sizeable
place of that name, is dropped (``place_context.NameEvidence``).
With ``demonyms=True`` (the GeoWebNews scheme of associative toponyms, used by
its scorer) adjectival demonyms that modify a noun ("Russian hackers" ->
Russia), place names inside organisation names ("Pakistan Army", "Toronto
Police"), organisations named like a place ("Liverpool" the club), named
institutions as a whole ("Bank of England") and the EU are places too; the
default pipeline leaves them to the actors module ("Iraqi security forces" is
an actor, not a place).

Resolution (``dateline.gazetteer.lookup``) weighs feature type, population,
the article's country focus (countries of its unambiguous mentions and of
demonyms), the dateline's country, and in a second pass closeness to the
article's other places (``place_context.Geography``).  With
``keep_unresolved=True`` names the gazetteer lacks (streets, buildings) are
kept, placed at the article's main place with feature "approximate".

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

from spacy.tokens import Doc, Token

from dateline.extract.base import DocContext
from dateline.extract.places.context import (
    GENERIC_WORDS,
    PLACE_LABELS,
    Mention,
    NameEvidence,
    approximate,
    build_geography,
    far_namesake,
    main_place,
)
from dateline.gazetteer.index import KIND_DEMONYM, GazEntry, Gazetteer, load_gazetteer
from dateline.gazetteer.lookup import ADMIN1_WORDS, ResolveContext, name_variants, rank
from dateline.gazetteer.normalize import fold
from dateline.records import Entity, EventLocation, Place

BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP"})
MIN_PHRASE_CITY_POP = 100_000
_DATELINE_AFTER = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?(?:\([^)]{1,30}\)\s*)?[\u2014\u2013-]")
MAX_PHRASE_TOKENS = 6
# a dateline: a capitalised place name opening the text, a line, or following the byline's
# agency, then a comma, a parenthesis, a dash or the first capitalised word of the story
DATELINE_WINDOW = 600
_DATELINE_RE = re.compile(
    r"(?:^|\n|Press\s|\)\s)\s*(?P<d>[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,3})"
    r"(?=\s*[,(\u2014\u2013-]|\s+[A-Z][a-z])"
)
# organisations that are also the building or campus they occupy
INSTITUTION_WORDS = frozenset(
    "university college school academy embassy consulate bank court hospital centre center "
    "museum library airport stadium arena cathedral".split()
)
STREET_WORDS = frozenset("street st avenue ave road rd lane boulevard blvd drive way terrace".split())
_BORDER_RE = re.compile(
    r"\b(?:(?P<a>[A-Z][\w.]*(?: [A-Z][\w.]*)?)[-\u2013/](?P<b>[A-Z][\w.]*(?: [A-Z][\w.]*)?) border"
    r"|border between (?:the )?(?P<c>[A-Z][\w.]*(?: [A-Z][\w.]*)?) and (?:the )?(?P<d>[A-Z][\w.]*(?: [A-Z][\w.]*)?))"
)
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "around"})
_PRECISION = {"city": "city", "country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region",
              "site": "site", "continent": "region"}


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
        """Places of one article, in text order, offsets into ``ctx.article.text``.

        Two passes: the first ranks every mention's candidates with the
        article's country focus; their top readings become soft anchors
        (points and admin1 units) for the second, which re-ranks each ambiguous
        mention against the anchors of the *other* names in the article.
        A small town matched by a street-like name far from the article's main
        place ("Washington Square") counts as unresolved.
        """
        mentions = self._mentions(ctx.doc, entities)
        rctx = self._context(ctx, mentions)
        first = [self._rank(m, rctx) for m in mentions]
        geo = build_geography(rctx, mentions, first)
        chosen: list[tuple[Mention, GazEntry | None]] = []
        for m, ranked1 in zip(mentions, first, strict=True):
            ranked = self._rank(m, geo.context_for(fold(m.text))) if len(ranked1) > 1 else ranked1
            chosen.append((m, ranked[0][1] if ranked else None))
        resolved = [_to_place(m, e) for m, e in chosen if e is not None]
        main = main_place(resolved)
        places: list[Place] = []
        for m, e in chosen:
            if e is not None and not far_namesake(m, e, main):
                places.append(_to_place(m, e))
            elif self.keep_unresolved:
                places.append(approximate(m, main))
        return tuple(places)

    def _rank(self, m: Mention, rctx: ResolveContext) -> list[tuple[float, GazEntry]]:
        return rank(m.cands, rctx, m.text, m.want, demonyms=self.demonyms or m.source == "demonym")

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
                    place = _to_place(Mention(m.start(), m.end(), m.group(0), ()), ranked[0][1])
                    length = m.end() - m.start()
                    if best is None or length > best[0]:
                        best = (length, place)
                    break
        return None if best is None else best[1]

    # ----------------------------------------------------------- recognition
    def _mentions(self, doc: Doc, entities: Sequence[Entity]) -> list[Mention]:
        found: list[Mention] = []
        text = doc.text  # Doc.text re-joins every token on each access: read it once
        spans: list[tuple[int, int, str]] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        spans += [(e.start, e.end, e.label) for e in entities]
        seen: set[tuple[int, int]] = set()
        blocked: list[tuple[int, int]] = []
        for start, end, label in spans:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            if label in PLACE_LABELS:
                found.extend(self._entity_mentions(text, start, end))
                if text[start:end].split()[-1].lower() in STREET_WORDS:
                    blocked.append((start, end))
            elif label in BLOCKING_LABELS:
                curated = self._curated_whole(text, start, end) if label != "NORP" else None
                if curated is not None:
                    found.append(curated)
                else:
                    blocked.append((start, end))
                    if self.demonyms and label in ("ORG", "FAC"):
                        found.extend(self._embedded(text, start, end))
        found.extend(self._borders(text))
        found.extend(self._datelines(text))
        found.extend(self._phrases(doc, blocked))
        found.extend(self._locative_objects(doc, spans))
        if self.demonyms:
            found.extend(self._demonyms(doc))
        evidence = NameEvidence.of(doc)
        return [m for m in _non_overlapping(found) if not evidence.refutes(m)]

    def _curated_whole(self, text: str, start: int, end: int) -> Mention | None:
        """A mislabelled entity (ORG "Mar-a-Lago") whose whole text names a curated site/region.

        In the associative scheme an organisation named just like a country,
        state or large city ("Liverpool" the club, "Iran" the government) is a
        metonymic toponym too.
        """
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        allowed = ("site", "country", "region", "admin1", "city") if self.demonyms else ("site", "country")
        cands = tuple(c for c in self.gaz.lookup(surface)
                      if c.feature in allowed and (c.kind == 0 or (self.demonyms and _union(c)))
                      and (c.feature != "city" or _phrase_worthy(c)))
        return Mention(start, start + len(surface), surface, cands, None, "phrase") if cands else None

    def _embedded(self, text: str, start: int, end: int) -> list[Mention]:
        """Place names and demonyms inside an organisation name ("Pakistan Army", "Toronto Police")."""
        out: list[Mention] = []
        surface = text[start:end]
        for sub_start, sub in _subspans(surface):
            if fold(sub) in GENERIC_WORDS:
                continue
            cands = tuple(c for c in self.gaz.lookup(sub) if _embeddable(c))
            if cands:
                out.append(Mention(start + sub_start, start + sub_start + len(sub), sub, cands, None, "demonym"))
        out = _non_overlapping(out)
        if out and _is_institution(surface):
            # a named site ("Bank of England", "British Embassy Tokyo") is a place as a
            # whole, located by the most specific place named inside it
            if surface.lower().startswith("the "):
                start, surface = start + 4, surface[4:]
            inner = min(out, key=lambda m: min(_SPECIFICITY.get(c.feature, 9) for c in m.cands))
            return [Mention(start, start + len(surface), surface, inner.cands, None, "demonym")]
        return out

    def _entity_mentions(self, text: str, start: int, end: int) -> list[Mention]:
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        m = self._match(surface, start, text)
        if m is not None:
            return [m]
        out: list[Mention] = []
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
        # possessive or longer phrase: best sub-run ("Baghdad's Green Zone"), but not the
        # namesake inside a street name ("Wellington Street" is not in Wellington)
        street = surface.split()[-1].lower() in STREET_WORDS
        for sub_start, sub in ([] if street else _subspans(surface)):
            if fold(sub) in GENERIC_WORDS:
                continue
            pm = self._match(sub, start + sub_start)
            if pm is not None:
                cands = tuple(c for c in pm.cands if _phrase_worthy(c))
                if cands:
                    out.append(Mention(pm.start, pm.end, pm.text, cands, pm.want, pm.source))
        if out:
            return _non_overlapping(out)
        if self.keep_unresolved:
            return [Mention(start, start + len(surface), surface, ())]
        return []

    def _match(self, surface: str, start: int, text: str = "") -> Mention | None:
        dateline = bool(text) and surface.isupper() and len(surface) > 3 and bool(
            _DATELINE_AFTER.match(text[start + len(surface): start + len(surface) + 40]))
        if self._us_university(surface):
            return None
        for query, want in name_variants(surface):
            want = "city" if dateline and want is None else want
            cands = tuple(c for c in self.gaz.lookup(query) if c.kind != KIND_DEMONYM or self.demonyms)
            if cands:
                return Mention(start, start + len(surface), surface, cands, want)
        return None

    def _us_university(self, surface: str) -> bool:
        """"Ohio State" (capital S): a university or team named after a US state, not the
        state (whereas Nigeria's "Lagos State" is the state's own name)."""
        if not surface.endswith(" State"):
            return False
        return any(c.feature == "admin1" and c.country == "US" for c in self.gaz.lookup(surface[:-6]))

    def _phrases(self, doc: Doc, blocked: list[tuple[int, int]]) -> list[Mention]:
        """Capitalised token runs that name a well-known place spaCy did not tag."""
        out: list[Mention] = []
        tokens = list(doc)
        text = doc.text
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not tok.text[:1].isupper() or tok.lower_ == "the":
                i += 1
                continue
            # inside an ORG/PERSON entity: only a curated place that runs past it
            # ("Mar" tagged PERSON in "Mar-a-Lago") may start here
            block_end = next((e for s, e in blocked if s <= tok.idx < e), None)
            best: Mention | None = None
            key = ""
            for j in range(i, min(len(tokens), i + MAX_PHRASE_TOKENS)):
                t = tokens[j]
                piece = text[tokens[i].idx: t.idx + len(t.text)]
                key = fold(piece)
                if not key or not self.gaz.has_prefix(key):
                    break
                cands = () if self._us_university(piece) else tuple(
                    c for c in self.gaz.lookup(piece) if _phrase_worthy(c))
                if block_end is not None and (t.idx + len(t.text) <= block_end or not _is_curated(cands)):
                    continue
                if cands and (t.text[:1].isupper() or t.text.lower() in ADMIN1_WORDS):
                    want = "admin1" if t.text.lower() in ADMIN1_WORDS else None
                    best = Mention(tokens[i].idx, t.idx + len(t.text), piece, cands, want, "phrase")
            if best is not None and not _is_sentence_initial_common(tokens[i], best):
                out.append(best)
                i += len(doc.char_span(best.start, best.end, alignment_mode="expand") or [tok])
            else:
                i += 1
        return out

    def _locative_objects(self, doc: Doc, spans: Sequence[tuple[int, int, str]]) -> list[Mention]:
        """A proper name after "in", "near", "outside" that spaCy left untagged or tagged as an
        organisation or person ("demonstrated in Angers", ORG): a place when the whole name is
        a town, district or province of the gazetteer under its own name (any size)."""
        out: list[Mention] = []
        text = doc.text
        for tok in doc:
            if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.head.lower_ not in _LOCATIVE_PREPS:
                continue
            start_tok = tok
            while start_tok.i > 0 and doc[start_tok.i - 1].pos_ == "PROPN" and doc[start_tok.i - 1].head.i == tok.i:
                start_tok = doc[start_tok.i - 1]
            start, end = start_tok.idx, tok.idx + len(tok.text)
            labels = {lab for s, e, lab in spans if s < end and start < e}
            if labels - {"ORG", "PERSON", "NORP"}:
                continue  # a place entity (handled above) or a date, work, law...
            if any(s < start or e > end for s, e, lab in spans if s < end and start < e):
                continue  # part of a longer organisation or person name
            surface = text[start:end]
            if "PERSON" in labels and any(lab == "PERSON" and e - s > len(surface) and surface in text[s:e]
                                          for s, e, lab in spans):
                continue  # "Boris Johnson ... confidence in Johnson": a person's name
            if _is_institution(surface):
                continue
            cands = tuple(c for c in self.gaz.lookup(surface)
                          if c.kind == 0 and c.feature in ("city", "admin1", "admin2"))
            if cands:
                out.append(Mention(start, end, surface, cands, None, "locative"))
        return out

    def _datelines(self, text: str) -> list[Mention]:
        """Capitalised datelines near the top ("RALEIGH, N.C. (AP) --", "WASHINGTON (AP)"),
        which spaCy often tags ORG or misses: any city, state or country of that name."""
        out: list[Mention] = []
        for m in _DATELINE_RE.finditer(text[:DATELINE_WINDOW]):
            surface = m.group("d")
            if sum(ch.isalpha() for ch in surface) < 4:
                continue
            cands = tuple(c for c in self.gaz.lookup(surface)
                          if c.feature in ("city", "admin1", "admin2", "country")
                          and (c.kind == 0 or (c.feature == "city" and _phrase_worthy(c))))
            if cands:
                out.append(Mention(m.start("d"), m.end("d"), surface, cands, "city", "phrase"))
        return out

    def _borders(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for m in _BORDER_RE.finditer(text):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            ca, cb = self._country_of(a), self._country_of(b)
            if ca is None or cb is None or ca == cb:
                continue
            start, end = m.start(), m.end()
            curated = [c for c in self.gaz.lookup(text[start:end]) if c.feature == "region"]
            if curated:
                out.append(Mention(start, end, text[start:end], (curated[0],), "region", "border"))
                continue
            point = self.gaz.border_point(ca, cb)
            if point is None:
                continue
            entry = GazEntry(-1, f"{a}-{b} border" if m.group("a") else f"{a}-{b} border", "region",
                             None, None, None, point[0], point[1], 0)
            out.append(Mention(start, end, text[start:end], (entry,), "region", "border"))
        return out

    def _country_of(self, name: str) -> str | None:
        for c in self.gaz.lookup(name):
            if c.feature == "country" and c.country:
                return c.country
        return None

    def _demonyms(self, doc: Doc) -> list[Mention]:
        """Adjectival demonyms and country names modifying a noun (GeoWebNews 'modifier' toponyms).

        NORP entities and capitalised single tokens that the gazetteer knows as
        a demonym ("Salvadoran migrant", "Danish developer"), when they modify a
        noun directly or are conjoined with a modifier that does ("German, Irish
        and other immigrants").
        """
        out: list[Mention] = []
        seen: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "NORP":
                continue
            cands = tuple(c for c in self.gaz.lookup(ent.text) if c.feature in ("country", "continent", "region"))
            if cands and _modifies_noun(ent.root):
                out.append(Mention(ent.start_char, ent.end_char, ent.text, cands, None, "demonym"))
                seen.update(range(ent.start, ent.end))
        for tok in doc:
            if tok.i in seen or not tok.text[:1].isupper() or tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
                continue
            if not _modifies_noun(tok):
                continue
            cands = tuple(c for c in self.gaz.lookup(tok.text)
                          if c.kind == KIND_DEMONYM and c.feature in ("country", "continent", "region"))
            if cands:
                out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, cands, None, "demonym"))
        return out

    # --------------------------------------------------------------- context
    def _context(self, ctx: DocContext, mentions: Iterable[Mention]) -> ResolveContext:
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


_SPECIFICITY = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, "continent": 6}


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


def _to_place(m: Mention, e: GazEntry) -> Place:
    feature = "region" if e.feature == "continent" else e.feature
    return Place(m.text, m.start, m.end, e.name, feature, e.geonames_id, e.country, e.admin1, e.lat, e.lon)


def _phrase_worthy(c: GazEntry) -> bool:
    if c.kind == KIND_DEMONYM:
        return False
    if c.feature == "city":
        return c.population >= MIN_PHRASE_CITY_POP and c.kind == 0
    return True


def _modifies_noun(tok: Token) -> bool:
    """An adjectival or compound modifier of a noun, or conjoined with one."""
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _union(c: GazEntry) -> bool:
    """A region's abbreviation ("EU" for the European Union), stored with its demonyms."""
    return c.feature == "region" and c.kind == KIND_DEMONYM and c.name.endswith("Union")


def _is_institution(surface: str) -> bool:
    """An organisation named after its building or campus ("X University", "Bank of X")."""
    words = surface.split()
    return len(words) > 1 and (words[-1].lower() in INSTITUTION_WORDS or words[0].lower() in INSTITUTION_WORDS
                               or (words[0].lower() == "the" and words[1].lower() in INSTITUTION_WORDS))


def _embeddable(c: GazEntry) -> bool:
    """Entries that may be recognised inside an organisation name."""
    if c.feature in ("country", "admin1", "admin2", "continent"):
        return c.kind in (0, KIND_DEMONYM)
    if c.feature == "region":
        return c.kind == KIND_DEMONYM  # "EU"
    return c.feature == "city" and _phrase_worthy(c)


def _is_curated(cands: Sequence[GazEntry]) -> bool:
    return any(c.feature in ("site", "region") and c.kind == 0 for c in cands)


def _is_sentence_initial_common(tok: object, m: Mention) -> bool:
    """A one-word capitalised match at a sentence start that is also a common word."""
    if not isinstance(tok, Token) or " " in m.text or (m.text.isupper() and len(m.text) > 3):
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


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longest mentions first, dropping any that overlap an earlier choice; text order out."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)

