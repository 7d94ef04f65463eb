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

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from dateline.extract.base import DocContext
from dateline.extract.places.admin import Group, consistent, find_groups, unit_name
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
ACTOR_COUNTRY_VOTE = 0.5
STRICT_PREPS = frozenset("in near outside".split())
LOCATIVE_PREPS = frozenset("in near at outside around into across through towards toward of from".split())
# capitalised words after "in"/"of" that are never a place on their own
NOT_LOCATIVE = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday god parliament congress court government police army "
    "north south east west northern southern eastern western central city town district region".split())
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
_PRECISION = {"city": "city", "country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region",
              "site": "site", "continent": "region"}


class Geoparser:
    """Recognise and resolve toponyms against the packaged gazetteer."""

    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False, keep_unresolved: bool = False) -> None:
        self.gaz = gazetteer
        self.demonyms = demonyms
        self.keep_unresolved = keep_unresolved
        self._iso3_cache: dict[str, str] = {}

    @classmethod
    def load_default(cls, demonyms: bool = True, keep_unresolved: bool = False) -> Geoparser:
        """The product's geoparser: adjectival demonyms ("Syrian forces") are country
        mentions (the event coder never takes a country modifying a noun as an event's
        place); place names the gazetteer lacks are dropped unless ``keep_unresolved``."""
        return cls(load_gazetteer(), demonyms=demonyms, keep_unresolved=keep_unresolved)

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
        text = ctx.doc.text
        groups = find_groups(text)
        mentions = self._with_groups(text, groups, self._mentions(ctx.doc, entities))
        rctx = self._context(ctx, mentions, entities)
        first = [self._rank(m, rctx) for m in mentions]
        geo = build_geography(rctx, mentions, first)
        ranked_all: dict[tuple[int, int], list[tuple[float, GazEntry]]] = {}
        for m, ranked1 in zip(mentions, first, strict=True):
            ranked_all[(m.start, m.end)] = (
                self._rank(m, geo.context_for(fold(m.text))) if len(ranked1) > 1 else ranked1)
        choice: dict[tuple[int, int], GazEntry | None] = {
            k: (r[0][1] if r else None) for k, r in ranked_all.items()}
        dropped, fallback = _apply_groups(groups, ranked_all, choice)
        chosen = [(m, choice[(m.start, m.end)]) for m in mentions
                  if not any(s <= m.start and m.end <= e for s, e in dropped)]
        chosen = [(m, e) for m, e in chosen if not _stray_hamlet(m, e, rctx)]
        resolved = [_to_place(m, e) for m, e in chosen if e is not None]
        main = main_place(resolved)
        places: list[Place] = []
        for m, e in chosen:
            span = (m.start, m.end)
            if e is not None and not far_namesake(m, e, main):
                place = _to_place(m, e)
                places.append(place)
            elif span in fallback:
                q = fallback[span]
                # a name the gazetteer lacks, placed at its most specific named unit
                places.append(Place(m.text, m.start, m.end, m.text, "approximate", None,
                                    q.country, q.admin1, q.lat, q.lon, q.admin2))
            elif self.keep_unresolved:
                places.append(approximate(m, main))
        return tuple(places)

    def _with_groups(self, text: str, groups: Sequence[Group], mentions: list[Mention]) -> list[Mention]:
        """Make sure every place and qualifier of an administrative pattern is a mention
        (a small or unknown place the recognisers missed included); pattern spans win
        over overlapping mentions."""
        by_span = {(m.start, m.end): m for m in mentions}
        extra: list[Mention] = []
        for g in groups:
            new: list[Mention] = []
            units = False
            for i, (s, e) in enumerate((g.place, *g.quals)):
                m = by_span.get((s, e))
                if m is None:
                    surface = text[s:e]
                    name, want = unit_name(surface)
                    cands: tuple[GazEntry, ...] = ()
                    for query, hint in name_variants(name):
                        cands = tuple(c for c in self.gaz.lookup(query) if c.kind != KIND_DEMONYM)
                        if cands:
                            want = want or hint
                            break
                    m = Mention(s, e, surface, cands, want, "pattern")
                    if cands or i == 0:
                        new.append(m)
                if i > 0 and any(c.feature in ("admin1", "admin2", "country") for c in m.cands):
                    units = units or g.strict or _reads_as_unit(m)
            # a pattern counts only when a qualifier names an administrative unit; then an
            # unknown name ("Rish Khor-e Bala") displaces the namesakes of its parts ("Bala")
            if not units:
                continue
            for m in new:
                if not m.cands and any(x.start < m.end and m.start < x.end and not (m.start <= x.start and x.end <= m.end)
                                       for x in mentions):
                    continue
                by_span[(m.start, m.end)] = m
                extra.append(m)
        if not extra:
            return mentions
        keep = [m for m in mentions if all(m.end <= x.start or m.start >= x.end for x in extra)]
        merged = _non_overlapping(extra)
        return sorted(keep + merged, key=lambda m: m.start)

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
        found.extend(self._locatives(doc, blocked))
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

    def _locatives(self, doc: Doc, blocked: list[tuple[int, int]]) -> list[Mention]:
        """A place of any size right after a locative preposition ("in Cahors", "near
        Salagle town"), which spaCy's small model often misses; in a lower-cased text
        ("protests in kirkuk") the name need not be capitalised, but must then name a
        country, a province or a town of >= 1,000 people."""
        out: list[Mention] = []
        tokens = list(doc)
        text = doc.text
        lower = _mostly_lower(tokens)
        # spaCy's small model tags many small towns ORG ("supermarkets in Cahors"): a whole ORG
        # entity right after "in"/"near"/"outside" that names a place is the place
        orgs = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"}
        for k, prep in enumerate(tokens[:-1]):
            if prep.lower_ not in LOCATIVE_PREPS:
                continue
            i = k + 1
            if tokens[i].lower_ == "the" and i + 1 < len(tokens):
                i += 1
            first = tokens[i]
            if not first.is_alpha or (not lower and not first.text[:1].isupper()) or first.lower_ in STOP_WORDS \
                    or first.lower_ in NOT_LOCATIVE:
                continue
            block = next(((s, e) for s, e in blocked if s <= first.idx < e), None)
            if block is not None and not (block in orgs and block[0] == first.idx and prep.lower_ in STRICT_PREPS):
                continue
            best: Mention | None = None
            for j in range(i, min(len(tokens), i + MAX_PHRASE_TOKENS)):
                t = tokens[j]
                if j > i and not lower and not (t.text[:1].isupper() or t.text in ("-", "al", "el", "de")):
                    break
                piece = text[first.idx: t.idx + len(t.text)]
                key = fold(piece)
                if not key or not self.gaz.has_prefix(key):
                    break
                cands = tuple(c for c in self.gaz.lookup(piece) if c.kind != KIND_DEMONYM
                              and (not lower or c.feature != "city" or c.population >= 1000))
                if cands and block is None and any(s <= t.idx < e for s, e in blocked):
                    break
                if cands:
                    best = Mention(first.idx, t.idx + len(t.text), piece, cands, None, "locative")
            if best is not None and not lower and best.end < len(text) and _continues_name(text, best.end) \
                    and not any(c.feature in ("country", "admin1") or c.population >= MIN_PHRASE_CITY_POP
                                for c in best.cands):
                best = None  # "Let" of "Let Pu Kan", "Bad" of "Bad Lauterberg"
            if best is not None and (block is None or (best.start, best.end) == block):
                out.append(best)
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

    def _iso2(self, iso3: str) -> str | None:
        """ISO alpha-2 of an alpha-3 code (the gazetteer stores alpha-3 as country codes)."""
        hit = self._iso3_cache.get(iso3)
        if hit is None:
            hit = next((c.country or "" for c in self.gaz.lookup_key(fold(iso3)) if c.feature == "country"), "")
            self._iso3_cache[iso3] = hit
        return hit or None

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
    def _context(self, ctx: DocContext, mentions: Iterable[Mention],
                 entities: Sequence[Entity] = ()) -> ResolveContext:
        votes: defaultdict[str, float] = defaultdict(float)
        # the actors' countries ("Military Forces of Afghanistan", "SNA"): half a vote per actor
        for actor in entities:
            iso2 = self._iso2(actor.country) if actor.country else None
            if iso2:
                votes[iso2] += ACTOR_COUNTRY_VOTE
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


