"""Incidents, not mentions: the mentions that report one act become one event (issue #13).

The coder writes one event per trigger mention: "killed" and "wounded" in one sentence, "the
attack" two paragraphs later and "the blast" in a quote are four rows for one act, and summing
their tolls double counts.  This stage groups the mentions of an article into incidents (ACLED's
unit: one act, on one day, at one place, between its actors) and gathers each incident's facts:

- grouping: mentions join an incident of the same kind of act (same PLOVER type, modes of one
  family, :func:`dateline.modes.modes_fit`; any protest form with a protest; a police
  intervention with the peaceful protest it breaks up) whose date, place and participants fit.
  A reference ("the attack", "the blast", "the clashes", "it") joins the nearest incident of its
  kind whatever the date of the clause it sits in (that date is when it was *said*, not done);
- type, mode, CAMEO and ACLED type from the most informative mention;
- actors and recipients over all mentions, the first carrying the others as ``assoc``;
- date from the governing clause of a mention that narrates the act (never a reference's);
- the most precise place where the act happened, with ``admin1`` and ``geo_precision``;
- dead / injured / arrested gathered: a restated figure is not added, separate victim groups are
  summed, "at least 12" is 12 with its qualifier, "no one was hurt" is 0, and figures that differ
  by source are kept as ``claims`` (the incident takes the narrator's figure, else the lowest,
  as ACLED does);
- factuality from the strongest assertion, confidence from the best mention and the support of
  the others; ``mentions`` lists every mention with its trigger, sentence and figures.

Incidents are ordered by confidence (highest first, stable), so ``events[0]`` is the main one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Token

from dateline.extract.events.casualties import parse_number
from dateline.extract.times import value_to_date
from dateline.modes import modes_fit
from dateline.records import ActorRef, Claim, Event, EventLocation, EventMention, Place, Span, TimeExpr

FIELDS = ("dead", "injured", "arrested")

# Nouns that, made definite, name an act told elsewhere ("the attack", "the blast").
_REFERENCE_NOUNS = frozenset({
    "attack", "assault", "blast", "explosion", "bombing", "strike", "airstrike", "raid", "clash",
    "fighting", "incident", "violence", "shooting", "ambush", "shelling", "operation", "killing",
    "protest", "demonstration", "rally", "march", "unrest", "riot", "siege", "arrest", "arrests",
    "crackdown", "massacre", "firing", "gunfight", "skirmish", "offensive", "bombardment"})
# Generic reference nouns fit any mode of their type ("the attack" after "a rocket attack").
_GENERIC = frozenset({"attack", "assault", "incident", "violence", "operation", "strike", "raid",
                      "it", "clash", "fighting", "offensive"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "such"})
_PRONOUNS = frozenset({"it", "they", "them", "he", "she", "we", "i", "you", "this", "that",
                       "who", "which", "those", "these", "one", "us", "him", "her"})
_REALIS = frozenset({"asserted", "reported", "alleged", "denied"})
_FACT_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "denied": 3, "planned": 4,
              "threatened": 4, "hypothetical": 5, "negated": 6}
_PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_GENERIC_VICTIMS = frozenset({"", "people", "person", "persons", "individual", "individuals", "one",
                              "others", "other", "more", "dozen"})
_INTERVENTION_SUBTYPES = frozenset({"Protest with intervention", "Excessive force against protesters"})
_QUALIFIERS = ("at least", "more than", "over", "nearly", "almost", "about", "around", "up to",
               "approximately", "some", "fewer than", "less than", "as many as", "an estimated")
_NEAR = re.compile(r"^(near|outside|around|close to|north of|south of|east of|west of|"
                   r"on the outskirts of|in the vicinity of|off)\b", re.I)

# "no one was hurt", "there were no casualties", "no fatalities were reported": a toll of zero.
_ZERO = re.compile(
    r"\b(?:(?:no\s+one|no-one|nobody|none)\s+(?:\w+\s+){0,2}?(?:was|were|has\s+been|had\s+been|"
    r"have\s+been|is|got)\s+(?:\w+\s+)?(?P<verb>killed|hurt|injured|wounded|harmed|arrested|"
    r"detained|died)"
    r"|(?:no\s+one|nobody)\s+(?P<verb2>died)"
    r"|\bno\s+(?:immediate\s+|reported\s+|other\s+|further\s+)?(?P<noun>casualties|injuries|deaths|"
    r"fatalities|arrests|injured|dead)"
    r"|without\s+(?:any\s+|causing\s+(?:any\s+)?)?(?P<noun2>casualties|injuries|deaths|fatalities)"
    r"|(?:did\s+not|didn't|does\s+not)\s+(?:\w+\s+){1,2}?(?:in\s+)?any\s+(?P<noun3>casualties|"
    r"injuries|deaths|fatalities))", re.I)
_ZERO_FIELDS = {"killed": ("dead",), "died": ("dead",), "deaths": ("dead",), "fatalities": ("dead",),
                "dead": ("dead",), "hurt": ("injured",), "injured": ("injured",),
                "wounded": ("injured",), "harmed": ("injured",), "injuries": ("injured",),
                "arrested": ("arrested",), "detained": ("arrested",), "arrests": ("arrested",),
                "casualties": ("dead", "injured")}
# "1 fatality.", "three fatalities": a death toll stated as a count of fatalities.
_FATALITIES = re.compile(r"\b(?P<n>\d[\d,]*|[a-z]+(?:[- ][a-z]+)?)\s+(?:reported\s+)?fatalit(?:y|ies)\b", re.I)


@dataclass(slots=True)
class _Figure:
    field: str
    value: int
    victim: str
    source: str | None
    qualifier: str | None
    evidence: Span


@dataclass(slots=True)
class _Incident:
    members: list[Event]
    refs: list[bool]
    zero: dict[str, Span] = field(default_factory=dict)
    extra_evidence: list[Span] = field(default_factory=list)
    fatalities: list[_Figure] = field(default_factory=list)

    def narrating(self) -> list[Event]:
        """Mentions that tell the act itself (not references to it); all if none do."""
        own = [e for e, r in zip(self.members, self.refs, strict=True) if not r]
        return own or self.members


# ---------------------------------------------------------------- mentions

def _token(doc: Doc, ev: Event) -> Token | None:
    if ev.trigger_start is None:
        return None
    span = doc.char_span(ev.trigger_start, ev.trigger_end or ev.trigger_start + 1,
                         alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_reference(ev: Event, doc: Doc) -> bool:
    """A mention that names an act told elsewhere: "the attack", "the blast", "it killed ..."."""
    if any(a.text.lower() == "it" for a in ev.actor) and ev.event_type == "ASSAULT":
        return True
    tok = _token(doc, ev)
    if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.lemma_.lower() not in _REFERENCE_NOUNS and tok.lower_ not in _REFERENCE_NOUNS:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children)


def _generic(ev: Event, doc: Doc) -> bool:
    tok = _token(doc, ev)
    return tok is not None and tok.lemma_.lower() in _GENERIC


# ---------------------------------------------------------------- fit tests

_THREATENABLE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})


def _kind(ev: Event) -> str:
    """The family of the act for grouping: the PLOVER type (protest forms are one family); a
    threatened or planned coercion is part of the threat that announces it ("vowed to force")."""
    if ev.factuality in ("threatened", "planned") and ev.event_type in _THREATENABLE:
        return "THREATEN"
    return ev.event_type


def _heads(refs: Sequence[ActorRef]) -> set[str]:
    words = (re.findall(r"[a-z]+", (r.name or r.text).lower()) for r in refs)
    return {w[-1] for w in words if w and w[-1] not in _PRONOUNS}


def _intervention(ev: Event) -> bool:
    """Police or troops acting on a protest (ACLED "Protest with intervention")."""
    return ev.event_type != "PROTEST" and ev.acled_sub_event_type in _INTERVENTION_SUBTYPES


def _riot_part(group: _Incident, ev: Event) -> bool:
    """An act of violence by the crowd at the riot's own day and place ("set fire to the wall")."""
    if not (ev.event_type == "ASSAULT" and ev.mode in (None, "primitive", "destroy", "beat")
            and all(getattr(ev, f) is None for f in FIELDS)
            and any(m.event_type == "PROTEST" for m in group.members)):
        return False
    crowd = not _sectors(ev.actor) - {"protesters", "civilians"}
    if crowd and any(_same_day_and_place(m, ev) for m in group.narrating()):
        return True  # "demonstrated in X and fought with police"
    if not any(m.event_type == "PROTEST" and m.mode == "riot" for m in group.members):
        return False
    if all(_same_day_and_place(m, ev) for m in group.narrating()):
        return True
    # "an attack on the embassy" that the crowd stormed that day
    targets = set().union(*(_heads(m.recipient) for m in group.members if m.event_type == "PROTEST"))
    return bool(_heads(ev.recipient) & targets) and all(_dates_fit(m, ev) for m in group.narrating())


