"""Grammar rules for spans and offsets: "last week", "the past two years", "444 days",
"a decade ago", clock times ("10:35 a.m."), and sets ("every Monday", "daily").

Each rule is a precompiled pattern and a handler (see ``timex_core``); the
tuple :data:`SPAN_RULES` lists them in priority order for ties.
"""

from __future__ import annotations

import re
from datetime import timedelta

from dateline.extract.times.calendar import (
    GRANULARITY_OF_UNIT,
    format_at,
    resolve_weekday,
    shift,
)
from dateline.extract.times.core import (
    DAY_OFFSET,
    WORD_END,
    Reading,
    Rule,
    Situation,
    compile_pattern,
    duration_value,
    month_day_date,
    month_number,
    relative,
    unit_code,
)
from dateline.extract.times.lexicon import (
    APPROX,
    DAY_PARTS,
    EDGE,
    MONTH_FULL_NAME,
    MONTH_NAME,
    NUMBER,
    UNIT_CODES,
    UNIT_WORD,
    WEEKDAY_NAME,
    WEEKDAYS,
    parse_number,
)

# --- relative units: last week, this year, earlier this month, the past two years -------

_REL_UNIT = compile_pattern(
    rf"(?P<t>(?:(?P<edge>{EDGE})[\s-]+)?(?P<dir>last|this\s+past|this|next|past|coming|previous|current|the\s+current|"
    r"the\s+previous|the\s+next|the\s+following|the\s+coming|the\s+past|the\s+last|the\s+same|that\s+same|the|that)\s+"
    r"(?:fiscal\s+)?"
    r"(?P<unit>week|weekend|month|year|quarter|decade|century|day))(?![\w-])")


def _rel_unit(m: re.Match[str], s: Situation) -> Reading | None:
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    unit_word = m.group("unit").lower()
    unit = UNIT_CODES[unit_word]
    edge = (m.group("edge") or "").lower()
    if unit_word == "day" and direction == "the last":
        return None  # "the last day I saw her": the final day, not a span
    if direction in ("the past", "the last", "the coming") or (direction == "past" and not edge):
        return Reading("DURATION", duration_value(1, unit), None)
    if direction in ("the", "that", "the same", "that same"):
        if unit_word == "day" and direction != "the" and s.reference is not None and not edge:
            return Reading("DATE", s.reference.isoformat(), "text")  # "that day": the day just told of
        if unit_word == "weekend":
            return relative(s, "DATE", lambda p: format_at(resolve_weekday(p, 6, None, s.tense), "week") + "-WE")
        if not edge:
            return None  # "the year", "the day": too often not a time of its own
        if direction != "the" and unit_word != "weekend":  # "later that year": the story's year
            if s.reference is None:
                return Reading("DATE", None, None)
            return Reading("DATE", format_at(s.reference, GRANULARITY_OF_UNIT[unit]), "text")
        direction = "this"
    if unit_word == "day":
        if direction not in ("the next", "the following", "the previous"):
            return None
        step = -1 if direction == "the previous" else 1
        base = s.reference or s.published
        if base is None:
            return Reading("DATE", None, None)
        return Reading("DATE", (base + timedelta(days=step)).isoformat(),
                       "text" if s.reference else "published")
    step = {"last": -1, "this past": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1, "the next": 1,
            "the following": 1}.get(direction, 0)
    granularity = GRANULARITY_OF_UNIT[unit]
    if direction in ("the previous", "the following") and s.reference is not None:
        return Reading("DATE", format_at(shift(s.reference, step, unit), granularity), "text")
    suffix = "-WE" if unit == "WE" else ""
    return relative(s, "DATE", lambda p: format_at(shift(p, step, unit), granularity) + suffix)


# --- durations and offsets: 444 days, the past few months, a decade ago ------------------

_REL_DURATION = compile_pattern(
    rf"(?P<t>(?:(?P<approx>{APPROX})\s+(?!the\b|each\b))?(?:the\s+)?(?P<dir>past|last|previous|next|coming|"
    r"following|first|final|latest|preceding|ensuing|remaining|prior|initial|recent|same|few|other)\s+"
    rf"(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT_WORD}))" + WORD_END + r"(?!-old)")


def _rel_duration(m: re.Match[str], _s: Situation) -> Reading | None:
    return Reading("DURATION", duration_value(parse_number(m.group("num")), unit_code(m.group("unit"))), None)


_OFFSET_TAIL = (r"ago|earlier|later|from\s+now|hence|before(?=\s*[,.;:)]|$)|after(?=\s*[,.;:)]|$)|"
                r"long|old|and\s+a\s+half")
_DURATION = compile_pattern(
    rf"(?<![\w$€£.,-])(?P<t>(?:(?P<approx>{APPROX})\s+(?!the\b))?(?:the\s+)?(?P<num>{NUMBER})[\s-]+(?:(?:more|additional|extra|further)\s+)?"
    rf"(?P<unit>{UNIT_WORD})(?:[\s-]+(?P<tail>{_OFFSET_TAIL}))?)" + r"(?![\w])(?!-old)(?!\s+(?:of\s+age|old)\b)")


