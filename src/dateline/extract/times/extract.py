"""Time expressions: find them, and normalize them TimeML-style against the publication date.

Recognition is a precompiled English temporal grammar (``timex_grammar``) run
over the article text, plus a veto from spaCy's entity labels (a "1990" inside
MONEY is not a year).  Overlapping matches keep the longest.  Each expression
is normalized against ``ctx.published`` (never the machine clock) and the tense
of its governing verb (``timex_tense``): a bare weekday in news is the most
recent one, "will meet on Friday" the coming one.  Expressions like "a day
later" resolve against the last date the text itself mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from dateline.extract.base import DocContext
from dateline.extract.times.calendar import Tense, precision_of, value_to_date
from dateline.extract.times.grammar import RULES, Reading, Rule, Situation
from dateline.extract.times.lexicon import TRIGGER
from dateline.extract.times.tense import governing_tense
from dateline.records import TimeExpr


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


_ADJECTIVAL_THE = re.compile(r"(?i)the\s+(?=[\w.]+-(?:[a-z]+-)?(?:quarter|day|week|month|year|hour|minute)\b)")


def _span_of(match: re.Match[str]) -> tuple[int, int]:
    """The expression's extent: group ``t`` (or ``t2``) when the pattern has one.

    A determiner before a hyphenated modifier belongs to the noun it modifies
    ("the [30-day] deadline", "the [third-quarter] results"), so it is left out.
    """
    start, end = match.span()
    for group in ("t", "t2"):
        if group in match.re.groupindex and match.group(group) is not None:
            start, end = match.span(group)
            break
    lead = _ADJECTIVAL_THE.match(match.string, start, end)
    if lead:
        start = lead.end()
    return start, end


def _entity_labels(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _vetoed(cand: _Candidate, ents: list[tuple[int, int, str]]) -> bool:
    if not cand.rule.veto_labels:
        return False
    return any(s <= cand.start and cand.end <= e and label in cand.rule.veto_labels
               for s, e, label in ents)


_WINDOW_BEFORE = 48  # room for "a little more than", "the beginning of" before a trigger word
_WINDOW_AFTER = 72  # room for ", Dec. 31, 2019", "morning" after it


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged text windows around trigger words: the grammar only needs to run there."""
    windows: list[tuple[int, int]] = []
    for m in TRIGGER.finditer(text):
        start, end = max(0, m.start() - _WINDOW_BEFORE), min(len(text), m.end() + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


# Typographic apostrophes read as ASCII ones ("Friday’s", "the ’90s"); same length,
# so offsets into the original text are unchanged.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def find_candidates(text: str, doc: Doc) -> list[_Candidate]:
    """Every grammar match over ``text``, minus those spaCy's entity labels veto."""
    ents = _entity_labels(doc)
    found: list[_Candidate] = []
    text = text.translate(_APOSTROPHES)
    windows = _windows(text)
    for rule in RULES:
        for w_start, w_end in windows:
            for match in rule.pattern.finditer(text, w_start, w_end):
                start, end = _span_of(match)
                if end <= start:
                    continue
                cand = _Candidate(start, end, rule, match)
                if not _vetoed(cand, ents):
                    found.append(cand)
    return found


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (earlier rule wins ties), in text order."""
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].end - cands[i].start), cands[i].start, i))
    taken: list[_Candidate] = []
    for i in order:
        c = cands[i]
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


_FORWARD_CUE = re.compile(r"\b(?:as\s+(?:early|soon|late)\s+as|no\s+later\s+than|starting|beginning)\s+"
                          r"(?:(?:on|at)\s+)?$", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")


def _tense_at(ctx: DocContext, start: int, end: int) -> Tense | None:
    """Tense for resolving the expression at ``start:end``: a forward cue right before it
    ("as early as Tuesday", "no later than Friday") wins over the verb's tense."""
    if _FORWARD_CUE.search(ctx.article.text, max(0, start - 30), start):
        return "future"
    return governing_tense(ctx.doc, start, end)


def _token_before(doc: Doc, start: int) -> Token | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    return doc[span.start - 1]


def _reread_in_context(cand: _Candidate, reading: Reading, doc: Doc) -> Reading | None:
    """Adjust readings the grammar cannot judge alone, from the parse around them.

    "its quarterly dividend" is no SET (an adjective before a noun); in "$5 million a
    year" or "four flights a week" the "a year" is a rate's denominator, not a time.
    """
    if cand.rule.name == "set" and cand.end - cand.start == len(cand.match.group("t")):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is not None and len(span) == 1 and span[0].dep_ == "amod":
            return None
    if cand.rule.name == "duration" and cand.match.group("num").lower() in ("a", "an", "per") \
            and not cand.match.group("tail") and not cand.match.group("approx"):
        before = _token_before(doc, cand.start)
        if before is not None and (before.like_num or before.pos_ in ("NUM", "NOUN", "SYM", "PROPN")):
            return None  # a rate's denominator, not a time of its own
    return reading


def extract_times(ctx: DocContext) -> tuple[TimeExpr, ...]:
    """All time expressions of the article, in text order, with TimeML type and value."""
    text = ctx.article.text
    published = ctx.published
    readable: list[_Candidate] = []
    for cand in find_candidates(text, ctx.doc):
        if cand.rule.handler(cand.match, Situation(published)) is not None:
            readable.append(cand)
    out: list[TimeExpr] = []
    reference: date | None = None
    quarter: str | None = None
    for cand in _select(readable):
        tense = _tense_at(ctx, cand.start, cand.end)
        reading = cand.rule.handler(cand.match, Situation(published, tense, reference, quarter))
        if reading is not None:
            reading = _reread_in_context(cand, reading, ctx.doc)
        if reading is None:
            continue
        if reading.type == "DATE":
            parsed = value_to_date(reading.value)
            if parsed is not None and (parsed[1] == "day" or (parsed[1] == "month" and reading.anchor is None)):
                reference = parsed[0]
        if reading.type == "DATE" and reading.value and _QUARTER_VALUE.match(reading.value):
            quarter = reading.value
        out.append(TimeExpr(
            text=text[cand.start:cand.end], start=cand.start, end=cand.end,
            type=reading.type,
            value=reading.value, anchor=reading.anchor,
            precision=precision_of(reading.value, reading.type),
        ))
    return tuple(out)