def _kinds_fit(group: _Incident, ev: Event, ref: bool, doc: Doc) -> bool:
    kind = _kind(ev)
    g_kind = _kind(group.members[0])
    narr = group.narrating()
    same_act = any(_same_day_and_place(m, ev) for m in narr) \
        and all(_dates_fit(m, ev) and _places_fit(m, ev) for m in narr) \
        and bool(set().union(*(_party_keys(m.actor) for m in group.members)) & _party_keys(ev.actor))
    if kind != g_kind:
        # one force's coercion of one crowd, one day, one place: "expelled", "forced them out"
        return _riot_part(group, ev) or ({kind, g_kind} == {"COERCE", "SANCTION"} and same_act)
    if kind == "THREATEN" or same_act:
        return True
    modes_agree = all(modes_fit(m.mode, ev.mode) for m in group.members
                      if not (_generic(m, doc) and m.mode is None))
    if ref and _generic(ev, doc) and modes_agree:
        return True  # "the attack" names any act of its kind; "the rocket attack" not an air strike
    if kind == "PROTEST":
        return True
    return modes_agree


def _day(ev: Event) -> date | None:
    if ev.date is None:
        return None
    try:
        return date.fromisoformat(ev.date)
    except ValueError:
        return None


def _dates_fit(a: Event, b: Event) -> bool:
    if a.date_text is None or b.date_text is None:  # a defaulted date is no information
        return True
    da, db = _day(a), _day(b)
    if da is None or db is None or da == db:
        return True
    coarse = max(_DATE_RANK.get(a.date_precision or "day", 0), _DATE_RANK.get(b.date_precision or "day", 0))
    if coarse == 1:
        return abs((da - db).days) <= 6
    if coarse == 2:
        return (da.year, da.month) == (db.year, db.month)
    if coarse == 3:
        return da.year == db.year
    return False