def geo_precision(place: Place) -> int:
    """ACLED's geo_precision for a place record: 1 a town, village or site the gazetteer
    places itself; 2 a district, or a place the gazetteer lacks placed at the unit it was
    named with or at the article's main place (feature "approximate": "Rish Khor-e Bala
    area of Chahar Asyab district, Kabul" at Kabul); 3 a province, region or country."""
    if place.feature in ("city", "site"):
        return 1
    if place.feature in ("admin2", "approximate"):
        return 2
    return 3


def _shares(votes: Mapping[str, float]) -> dict[str, float]:
    total = sum(votes.values())
    return {k: v / total for k, v in votes.items()} if total else {}


def _to_place(m: Mention, e: GazEntry) -> Place:
    feature = "region" if e.feature == "continent" else e.feature
    return Place(m.text, m.start, m.end, e.name, feature, e.geonames_id, e.country, e.admin1, e.lat, e.lon,
                 e.admin2)


def _apply_groups(groups: Sequence[Group], ranked: Mapping[tuple[int, int], list[tuple[float, GazEntry]]],
                  choice: dict[tuple[int, int], GazEntry | None],
                  ) -> tuple[set[tuple[int, int]], dict[tuple[int, int], GazEntry]]:
    """Re-choose each pattern's readings from its most general qualifier inward, each
    consistent with the ones after it; the qualifiers that only describe the place are
    dropped, and a place with no consistent reading falls back to its most specific
    resolved qualifier."""
    dropped: set[tuple[int, int]] = set()
    fallback: dict[tuple[int, int], GazEntry] = {}
    for g in groups:
        if g.place not in ranked or not any(q in ranked for q in g.quals):
            continue
        spans = (g.place, *(q for q in g.quals if q in ranked))
        fixed: list[GazEntry] = []
        for k, sp in enumerate(reversed(spans)):
            options = [e for _, e in ranked[sp]]
            if g.strict and k == 0 and len(spans) > 2:
                # the outermost of several units is a province more often than a country
                # ("Gwada (Shiroro, Niger)"): its admin1 reading first
                options.sort(key=lambda e: e.feature != "admin1")
            pick = next((e for e in options if all(consistent(e, q, not g.strict) for q in fixed)), None)
            choice[sp] = pick
            if pick is not None:
                fixed.insert(0, pick)
        if not g.strict and choice[g.place] is None:
            choice[g.place] = ranked[g.place][0][1] if ranked[g.place] else None  # narrows, never overrides
        if choice[g.place] is None and fixed:
            fallback[g.place] = fixed[0]
        if choice[g.place] is not None or g.place in fallback:
            dropped.update(g.drop)
        else:
            ranked[g.place].clear()  # an unknown name with no known unit: not a place
    return dropped, fallback


