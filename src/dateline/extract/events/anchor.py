"""When and where an event happened: the governing time and place expressions.

Preference order for both: an expression inside the trigger's clause (the
subtree of the nearest verb governing it), else one elsewhere in the
sentence (nearest to the trigger), else the article default: the
publication date for time and the dateline for place, at lower precision.
Places that are part of the actor's or recipient's name ("U.S. airstrikes")
are not event locations.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from dateline.extract.events.factuality import REPORTING
from dateline.extract.times import value_to_date
from dateline.records import EventLocation, Place, TimeExpr

_HISTORICAL_DAYS = 366

# (own range or None, ranges of other events' embedded phrases): see ``_pick``.
Scope = tuple[tuple[int, int] | None, tuple[tuple[int, int], ...]] | None


def clause_range(trigger: Token) -> tuple[int, int]:
    """Character range of the clause governing the trigger."""
    tok = trigger
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 4:
        tok = tok.head
        steps += 1
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _pick(items: list[tuple[int, int]], trigger_at: int, clause: tuple[int, int],
          sent: tuple[int, int], scope: Scope = None,
          governing: list[bool] | None = None) -> int | None:
    """Index of the best (start, end) span: in clause first, then sentence; nearest.

    ``scope`` (own range, other events' ranges): an embedded or quoted event looks
    only inside its own range; expressions inside another event's embedded phrase
    are not lent to this one.  ``governing`` (per item): the expression modifies the trigger
    or a verb above it, which outranks any that only sits nearby.
    """
    best_key: tuple[int, int] | None = None
    chosen: int | None = None
    own, others = scope if scope is not None else (None, ())
    for i, (start, end) in enumerate(items):
        if own is not None:
            if not (own[0] <= start and end <= own[1]):
                continue
        elif not (sent[0] <= start and end <= sent[1]):
            continue
        if any(o[0] <= start and end <= o[1] and not o[0] <= trigger_at < o[1] for o in others):
            continue
        tier = 0 if clause[0] <= start and end <= clause[1] else 1
        if governing is not None:
            tier += 0 if governing[i] else 2
        key = (tier, abs(start - trigger_at))
        if best_key is None or key < best_key:
            best_key, chosen = key, i
    return chosen


# TimeML granularities folded into the contract's four event-date precisions.
_CONTRACT_PRECISION = {
    "day": "day", "time": "day", "week": "week", "month": "month", "quarter": "month",
    "half": "month", "season": "month", "year": "year", "decade": "year", "century": "year",
}


def event_time(trigger: Token, sent: Span, times: tuple[TimeExpr, ...], published: date | None,
               scope: Scope = None, embedded: bool = False,
               ) -> tuple[str | None, str | None, str | None, bool]:
    """(date, precision, text, historical) for the event triggered at ``trigger``.

    ``embedded``: the event is named inside a cause, response or sequence phrase ("after
    airstrikes killed 25"), so it happened before the event that governs it; with no date
    inside the phrase its date is unknown (null), not the publication date."""
    # only expressions inside the sentence (or the event's own range) can be picked: filter
    # on offsets first, the parse checks below cost two char_span look-ups per expression
    lo, hi = sent.start_char, sent.end_char
    if scope is not None and scope[0] is not None:
        lo, hi = min(lo, scope[0][0]), max(hi, scope[0][1])
    usable = [t for t in times if lo <= t.start and t.end <= hi and t.type in ("DATE", "TIME")
              and value_to_date(t.value) is not None and not _dates_other_speech(t, trigger)]
    clause = clause_range(trigger)
    idx = _pick([(t.start, t.end) for t in usable], trigger.idx, clause,
                (sent.start_char, sent.end_char), scope,
                [_modifies(t, trigger) for t in usable])
    if idx is not None:
        t = usable[idx]
        first_day, granularity = value_to_date(t.value) or (date.min, "day")
        precision = _CONTRACT_PRECISION.get(granularity, "year")
        historical = False
        if published is not None:
            if granularity in ("day", "time", "week"):
                historical = (published - first_day).days > _HISTORICAL_DAYS
            else:  # a coarse expression: historical when its whole period ended long before
                historical = published.year - first_day.year >= 2
        return first_day.isoformat(), precision, t.text, historical
    # a bare year right on the trigger ("the 1979 hostage crisis")
    for tok in sent:
        if tok.like_num and len(tok.text) == 4 and tok.text.isdigit() and 1900 <= int(tok.text) <= 2100:
            own = scope[0] if scope is not None else None
            inside = clause if own is None else own
            if inside[0] <= tok.idx < inside[1] and published is not None:
                if published.year - int(tok.text) >= 2:
                    return f"{tok.text}-01-01", "year", tok.text, True
    if published is not None and not embedded:
        return published.isoformat(), "week", None, False
    return None, None, None, False


_ADVERBIAL = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod:tmod"})


def _modifies(t: TimeExpr, trigger: Token) -> bool:
    """Whether ``t`` is an adverbial of the trigger or of a verb above it ("On 5 May, workers
    gathered to protest"), not a modifier inside a noun phrase ("workers, on strike since
    December, gathered"; "the 1986 reform")."""
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.head.i == trigger.i:
        return True  # "the 1989 massacre", "Sunday's attack"
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        attach = root.head.head
    elif root.dep_ in _ADVERBIAL:
        attach = root.head
    else:
        return False
    if attach.pos_ not in ("VERB", "AUX") and attach.i != trigger.i:
        return False
    return attach.i == trigger.i or any(a.i == attach.i for a in trigger.ancestors)


def _dates_other_speech(t: TimeExpr, trigger: Token) -> bool:
    """True when ``t`` is attached to a reporting verb other than the trigger ("the blast
    killed six, police said on Monday": Monday is when police spoke)."""
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "obl"):
        return False
    if trigger.head.i == head.i and trigger.dep_ in ("dobj", "nsubjpass"):
        return False  # "held a march on Monday": the verb carries the act itself
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return False  # "(as reported)": an evidential aside with no speaker, not a dated speech
    return head.pos_ == "VERB" and head.lemma_.lower() in REPORTING and head.i != trigger.i


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def fallback_times(doc_ents: list[tuple[int, int, str]], published: date | None,
                   ) -> tuple[TimeExpr, ...]:
    """Minimal dates from spaCy DATE entities, used only when no time extractor ran.

    Resolves weekday names ("Tuesday", "last Friday": the latest such day on or
    before publication) and bare years; everything else stays unresolved.
    """
    out: list[TimeExpr] = []
    for start, end, text in doc_ents:
        low = text.lower()
        words = low.replace(",", " ").split()
        value: str | None = None
        precision: str | None = None
        day = next((w for w in words if w in _WEEKDAYS), None)
        if day is not None and published is not None:
            delta = (published.weekday() - _WEEKDAYS.index(day)) % 7
            if "last" in words and delta == 0:
                delta = 7
            if "next" not in words:
                value = date.fromordinal(published.toordinal() - delta).isoformat()
                precision = "day"
        elif len(words) == 1 and words[0].isdigit() and len(words[0]) == 4:
            value, precision = words[0], "year"
        out.append(TimeExpr(text=text, start=start, end=end, type="DATE", value=value,
                            precision=precision))
    return tuple(out)


def _place_precision(feature: str) -> str:
    if feature in ("site", "city", "admin1", "region", "country"):
        return feature
    if feature in ("admin2", "district", "town", "village", "neighborhood", "approximate"):
        return "city"
    return "region"


def event_location(trigger: Token, sent: Span, places: tuple[Place, ...],
                   fallback_ents: list[tuple[int, int, str]], excluded: list[tuple[int, int]],
                   dateline: str | None, dateline_place: Place | None,
                   scope: Scope = None, embedded: bool = False) -> EventLocation | None:
    """The place governing the event, else the dateline at city precision (else nothing for
    an ``embedded`` event: one named in a cause or sequence phrase happened elsewhere as
    likely as not)."""

    def free(start: int, end: int) -> bool:
        return not any(s <= start and end <= e for s, e in excluded)

    clause = clause_range(trigger)
    sent_range = (sent.start_char, sent.end_char)
    # only expressions inside the range _pick looks at can win: filter before the costlier checks
    lo, hi = scope[0] if scope is not None and scope[0] is not None else sent_range
    cands = [p for p in places if lo <= p.start and p.end <= hi and free(p.start, p.end)]
    idx = _pick([(p.start, p.end) for p in cands], trigger.idx, clause, sent_range, scope)
    if idx is not None:
        p = cands[idx]
        return EventLocation(name=p.name, country=p.country, lat=p.lat, lon=p.lon,
                             geonames_id=p.geonames_id, precision=_place_precision(p.feature),
                             text=p.text, start=p.start, end=p.end)
    ents = [e for e in fallback_ents if lo <= e[0] and e[1] <= hi and free(e[0], e[1])]
    idx = _pick([(s, e) for s, e, _ in ents], trigger.idx, clause, sent_range, scope)
    if idx is not None:
        s, e, text = ents[idx]
        return EventLocation(name=text, country=None, lat=None, lon=None, geonames_id=None,
                             precision="region", text=text, start=s, end=e)
    if embedded:
        return None
    if dateline_place is not None:
        p = dateline_place
        return EventLocation(name=p.name, country=p.country, lat=p.lat, lon=p.lon,
                             geonames_id=p.geonames_id, precision=_place_precision(p.feature),
                             text=None)
    if dateline:
        return EventLocation(name=dateline.title(), country=None, lat=None, lon=None,
                             geonames_id=None, precision="city", text=None)
    return None