def _km(a: EventLocation, b: EventLocation) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _places_fit(a: Event, b: Event) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None or la.text is None or lb.text is None:
        return True  # the dateline fallback is no information
    if la.name == lb.name:
        return True
    if la.country and lb.country and la.country != lb.country:
        return False
    if max(_PRECISION_RANK.get(la.precision, 5), _PRECISION_RANK.get(lb.precision, 5)) >= 3:
        return True  # a region or country contains the other place
    km = _km(la, lb)
    return km is None or km <= 30.0


def _same_day_and_place(a: Event, b: Event) -> bool:
    """Both stated, and the same: one act whoever each sentence names as its doer."""
    if a.date_text is None or b.date_text is None or a.date != b.date:
        return False
    la, lb = a.location, b.location
    if la is None or lb is None or la.text is None or lb.text is None:
        return False
    km = _km(la, lb)
    return la.name == lb.name or (km is not None and km <= 30.0)


def _anchored(ev: Event) -> bool:
    return ev.date_text is not None or (ev.location is not None and ev.location.text is not None)


def _party_keys(refs: Sequence[ActorRef]) -> set[str]:
    out: set[str] = set()
    for r in refs:
        if r.text.lower() in _PRONOUNS:
            continue
        out.add((r.name or r.text).lower())
    return out


_STATE = frozenset({"government", "military", "police"})


def _sectors(refs: Sequence[ActorRef]) -> set[str]:
    """Sector families of the named parties (a state's government, army and police are one side)."""
    return {"state" if r.sector in _STATE else r.sector
            for r in refs if r.sector and r.text.lower() not in _PRONOUNS}


_MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "AID", "RETREAT"})