def _reads_as_unit(m: Mention) -> bool:
    """A bare qualifier ("Coahuila", "Donetsk") whose best reading by size is a province,
    district or country, not a town."""
    best = max(m.cands, key=lambda c: (_UNIT_PRIOR.get(c.feature, 0.0) + (c.kind == 0) * 0.5, c.population))
    # a regional centre standing for its province ("in Kyselivka, Kherson")
    return best.feature in _UNIT_PRIOR or (best.feature == "city" and best.population >= 50_000)


_UNIT_PRIOR = {"country": 3.0, "admin1": 2.0, "admin2": 1.0}


def _stray_hamlet(m: Mention, e: GazEntry | None, rctx: ResolveContext) -> bool:
    """A hamlet found only after a preposition, in a country the article never names; or a
    two-letter word ("Al", "Os") read as a town."""
    if e is not None and e.feature not in ("country", "admin1", "region", "site") \
            and e.population < MIN_PHRASE_CITY_POP and len(fold(m.text).replace(" ", "")) <= 2:
        return True
    if e is None or m.source != "locative" or e.feature != "city" or e.population >= 5000:
        return False
    return bool(rctx.country_focus) and rctx.country_focus.get(e.country or "", 0.0) == 0.0


def _continues_name(text: str, end: int) -> bool:
    """Whether a capitalised word (or a hyphen) follows at ``end``: the name goes on."""
    m = re.match(r"(?:-|\s+(?:(?:al|el|de|del|da|do|la|le|im|am|an|e)\s+)?)[A-Z]", text[end:end + 8])
    return m is not None


def _mostly_lower(tokens: Sequence[Token]) -> bool:
    """A lower-cased text: under 3% of its longer words capitalised."""
    words = [t.text for t in tokens if t.is_alpha and len(t.text) > 3]
    if len(words) < 8:
        return False
    return sum(w[:1].isupper() for w in words) < 0.03 * len(words)


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

