"""Grammar rules for calendar expressions: days, weekdays, dates, months, years,
decades, quarters, seasons, holidays, and the present/past/future references.

Each rule is a precompiled pattern and a handler (see ``timex_core``); the
tuple :data:`CALENDAR_RULES` lists them in priority order for ties.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateline.extract.times.calendar import (
    choose_occurrence,
    format_at,
    resolve_month,
    resolve_weekday,
    shift,
)
from dateline.extract.times.core import (
    DAY_OFFSET,
    WORD_END,
    Reading,
    Rule,
    Situation,
    TimexType,
    compile_pattern,
    month_day_date,
    month_number,
    relative,
)
from dateline.extract.times.lexicon import (
    DAY_PARTS,
    EDGE,
    MONTH_FULL_NAME,
    MONTH_NAME,
    ORDINALS,
    SEASON,
    SEASONS,
    UNIT_WORD,
    WEEKDAY_NAME,
    WEEKDAYS,
    parse_number,
)

# --- reference words: now, recently, the future --------------------------------------

_REF_VALUES: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "these days": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
}
_REF_WORDS = "|".join(k.replace(" ", r"\s+") for k in sorted(_REF_VALUES, key=len, reverse=True))
# not the conjunction "as soon as", not a compound ("soon-to-be")
_REF = compile_pattern(r"(?<!as\s)\b(?P<t>" + _REF_WORDS + r")" + WORD_END + r"(?!-)")


def _ref(m: re.Match[str], _s: Situation) -> Reading:
    return Reading("DATE", _REF_VALUES[re.sub(r"\s+", " ", m.group("t").lower())], None)


# --- today, yesterday, tonight, this morning, last night -----------------------------

_DAYWORD = compile_pattern(
    rf"\b(?P<t>(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:(?P<part0>{'|'.join(DAY_PARTS)})\s+)?"
    r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    r"(?:(?:'s)?\s+(?P<part>morning|afternoon|evening|night))?)" + WORD_END)


def _dayword(m: re.Match[str], s: Situation) -> Reading:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word, DAY_OFFSET.get(word, 0))
    part = m.group("part") or m.group("part0") or ("night" if word == "tonight" else None)
    kind: TimexType = "TIME" if part else "DATE"

    def build(p: date) -> str:
        day = (p + timedelta(days=offset)).isoformat()
        return f"{day}T{DAY_PARTS[part.lower()]}" if part else day

    return relative(s, kind, build)


_PART_OF_DAY = compile_pattern(
    r"\b(?P<t>(?:(?P<edge>early|late|mid|earlier|later)[\s-]+)?(?:(?P<dir>this|last|that|the)\s+)?"
    r"(?:(?:early|late|mid)[\s-]+)?(?P<part>morning|afternoon|evening|night|overnight))" + WORD_END)


def _part_of_day(m: re.Match[str], s: Situation) -> Reading | None:
    direction = (m.group("dir") or "").lower()
    part = m.group("part").lower()
    if not direction and not m.group("edge") and part != "overnight":
        return None  # a bare "morning" is a noun, not a time
    if direction == "that" or (direction == "the" and (part == "night" or re.match(r"\s+of\b", m.string[m.end():]))):
        return None  # anaphoric ("that night", "the evening of May 26"): needs the story's own day
    offset = -1 if (direction == "last" and part in ("night", "evening")) or part == "overnight" else 0
    return relative(s, "TIME", lambda p: f"{(p + timedelta(days=offset)).isoformat()}T{DAY_PARTS[part]}")


# --- weekdays ---------------------------------------------------------------------------

_WEEKDAY = compile_pattern(
    r"(?P<t>(?:(?P<edge>early|late)\s+)?(?:(?P<dir>last|this|next|past|coming)\s+)?"
    rf"(?P<wd>{WEEKDAY_NAME})(?P<plural>s)?"
    rf"(?:,?\s+(?P<mon>{MONTH_NAME})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night)(?P<parts>s)?)?)(?![\w])")


def _weekday(m: re.Match[str], s: Situation) -> Reading | None:
    """A weekday, resolved by tense; "Friday night" is dated to its day (a DATE), which
    is what event dating needs; "Mondays", "Tuesday nights" are sets."""
    wd = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    part = m.group("part")
    if m.group("plural") or m.group("parts"):
        return Reading("SET", f"XXXX-WXX-{wd}" + (f"T{DAY_PARTS[part.lower()]}" if part else ""), None)
    if m.group("mon"):
        explicit = month_day_date(m.group("mon"), int(m.group("day")), m.group("year"), s)
        if explicit is None:
            return Reading("DATE", None, None)
        return Reading("DATE", explicit[0].isoformat(), explicit[1])
    direction = (m.group("dir") or "").lower() or None
    return relative(s, "DATE", lambda p: resolve_weekday(p, wd, direction, s.tense).isoformat())



_MONTH_DAY = compile_pattern(
    rf"(?P<t>(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH_NAME})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>1\d{3}|20\d{2}))?)(?![\w])")
_DAY_MONTH = compile_pattern(
    rf"\b(?P<t>(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH_NAME})"
    r"(?:,?\s+(?P<year>1\d{3}|20\d{2}))?)(?![\w])")


def _month_day(m: re.Match[str], s: Situation) -> Reading | None:
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    found = month_day_date(m.group("mon"), day, m.group("year"), s)
    if found is None:
        return Reading("DATE", None, None)
    return Reading("DATE", found[0].isoformat(), found[1])


_MONTH_YEAR = compile_pattern(
    rf"(?P<t>(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH_NAME})(?:\s+of)?,?\s+(?P<year>1\d{{3}}|20\d{{2}}))"
    r"(?![\w])")


def _month_year(m: re.Match[str], _s: Situation) -> Reading:
    return Reading("DATE", f"{int(m.group('year')):04d}-{month_number(m.group('mon')):02d}", None)


_MONTH_ALONE = compile_pattern(
    r"(?:\b(?P<prep>in|since|until|till|through|during|from|before|after|by|of|to|"
    r"early|late|mid|and|or)[\s-]+)?"
    rf"(?P<t>(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<dir>last|this|next|past|coming)\s+)?(?P<mon>{MONTH_FULL_NAME}))"
    r"(?![\w])")


def _month_alone(m: re.Match[str], s: Situation) -> Reading | None:
    mon = month_number(m.group("mon"))
    if m.group("mon") in ("May", "March") and not (m.group("prep") or m.group("edge") or m.group("dir")):
        return None  # the modal verb / the verb "march"
    direction = (m.group("dir") or "").lower()

    def build(p: date) -> str:
        if direction == "last":  # "last October" read in December is this year's
            year = p.year if mon < p.month - 1 else p.year - 1
        elif direction in ("next", "coming"):
            year = p.year if mon > p.month else p.year + 1
        elif direction == "this":
            year = p.year
        else:
            year = resolve_month(p, mon, s.tense)
        return f"{year:04d}-{mon:02d}"

    return relative(s, "DATE", build)


_NUMERIC_DATE = compile_pattern(
    r"(?<![\d/.-])(?P<t>(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})|"
    r"(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>(?:19|20)?\d{2}))(?![\d/])")


def _numeric_date(m: re.Match[str], _s: Situation) -> Reading | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        if y < 100:
            y += 2000 if y < 50 else 1900
    try:
        return Reading("DATE", date(y, mo, d).isoformat(), None)
    except ValueError:
        return None


_YEAR = compile_pattern(
    rf"(?<![\w$€£.,/:-])(?P<t>(?:(?P<edge>{EDGE}|fiscal|calendar|the\s+year|FY)[\s-]+)?"
    r"(?P<year>1[6-9]\d{2}|20\d{2}))"
    r"(?![\w%]|[.,:/-]\d|\s*(?:percent|per\s+cent)|\s+(?:p\.m|a\.m))")


def _year(m: re.Match[str], _s: Situation) -> Reading:
    return Reading("DATE", m.group("year"), None)


_DECADE = compile_pattern(
    r"(?P<t>(?:(?P<the>the)\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?"
    r"(?:(?P<dec>1[6-9]\d0|20\d0)'?s|'(?P<short>\d0)s|(?P<word>twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties)))" + WORD_END, word_start=False)
_DECADE_WORDS = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
                 "seventies": "7", "eighties": "8", "nineties": "9"}


def _decade(m: re.Match[str], s: Situation) -> Reading | None:
    if m.group("dec"):
        return Reading("DATE", m.group("dec")[:3], None)
    if m.group("word") and not m.group("the"):
        return None  # "in their forties" is an age
    digit = m.group("short")[0] if m.group("short") else _DECADE_WORDS[m.group("word").lower()]
    century = "19"
    if s.published is not None and int(digit) * 10 <= s.published.year % 100 and s.published.year >= 2000:
        century = "20"
    return Reading("DATE", century + digit, None)


_CENTURY = compile_pattern(
    r"(?P<t>(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|"
    r"(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)"
    r"[\s-]+century)" + WORD_END)


def _century(m: re.Match[str], _s: Situation) -> Reading | None:
    word = m.group("ord").lower()
    n = int(word[:-2]) if word[0].isdigit() else (
        20 + ORDINALS[word[7:]] if word.startswith("twenty-") else ORDINALS.get(word, 0))
    return Reading("DATE", f"{n - 1:02d}", None) if n > 0 else None


# --- quarters, halves, seasons --------------------------------------------------------

_QUARTER = compile_pattern(
    r"(?P<t>(?:(?:the|this\s+year's|last\s+year's|next\s+year's|(?P<y1>\d{4})'s)\s+)?"
    r"(?:(?:fiscal|calendar|latest|current|same|year-earlier|year-ago)\s+)*"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?P<unit>quarter|half)"
    r"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y2>(?:19|20)\d{2})(?!\d)|(?P<rel>last|this|next)\s+year))?)" + WORD_END)


def _quarter(m: re.Match[str], s: Situation) -> Reading | None:
    word = m.group("ord").lower()
    n = ORDINALS[word]
    half = m.group("unit").lower() == "half"
    if n < 0:
        n = 2 if half else 4
    if n > (2 if half else 4):
        return None
    tag = f"H{n}" if half else f"Q{n}"
    year_text = m.group("y1") or m.group("y2")
    if year_text:
        return Reading("DATE", f"{year_text}-{tag}", None)
    text = m.group("t").lower()
    shift_years = -1 if ("last year" in text or "year-earlier" in text or "year-ago" in text) else (
        1 if "next year" in text else 0)

    def build(p: date) -> str:
        year = p.year + shift_years
        current = (p.month - 1) // (6 if half else 3) + 1
        if shift_years == 0 and s.tense == "past" and n > current:
            year -= 1
        return f"{year:04d}-{tag}"

    return relative(s, "DATE", build)


_LATEST_QUARTER = compile_pattern(r"(?P<t>the\s+(?:(?:latest|most\s+recent|current|fiscal|just-ended)\s+)?quarter|"
                     r"the\s+(?:latest|most\s+recent)\s+period)" + WORD_END)


def _latest_quarter(m: re.Match[str], s: Situation) -> Reading:
    text = m.group("t").lower()
    back = 0 if "current" in text else -3  # "the quarter" in a report is the one just ended
    return relative(s, "DATE", lambda p: format_at(shift(p, back, "M"), "quarter"))


_SEASON_RE = compile_pattern(
    r"(?P<t>(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<dir>last|this\s+past|this|next|the\s+coming|the\s+past|the)\s+)?"
    rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>1\d{{3}}|20\d{{2}}))?)"
    r"(?![\w])(?!\s+of\s+(?!\d{4}))")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _season(m: re.Match[str], s: Situation) -> Reading | None:
    code = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return Reading("DATE", f"{m.group('year')}-{code}", None)
    direction = re.sub(r"\s+", " ", (m.group("dir") or "").lower())
    if not direction and not m.group("edge"):
        return None  # bare "fall", "spring": usually verbs or other senses
    first, last = _SEASON_MONTHS[code]

    def build(p: date) -> str:
        if direction in ("last", "the past", "this past"):
            year = p.year if p.month > last else p.year - 1
        elif direction in ("next", "the coming"):
            year = p.year if p.month < first else p.year + 1
        else:
            year = p.year
        return f"{year:04d}-{code}"

    return relative(s, "DATE", build)


# --- holidays ------------------------------------------------------------------------------

def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    if n > 0:
        return day + timedelta(weeks=n - 1)
    while (day + timedelta(weeks=1)).month == month:
        day += timedelta(weeks=1)
    return day


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "valentine's day": lambda y: date(y, 2, 14),
    "halloween": lambda y: date(y, 10, 31), "easter": _easter, "easter sunday": _easter,
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1), "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
}
_HOLIDAY = re.compile(
    r"(?P<t>(?:(?P<dir>last|this|next)\s+)?(?P<h>Christmas\s+Eve|Christmas\s+Day|Christmas|New\s+Year's\s+Day|"
    r"New\s+Year's\s+Eve|Valentine's\s+Day|Halloween|Easter\s+Sunday|Easter|Thanksgiving\s+Day|Thanksgiving|"
    r"Labor\s+Day|Memorial\s+Day)(?:,?\s+(?P<year>1\d{3}|20\d{2}))?)(?![\w])")


def _holiday(m: re.Match[str], s: Situation) -> Reading | None:
    compute = _HOLIDAYS[re.sub(r"\s+", " ", m.group("h").lower())]
    if m.group("year"):
        return Reading("DATE", compute(int(m.group("year"))).isoformat(), None)
    direction = (m.group("dir") or "").lower()

    def build(p: date) -> str:
        options = [compute(y) for y in (p.year - 1, p.year, p.year + 1)]
        if direction == "last":
            chosen = [o for o in options if o < p][-1]
        elif direction == "next":
            chosen = [o for o in options if o > p][0]
        else:
            chosen = choose_occurrence(p, options, s.tense) or options[1]
        return chosen.isoformat()

    return relative(s, "DATE", build)


# --- "year-earlier", "the year-ago quarter", "year-end", spelled-out years ------------

_YEAR_AGO = compile_pattern(
    r"(?P<t>(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?P<w>year-earlier|year-ago|year-before|"
    r"prior-year|year\s+earlier|year\s+ago)(?:\s+(?P<noun>quarter|period|months?))?)" + WORD_END)


def _year_ago(m: re.Match[str], s: Situation) -> Reading | None:
    word = m.group("w").lower()
    if " " in word and not m.group("noun"):
        return None  # "a year earlier" is the duration rule's
    noun = (m.group("noun") or "").lower()
    if noun.startswith("month"):
        return None
    if noun in ("quarter", "period"):
        return relative(s, "DATE", lambda p: format_at(shift(shift(p, -3, "M"), -1, "Y"), "quarter"))
    return relative(s, "DATE", lambda p: format_at(shift(p, -1, "Y"), "year"))


_YEAR_END = compile_pattern(r"(?P<t>(?:the\s+)?(?:(?P<dir>this|last|next)\s+)?year(?:'s)?[\s-]end)" + WORD_END)


def _year_end(m: re.Match[str], s: Situation) -> Reading:
    step = {"last": -1, "next": 1}.get((m.group("dir") or "").lower(), 0)
    return relative(s, "DATE", lambda p: f"{p.year + step:04d}")


_SPELLED_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPELLED_YEAR = compile_pattern(
    rf"\b(?P<t>(?:(?P<mon>{MONTH_NAME})\s+)?(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen)\s+(?:hundred\s+)?"
    rf"(?P<yy>{_SPELLED_TENS}(?:[\s-]{_SPELLED_ONES})?|{_SPELLED_TEENS})|two\s+thousand(?:\s+and)?"
    rf"(?:\s+(?P<y2k>{_SPELLED_ONES}|{_SPELLED_TEENS}))?(?!\s+(?:and\s+)?{_SPELLED_ONES})))" + WORD_END
    + rf"(?![\s-]+(?:more\s+|additional\s+)?{UNIT_WORD}\b)")  # "two thousand years" is an amount


def _spelled_year(m: re.Match[str], _s: Situation) -> Reading | None:
    if m.group("c"):
        century = 1900 if m.group("c").lower() == "nineteen" else 1800
        rest = parse_number(m.group("yy").replace("-", " "))
        if rest is None:
            return None
        year = century + int(rest)
    else:
        rest = parse_number(m.group("y2k")) if m.group("y2k") else 0
        year = 2000 + int(rest or 0)
    if m.group("mon"):
        return Reading("DATE", f"{year:04d}-{month_number(m.group('mon')):02d}", None)
    return Reading("DATE", f"{year:04d}", None)


_MONTH_REL_YEAR = compile_pattern(
    rf"(?P<t>(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH_FULL_NAME}|{MONTH_NAME})(?:\s+of)?\s+(?P<dir>last|this|next)\s+year)"
    + WORD_END)


def _month_rel_year(m: re.Match[str], s: Situation) -> Reading:
    step = {"last": -1, "next": 1}.get(m.group("dir").lower(), 0)
    mon = month_number(m.group("mon"))
    return relative(s, "DATE", lambda p: f"{p.year + step:04d}-{mon:02d}")


_YEAR_PERIOD = compile_pattern(
    r"(?P<t>the\s+(?:(?:fiscal|calendar)\s+)?(?P<year>1[6-9]\d{2}|20\d{2})\s+(?:(?:fiscal|calendar)\s+)?"
    r"(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<noun>quarter|period))" + WORD_END)


def _year_period(m: re.Match[str], s: Situation) -> Reading | None:
    """"the 1988 third quarter"; "the 1988 quarter/period" = the quarter under discussion, in 1988."""
    if m.group("ord"):
        return Reading("DATE", f"{m.group('year')}-Q{ORDINALS[m.group('ord').lower()]}", None)
    if s.quarter is not None:
        return Reading("DATE", f"{m.group('year')}{s.quarter[4:]}", "text")
    if s.published is None:
        return Reading("DATE", m.group("year"), None)
    return Reading("DATE", m.group("year") + format_at(shift(s.published, -3, "M"), "quarter")[4:], "published")




_NUMERIC_VETO = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PRODUCT", "LAW", "FAC"})

CALENDAR_RULES: tuple[Rule, ...] = (
    Rule("reference", _REF, _ref),
    Rule("day_word", _DAYWORD, _dayword),
    Rule("part_of_day", _PART_OF_DAY, _part_of_day),
    Rule("weekday", _WEEKDAY, _weekday),
    Rule("month_day", _MONTH_DAY, _month_day),
    Rule("day_month", _DAY_MONTH, _month_day),
    Rule("month_year", _MONTH_YEAR, _month_year),
    Rule("month", _MONTH_ALONE, _month_alone),
    Rule("numeric_date", _NUMERIC_DATE, _numeric_date),
    Rule("year", _YEAR, _year, _NUMERIC_VETO),
    Rule("decade", _DECADE, _decade),
    Rule("century", _CENTURY, _century),
    Rule("quarter", _QUARTER, _quarter),
    Rule("latest_quarter", _LATEST_QUARTER, _latest_quarter),
    Rule("season", _SEASON_RE, _season),
    Rule("holiday", _HOLIDAY, _holiday),
    Rule("year_ago", _YEAR_AGO, _year_ago),
    Rule("year_end", _YEAR_END, _year_end),
    Rule("spelled_year", _SPELLED_YEAR, _spelled_year, frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})),
    Rule("month_relative_year", _MONTH_REL_YEAR, _month_rel_year),
    Rule("year_period", _YEAR_PERIOD, _year_period),
)