def _parties_fit(group: _Incident, ev: Event) -> bool:
    if ev.event_type == "PROTEST":
        return True  # a crowd is told in many words
    if all(_same_day_and_place(m, ev) for m in group.narrating()):
        return True
    g_act = set().union(*(_party_keys(m.actor) for m in group.members))
    g_sec = set().union(*(_sectors(m.actor) for m in group.members))
    e_act, e_sec = _party_keys(ev.actor), _sectors(ev.actor)
    if g_act and e_act and not (g_act & e_act):
        if ev.event_type not in _MATERIAL:
            return False  # two speakers, two acts
        if g_sec and e_sec and not (g_sec & e_sec):
            return False  # two different perpetrators
        g_cty = {r.country for m in group.members for r in m.actor if r.country}
        e_cty = {r.country for r in ev.actor if r.country}
        if g_cty and e_cty and not (g_cty & e_cty):
            return False  # two states' forces
    return True


def _realis(ev: Event) -> bool:
    return ev.factuality in _REALIS


def _fits(group: _Incident, ev: Event, ref: bool, doc: Doc) -> bool:
    first = group.members[0]
    if first.historical != ev.historical:
        return False
    if _realis(first) != _realis(ev) and not (_kind(ev) == "THREATEN" == _kind(first)):
        return False
    if not _kinds_fit(group, ev, ref, doc):
        return False
    narr = group.narrating()
    if ref:
        return True
    if not _parties_fit(group, ev):
        return False
    if not _anchored(ev) and ev.dead is not None and any(
            m.dead is not None for m in group.members) and all(m.dead != ev.dead for m in group.members):
        # an act told without a day or place, not as a reference, with a toll of its own that no
        # mention of the incident states ("after American airstrikes killed 25") is another act
        return False
    return all(_dates_fit(m, ev) and _places_fit(m, ev) for m in narr)


# ---------------------------------------------------------------- grouping

def _distance(group: _Incident, at: int) -> tuple[int, int]:
    """(0 for a group told before ``at``, 1 after; characters away)."""
    before = [m.trigger_start for m in group.members if m.trigger_start is not None and m.trigger_start < at]
    if before:
        return 0, at - max(before)
    after = [m.trigger_start for m in group.members if m.trigger_start is not None]
    return 1, (min(after) - at) if after else 1 << 30


def _agreement(group: _Incident, ev: Event) -> int:
    """How many of the mention's own stated facts (day, place) the incident states too."""
    narr = group.narrating()
    day = ev.date_text is not None and any(m.date_text is not None and m.date == ev.date for m in narr)
    loc = ev.location
    place = loc is not None and loc.text is not None and any(
        m.location is not None and m.location.text is not None and m.location.name == loc.name for m in narr)
    return int(day) + int(place)


def group_mentions(events: Sequence[Event], doc: Doc) -> list[_Incident]:
    """Mentions grouped into incidents.

    First the mentions that state when or where (in text order, each joining the latest
    incident it fits, else starting one); then references and mentions that state neither,
    each joining the nearest incident it fits (told before it first; one of the same mode
    first), else starting one."""
    order = sorted(events, key=lambda e: (e.trigger_start if e.trigger_start is not None else 1 << 30))
    refs = {id(ev): is_reference(ev, doc) for ev in order}
    groups: list[_Incident] = []
    for ev in order:
        ref = refs[id(ev)]
        if ref or not _anchored(ev):
            continue
        target = next((g for g in reversed(groups) if _fits(g, ev, False, doc)), None)
        if target is None:
            groups.append(_Incident([ev], [False]))
        else:
            target.members.append(ev)
            target.refs.append(False)
    for ev in order:
        ref = refs[id(ev)]
        if not ref and _anchored(ev):
            continue
        at = ev.trigger_start or 0
        fitting = [g for g in groups if _fits(g, ev, ref, doc)]
        if fitting:
            target = min(fitting, key=lambda g: (
                not (ev.mode is not None and any(m.mode == ev.mode for m in g.members)),
                -_agreement(g, ev),
                _distance(g, at)))
            target.members.append(ev)
            target.refs.append(ref)
        else:
            groups.append(_Incident([ev], [ref]))
    # police action breaking up a peaceful protest is one incident with it (ACLED's unit)
    for g in list(groups):
        if all(_intervention(m) for m in g.members) and _realis(g.members[0]):
            protest = next((h for h in groups if h is not g and h.members[0].event_type == "PROTEST"
                            and _realis(h.members[0]) and not h.members[0].historical
                            and not any(m.mode == "riot" for m in h.members)
                            and all(_dates_fit(a, b) and _places_fit(a, b)
                                    for a in h.narrating() for b in g.members)), None)
            if protest is not None:
                protest.members.extend(g.members)
                protest.refs.extend(g.refs)
                groups.remove(g)
    for g in groups:
        pairs = sorted(zip(g.members, g.refs, strict=True), key=lambda p: p[0].trigger_start or 0)
        g.members, g.refs = [p[0] for p in pairs], [p[1] for p in pairs]
    return groups