def _duration(m: re.Match[str], s: Situation) -> Reading | None:
    tail = re.sub(r"\s+", " ", (m.group("tail") or "").lower())
    unit = unit_code(m.group("unit"))
    amount = parse_number(m.group("num"))
    if tail == "old":
        return None  # ages are not times
    unit_word = m.group("unit").lower()
    number_word = m.group("num").lower()
    if number_word in ("a", "an", "one") and unit_word.endswith("s") and not unit_word.endswith("centuries"):
        return None  # "a months-long battle": the article belongs to the noun
    if number_word[:1].isdigit() and m.group("unit")[:1].isupper():
        return None  # "914 Second Class", "60 Minutes": names, not amounts of time
    if unit_word == "second" and number_word in ("a", "an"):
        return None  # "a second attempt" is an ordinal
    if unit_word.startswith("quarter") and (re.match(r"\s+of\b", m.string[m.end():]) or "-" in number_word
                                           or re.search(r"\w-quarters?\b", m.group("t"))):
        return None  # "three-quarters of its food", "a quarter of the market": fractions
    if tail == "and a half" and amount is not None:
        amount += 0.5
    if tail in ("ago", "earlier", "before", "later", "after", "from now", "hence"):
        sign = -1 if tail in ("ago", "earlier", "before") else 1
        if amount is None or not float(amount).is_integer() or unit.startswith("T"):
            if unit.startswith("T"):  # "two hours ago": that day, to the day
                if tail not in ("ago", "from now", "hence") and s.reference is not None:
                    return Reading("TIME", s.reference.isoformat(), "text")
                return relative(s, "TIME", lambda p: p.isoformat())
            return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None)
        granularity = GRANULARITY_OF_UNIT[unit]
        if unit == "Y" and s.quarter is not None and tail in ("ago", "earlier"):
            # results "up from a year ago" compare quarters: the same quarter, years back
            return Reading("DATE", f"{int(s.quarter[:4]) - int(amount):04d}{s.quarter[4:]}", "text")
        use_reference = tail not in ("ago", "from now", "hence") and s.reference is not None
        base = s.reference if use_reference else s.published
        if base is None:
            return Reading("DATE", None, None)
        value = format_at(shift(base, sign * int(amount), unit), granularity)
        return Reading("DATE", value, "text" if use_reference else "published")
    return Reading("DURATION", duration_value(amount, unit), None)


_BARE_PLURAL = compile_pattern(
    r"\b(?:(?:for|in|over|within|after|took|take|takes|taking|spent|spend|lasted|last|lasting)\s+"
    r"(?P<t>(?:(?:many|several|a\s+few|few)\s+)?(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries))|"
    r"(?P<t2>(?P<deixis>recent|past|coming|future)\s+(?P<unit2>years|months|weeks|days|decades|quarters)))" + WORD_END)
_BARE_HYPHEN = compile_pattern(r"(?<![\w-])(?P<t>(?P<unit>years|months|weeks|days|decades|hours|day|week|month|year)-long)" + WORD_END)


def _bare_plural(m: re.Match[str], _s: Situation) -> Reading:
    deixis = m.groupdict().get("deixis")
    if deixis:  # "in recent years", "in coming months": vague references, as TimeML has them
        return Reading("DATE", "PAST_REF" if deixis.lower() in ("recent", "past") else "FUTURE_REF", None)
    unit = m.group("unit").lower()
    return Reading("DURATION", duration_value(1 if not unit.endswith("s") else None, unit_code(unit)), None)


# --- clock times -----------------------------------------------------------------------

_CLOCK = compile_pattern(
    r"(?<![\w:.])(?P<t>(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)|(?P<h2>\d{1,2}):(?P<mi2>\d{2})"
    r"(?![\d:])|(?P<noon>noon|midnight|midday)|(?P<h3>\d{1,2})\s+o'clock|"
    r"(?P<h4>\d{1,2})\s+in\s+the\s+(?P<ipart>morning|afternoon|evening))"
    r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time|local))?"
    rf"(?:,?\s+(?P<day>today|yesterday|tomorrow|tonight|this(?=\s+(?:morning|afternoon|evening|night))|(?P<wd>{WEEKDAY_NAME})"
    rf"(?:,?\s+(?P<mon2>{MONTH_NAME})\s*(?P<day2>\d{{1,2}}))?|(?P<mon>{MONTH_NAME})\s*(?P<day3>\d{{1,2}})"
    r"(?:,\s*(?P<year>\d{4}))?)(?:\s+(?P<dpart>morning|afternoon|evening|night))?)?)(?![\w])")