# ---------------------------------------------------------------- figures


def _qualifier(text: str, value: int) -> str | None:
    low = text.lower()
    for q in _QUALIFIERS:
        for m in re.finditer(r"\b" + q + r"\s+([\w,-]+(?:\s+[\w-]+)?)", low):
            words = m.group(1).split()
            for k in (2, 1):
                if len(words) >= k and parse_number(" ".join(words[:k])) == value:
                    return q
    return None


def _victim(ev: Event) -> str:
    for r in ev.recipient:
        if r.text.lower() in _PRONOUNS:
            continue
        words = [w for w in re.findall(r"[a-z]+", r.text.lower()) if parse_number(w) is None]
        return r.sector or (words[-1] if words else "")
    return ""


def _figures(ev: Event, text: str) -> list[_Figure]:
    span = ev.evidence[0] if ev.evidence else Span(ev.trigger_start or 0, ev.trigger_end or 0)
    out = []
    for f in FIELDS:
        value = getattr(ev, f)
        if value is None:
            continue
        qual = _qualifier(text[span.start:span.end], value)
        out.append(_Figure(f, value, _victim(ev), ev.attributed_to, qual, span))
    return out


def _gather(figures: list[_Figure]) -> tuple[int | None, list[_Figure], bool]:
    """(incident value, one figure per source, whether sources differ) for one field."""
    by_source: dict[str | None, list[_Figure]] = {}
    for fig in figures:
        by_source.setdefault(fig.source, []).append(fig)
    per_source: list[_Figure] = []
    for figs in by_source.values():
        distinct: list[_Figure] = []
        for fig in figs:
            if any(d.value == fig.value and (d.victim == fig.victim or fig.victim in _GENERIC_VICTIMS
                                             or d.victim in _GENERIC_VICTIMS) for d in distinct):
                continue  # a restated figure
            distinct.append(fig)
        victims = [d.victim for d in distinct]
        separate = len(distinct) > 1 and all(v not in _GENERIC_VICTIMS for v in victims) \
            and len(set(victims)) == len(victims)
        if separate:  # separate victim groups told in separate mentions: summed
            total = sum(d.value for d in distinct)
            per_source.append(replace(distinct[0], value=total,
                                      qualifier=next((d.qualifier for d in distinct if d.qualifier), None)))
        else:  # an updated toll supersedes: the highest
            per_source.append(max(distinct, key=lambda d: d.value))
    values = {p.value for p in per_source}
    if len(values) == 1:
        return per_source[0].value, per_source, False
    narrator = next((p for p in per_source if p.source is None), None)
    value = narrator.value if narrator is not None else min(values)
    return value, per_source, True


# ---------------------------------------------------------------- one incident

def _score(ev: Event, ref: bool) -> float:
    """How informative a mention is about its act."""
    s = ev.confidence
    s += 0.1 * (ev.mode is not None) + 0.1 * (ev.acled_sub_event_type is not None)
    s += 0.1 * bool(_party_keys(ev.actor)) + 0.05 * any(getattr(ev, f) is not None for f in FIELDS)
    s -= 0.2 * ref + 0.2 * (not _realis(ev)) + 0.3 * ev.historical
    if ev.event_type == "PROTEST" and ev.mode == "riot":
        s += 0.15  # the escalated form is what the act was
    return s


def _merge_parties(mentions: Sequence[Event], primary: Event, role: str) -> tuple[ActorRef, ...]:
    seen: dict[str, ActorRef] = {}
    ordered = [primary] + [m for m in mentions if m is not primary]
    for m in ordered:
        for r in getattr(m, role):
            key = (r.name or r.text).lower()
            if key in seen:
                continue
            if role == "recipient" and m is not primary and r.sector is None and r.name is None:
                continue  # a struck object of one mention ("the gate"), not a party of the incident
            seen[key] = r
    refs = list(seen.values())
    named = [r for r in refs if r.text.lower() not in _PRONOUNS]
    if named:
        refs = named
    if len(refs) > 1:
        refs[0] = replace(refs[0], assoc=tuple(r.name or r.text for r in refs[1:]))
    return tuple(refs)


def _pick_date(g: _Incident, primary: Event) -> Event:
    narr = [m for m in g.narrating() if not m.historical or primary.historical]
    stated = [m for m in narr if m.date_text is not None]
    if primary in stated:
        return primary
    if stated:
        return min(stated, key=lambda m: _DATE_RANK.get(m.date_precision or "year", 3))
    withdate = [m for m in narr if m.date is not None]
    return primary if primary.date is not None or not withdate else withdate[0]


def _geo_precision(loc: EventLocation) -> int:
    if loc.precision in ("site", "city"):
        return 2 if loc.text is None or _NEAR.match(loc.text or "") else 1
    if loc.precision == "admin2":
        return 2
    return 3


def _pick_location(g: _Incident, primary: Event, places: Sequence[Place]) -> EventLocation | None:
    narr = g.narrating()
    stated = [m.location for m in narr if m.location is not None and m.location.text is not None]
    if not stated:
        stated = [m.location for m in g.members if m.location is not None and m.location.text is not None]
    loc: EventLocation | None
    if stated:
        loc = min(stated, key=lambda x: _PRECISION_RANK.get(x.precision, 5))
    else:
        loc = primary.location or next((m.location for m in g.members if m.location is not None), None)
    if loc is None:
        return None
    place = next((p for p in places if (p.start, p.end) == (loc.start, loc.end)), None) or next(
        (p for p in places if loc.geonames_id is not None and p.geonames_id == loc.geonames_id), None)
    admin1 = place.admin1 if place is not None else None
    if admin1 is None and loc.precision == "admin1":
        admin1 = loc.name
    return replace(loc, admin1=admin1, admin2=loc.admin2, geo_precision=_geo_precision(loc))


def _mention_record(ev: Event) -> EventMention:
    return EventMention(trigger=ev.trigger, trigger_start=ev.trigger_start, trigger_end=ev.trigger_end,
                        evidence=ev.evidence, dead=ev.dead, injured=ev.injured, arrested=ev.arrested,
                        factuality=ev.factuality, attributed_to=ev.attributed_to,
                        event_type=ev.event_type, mode=ev.mode, actor=ev.actor, recipient=ev.recipient)