def _clock(m: re.Match[str], s: Situation) -> Reading | None:
    if m.group("noon"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m.group("noon").lower()]
    else:
        hour = int(m.group("h") or m.group("h2") or m.group("h3") or m.group("h4"))
        minute = int(m.group("mi") or m.group("mi2") or 0)
        ampm = (m.group("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        part = m.group("ipart") or m.group("dpart") or ("night" if (m.group("day") or "").lower() == "tonight" else "")
        if not ampm and part.lower() in ("afternoon", "evening", "night") and 1 <= hour < 12:
            hour += 12  # "6 o'clock this afternoon"
    if hour > 24 or minute > 59:
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    day_word = (m.group("day") or "").lower()
    if m.group("mon") or m.group("mon2"):
        found = month_day_date(m.group("mon") or m.group("mon2"), int(m.group("day3") or m.group("day2")),
                                m.group("year"), s)
        return Reading("TIME", found[0].isoformat() + clock, found[1]) if found else Reading("TIME", None, None)
    if m.group("wd"):
        wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
        return relative(s, "TIME", lambda p: resolve_weekday(p, wd, None, s.tense).isoformat() + clock)
    if not day_word and s.reference is not None:  # "at 8 p.m." after "on Dec. 27": that day's evening
        return Reading("TIME", s.reference.isoformat() + clock, "text")
    offset = DAY_OFFSET.get(day_word, 0)
    return relative(s, "TIME", lambda p: (p + timedelta(days=offset)).isoformat() + clock)


# --- sets: every Monday, daily, twice a week ----------------------------------------------

_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
                "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
                "semiannually": "P6M", "biannually": "P6M"}
_SET = compile_pattern(
    rf"(?P<t>(?:every|each)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT_WORD}|(?P<wd>{WEEKDAY_NAME})|"
    r"(?P<part>morning|afternoon|evening|night))|(?P<adv>" + "|".join(_SET_ADVERBS) + r")|"
    r"(?:once|twice|three\s+times|four\s+times|\d+\s+times|several\s+times|many\s+times)\s+(?:a|an|per|each|every)\s+"
    r"(?P<funit>day|week|month|year|hour|minute|quarter|decade)|"
    rf"(?:every|each)\s+(?P<mon>{MONTH_FULL_NAME})|"
    rf"each\s+of\s+the\s+(?:past|last|next|previous|coming|first)\s+(?:{NUMBER})\s+(?P<eunit>{UNIT_WORD}))" + WORD_END)


def _set(m: re.Match[str], _s: Situation) -> Reading | None:
    if m.group("adv"):
        return Reading("SET", _SET_ADVERBS[m.group("adv").lower()], None)
    if m.group("wd"):
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower().rstrip('.')]}", None)
    if m.group("part"):
        return Reading("SET", f"XXXX-XX-XXT{DAY_PARTS[m.group('part').lower()]}", None)
    if m.group("mon"):  # "every July"
        return Reading("SET", f"XXXX-{month_number(m.group('mon')):02d}", None)
    if m.group("eunit"):  # "each of the past three years": once a year, three times
        return Reading("SET", duration_value(1, unit_code(m.group("eunit"))), None)
    unit_word = m.group("unit") or m.group("funit")
    amount = parse_number(m.group("num")) if m.group("num") else 1
    if amount is not None and "other" in m.group("t").lower():
        amount *= 2
    return Reading("SET", duration_value(amount, unit_code(unit_word)), None)


_PERIOD_ENDED = compile_pattern(r"(?P<t>the\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>year|quarter|half))(?=\s+(?:ended|ending|that\s+ended)\b)")


def _period_ended(m: re.Match[str], _s: Situation) -> Reading:
    """"the year ended Sept. 30" names a span of a year, not a calendar year."""
    return Reading("DURATION", {"year": "P1Y", "quarter": "P3M", "half": "P6M"}[m.group("unit").lower()], None)


_IN_THE_UNIT = compile_pattern(r"(?P<t>(?:earlier|later|early|late)\s+in\s+the\s+(?P<unit>day|week|month|year))" + WORD_END)


def _in_the_unit(m: re.Match[str], s: Situation) -> Reading:
    unit = UNIT_CODES[m.group("unit").lower()]
    return relative(s, "DATE", lambda p: format_at(p, GRANULARITY_OF_UNIT[unit]))




# spaCy labels under which a match is a name ("Daily News", "High Noon", "This Week")
_NAME_VETO = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"})

SPAN_RULES: tuple[Rule, ...] = (
    Rule("relative_unit", _REL_UNIT, _rel_unit, _NAME_VETO),
    Rule("relative_duration", _REL_DURATION, _rel_duration),
    Rule("duration", _DURATION, _duration, frozenset({"MONEY", "PERCENT", "QUANTITY"}) | _NAME_VETO),
    Rule("bare_plural", _BARE_PLURAL, _bare_plural),
    Rule("bare_hyphen", _BARE_HYPHEN, _bare_plural),
    Rule("clock", _CLOCK, _clock, frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}) | _NAME_VETO),
    Rule("set", _SET, _set, _NAME_VETO),
    Rule("period_ended", _PERIOD_ENDED, _period_ended),
    Rule("in_the_unit", _IN_THE_UNIT, _in_the_unit),
)