def build_incident(g: _Incident, text: str, places: Sequence[Place]) -> Event:
    scored = [(_score(m, r), -k, m) for k, (m, r) in enumerate(zip(g.members, g.refs, strict=True))]
    protests = [t for t in scored if t[2].event_type == "PROTEST"]
    if protests and any(_intervention(m) for m in g.members):
        scored = protests  # a protest broken up by police is the protest (ACLED's actor1: the crowd)
    primary = max(scored, key=lambda t: (t[0], t[1]))[2]
    typed = primary if primary.acled_sub_event_type is not None else next(
        (m for _, _, m in sorted(scored, key=lambda t: (-t[0], -t[1])) if m.acled_sub_event_type), primary)
    intervention = next((m for m in g.members if _intervention(m) and _realis(m)), None) \
        if any(m.event_type == "PROTEST" for m in g.members) else None
    when = _pick_date(g, primary)
    best_fact = min(g.members, key=lambda m: (_FACT_RANK.get(m.factuality, 9), g.members.index(m)))
    protest_side = [m for m in g.members if m.event_type == "PROTEST"] if intervention else list(g.members)
    actor = _merge_parties(protest_side or g.members, primary if primary in protest_side else protest_side[0],
                           "actor")
    recipient = _merge_parties(g.members, primary, "recipient")
    if intervention is not None:  # the forces that intervened face the protesters
        recipient = _merge_parties([intervention], intervention, "actor") or recipient
    figures: dict[str, int | None] = {}
    claims: list[Claim] = []
    for f in FIELDS:
        figs = [fig for m in g.members for fig in _figures(m, text) if fig.field == f]
        figs += [fig for fig in g.fatalities if fig.field == f]
        if not figs:
            figures[f] = 0 if f in g.zero else None
            continue
        value, per_source, differ = _gather(figs)
        figures[f] = value
        if differ or any(p.qualifier for p in per_source):
            claims.extend(Claim(field=f, value=p.value, low=None, high=None,  # type: ignore[arg-type]
                                qualifier=p.qualifier, attributed_to=p.source, evidence=(p.evidence,))
                          for p in per_source)
    size_text: dict[str, str] = {}
    for m in g.members:
        for k, v in m.size_text.items():
            if figures.get(k) is None:
                size_text.setdefault(k, v)
    evidence = sorted({(s.start, s.end) for m in g.members for s in m.evidence}
                      | {(s.start, s.end) for s in g.extra_evidence} | {(s.start, s.end) for s in g.zero.values()})
    support = len({m.trigger_start for m in g.members}) - 1
    confidence = max(m.confidence for m in g.members) + 0.02 * min(support, 5)
    if typed.acled_sub_event_type is not None and _realis(best_fact):
        confidence += 0.03
    if any(figures[f] is not None for f in FIELDS):
        confidence += 0.02
    location = _pick_location(g, primary, places)
    if when.date_text is not None:  # stated when and where: better supported
        confidence += 0.04
    if location is not None and location.text is not None:
        confidence += 0.02
    if primary.historical:
        confidence -= 0.3
    acled_type, acled_sub = typed.acled_event_type, typed.acled_sub_event_type
    if intervention is not None:
        acled_type, acled_sub = intervention.acled_event_type, intervention.acled_sub_event_type
    return replace(
        primary,
        id=g.members[0].id,
        mode=primary.mode or next((m.mode for m in g.members if m.event_type == primary.event_type
                                   and m.mode), None),
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        actor=actor,
        recipient=recipient,
        date=when.date, date_precision=when.date_precision, date_text=when.date_text,
        location=location,
        dead=figures["dead"], injured=figures["injured"], arrested=figures["arrested"],
        factuality=best_fact.factuality,
        attributed_to=best_fact.attributed_to,
        historical=all(m.historical for m in g.members),
        evidence=tuple(Span(a, b) for a, b in evidence),
        confidence=round(max(0.05, min(0.99, confidence)), 2),
        size_text=size_text,
        caption=all(m.caption for m in g.members),
        mentions=tuple(_mention_record(m) for m in g.members),
        claims=tuple(claims),
    )


# ---------------------------------------------------------------- zero tolls, fatality counts

_VIOLENT = frozenset({"ASSAULT", "PROTEST", "COERCE"})


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def _owner(groups: list[_Incident], at: int, sents: list[tuple[int, int]]) -> _Incident | None:
    """The incident a toll sentence at ``at`` speaks of: one told in that sentence, else the
    nearest one told before it (within two sentences), else the article's first violent one."""
    k = next((i for i, (a, b) in enumerate(sents) if a <= at < b), None)
    if k is None:
        return None
    violent = [g for g in groups if _kind(g.members[0]) in _VIOLENT and _realis(g.members[0])
               and not g.members[0].historical]
    best: tuple[int, _Incident] | None = None
    for g in violent:
        for m in g.members:
            if m.trigger_start is None:
                continue
            j = next((i for i, (a, b) in enumerate(sents) if a <= m.trigger_start < b), None)
            if j is None or j > k or k - j > 2:
                continue
            if best is None or k - j < best[0]:
                best = (k - j, g)
    if best is not None:
        return best[1]
    return violent[0] if violent else None


def _attach_tolls(groups: list[_Incident], doc: Doc) -> None:
    text = doc.text
    sents = _sentence_spans(doc)
    for m in _ZERO.finditer(text):
        word = (m.group("verb") or m.group("verb2") or m.group("noun") or m.group("noun2")
                or m.group("noun3") or "").lower()
        g = _owner(groups, m.start(), sents)
        if g is None:
            continue
        sent = next((Span(a, b) for a, b in sents if a <= m.start() < b), Span(m.start(), m.end()))
        for f in _ZERO_FIELDS.get(word, ()):
            g.zero.setdefault(f, sent)
    for m in _FATALITIES.finditer(text):
        value = parse_number(m.group("n"))
        if value is None:
            continue
        g = _owner(groups, m.start(), sents)
        if g is None:
            continue
        sent = next((Span(a, b) for a, b in sents if a <= m.start() < b), Span(m.start(), m.end()))
        g.fatalities.append(_Figure("dead", value, "", None, None, sent))


# ---------------------------------------------------------------- the stage

_LIGHT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr", "compound"})


def _grievance(ev: Event, protests: list[Token], doc: Doc) -> bool:
    """The mention names what a protest is about: it sits inside the protest's own phrase
    ("protested against the police for conducting a raid", "marched to mark the anniversary of
    the attacks", "rallied after he was attacked in October"), not coordinated with it."""
    tok = _token(doc, ev)
    if tok is None:
        return False
    anchors = set()
    for p in protests:
        anchors.add(p.i)
        if p.dep_ in _LIGHT_DEPS:
            anchors.add(p.head.i)  # "held a protest", "staged a demonstration"
    cur = tok
    for _ in range(12):
        if cur.head is cur or cur.dep_ == "conj":
            return False
        cur = cur.head
        if cur.i in anchors:
            return True
    return False


def _mark_grievances(groups: list[_Incident], doc: Doc) -> None:
    """An act named only as the cause or object of a protest told in the same sentence, with
    no toll of its own, is background to the protest (``historical``), not a second incident."""
    protests = [t for g in groups if not g.members[0].historical
                for m in g.members if m.event_type == "PROTEST" and _realis(m)
                for t in [_token(doc, m)] if t is not None]
    if not protests:
        return
    for g in groups:
        if any(m.event_type == "PROTEST" for m in g.members) or g.members[0].historical:
            continue
        if any(getattr(m, f) is not None for m in g.members for f in FIELDS) or g.fatalities:
            continue
        if all(_grievance(m, protests, doc) for m in g.members):
            g.members = [replace(m, historical=True) for m in g.members]


def _carried_date(ev: Event, text: str, sents: Sequence[tuple[int, int]], times: Sequence[TimeExpr],
                  published: date | None) -> TimeExpr | None:
    """The day an earlier sentence of the same paragraph states, for an incident that states no
    date of its own ("On 3 May, rebels shelled X. One soldier was wounded."): narrative time
    carries over until a new date is given.  None for an incident named inside another's cause
    phrase (its date was left unknown on purpose) or when no such day precedes it."""
    if ev.date_text is not None or ev.historical or (ev.date is None and published is not None):
        return None
    starts = [m.trigger_start for m in ev.mentions if m.trigger_start is not None] or [ev.trigger_start or 0]
    at = min(starts)
    sent_start = next((a for a, b in sents if a <= at < b), at)
    best: TimeExpr | None = None
    for t in times:
        if t.end > sent_start or "\n" in text[t.end:sent_start]:
            continue
        got = value_to_date(t.value)
        if got is None or got[1] not in ("day", "time"):
            continue
        if published is not None and not 0 <= (published - got[0]).days <= 366:
            continue
        if best is None or t.start > best.start:
            best = t
    return best


def incidents(events: Sequence[Event], doc: Doc, places: Sequence[Place] = (),
              times: Sequence[TimeExpr] = (), published: date | None = None) -> tuple[Event, ...]:
    """The article's incidents, highest confidence first (see the module docstring)."""
    if not events:
        groups: list[_Incident] = []
    else:
        groups = group_mentions(events, doc)
    _attach_tolls(groups, doc)
    # what only might happen ("could set fire", "if they storm") is no incident
    groups = [g for g in groups if any(m.factuality != "hypothetical" for m in g.members)]
    _mark_grievances(groups, doc)
    text = doc.text  # Doc.text joins every token: read it once
    sents = _sentence_spans(doc)
    built = [build_incident(g, text, places) for g in groups]
    for i, inc in enumerate(built):
        carried = _carried_date(inc, text, sents, times, published)
        if carried is not None:
            got = value_to_date(carried.value)
            assert got is not None
            built[i] = replace(inc, date=got[0].isoformat(), date_precision="day", date_text=carried.text)
    order = sorted(range(len(built)), key=lambda i: (-built[i].confidence, built[i].trigger_start or 0))
    return tuple(built[i] for i in order)
