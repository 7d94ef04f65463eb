"""Word tables for time expressions: numbers, months, weekdays, units, day parts.

Plain English temporal vocabulary (nothing learned from any corpus), plus the
regular-expression fragments built from it, so that the grammar in
``timex_grammar`` reads as grammar rather than as word lists.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers, Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}

UNIT_CODES: dict[str, str] = {  # unit word -> TimeML duration unit ("T" prefix for clock units)
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "E", "century": "C", "quarter-century": "QC",
}

DAY_PARTS: dict[str, str] = {  # TimeML part-of-day codes
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "tonight": "NI", "dawn": "MO", "dusk": "EV", "daybreak": "MO", "midday": "MI",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4, "last": -1, "final": -1,
}

_UNITS_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
VAGUE_QUANTITIES: frozenset[str] = frozenset({
    "a few", "few", "several", "many", "some", "a couple of", "a couple", "couple of",
    "numerous", "dozens of", "hundreds of", "a number of", "countless", "the", "recent",
    "coming", "two or three", "a handful of",
})

# --- regular-expression fragments ------------------------------------------------------

def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SMALL = _alt([w for w in _UNITS_WORDS if w not in ("a", "an")])
_TENS = _alt(list(_TENS_WORDS))
NUM_WORDS = rf"(?:half\s+an?|(?:{_TENS})(?:[- ](?:{_SMALL}))?|{_SMALL}|a|an)(?:[- ]hundred)?(?:[- ]thousand)?"
NUM_DIGITS = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?"
VAGUE = _alt([v for v in VAGUE_QUANTITIES if v not in ("the", "recent", "coming")])
NUMBER = rf"(?:{NUM_DIGITS}|{NUM_WORDS}|{VAGUE})"

UNIT_WORD = (r"(?:quarter-centur(?:y|ies)|seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|"
             r"quarters?|years?|decades?|centur(?:y|ies))")
MONTH_NAME = (r"(?-i:January|February|March|April|May|June|July|August|September|October|"
              r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
              r"Oct\.?|Nov\.?|Dec\.?)")
MONTH_FULL_NAME = ("(?-i:January|February|March|April|May|June|July|August|September|October|"
                   "November|December)")
WEEKDAY_NAME = (r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                r"Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)")
DAY_PART = r"(?:morning|afternoon|evening|night|dawn|dusk|daybreak)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
# Approximators that TimeML keeps inside the expression (as its "mod"); focus particles
# ("only", "just") and bare prepositions ("over three years") stay outside.
APPROX = (r"(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|"
          r"fewer\s+than|at\s+least|at\s+most|up\s+to|barely|close\s+to|"
          r"well\s+over|a\s+little\s+over|upwards\s+of)")
EDGE = (r"(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
        r"the\s+middle\s+of|the\s+close\s+of|the\s+turn\s+of|the\s+rest\s+of)")


def parse_number(text: str) -> int | float | None:
    """Read a cardinal written in digits or English words; ``None`` for vague amounts.

    >>> parse_number("twenty-four"), parse_number("444"), parse_number("several")
    (24, 444, None)
    """
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in ("a couple of", "a couple", "couple of"):
        return 2
    if re.fullmatch(r"half an?", t):
        return 0.5
    if t in VAGUE_QUANTITIES:
        return None
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        value = float(t.replace(",", ""))
        return int(value) if value.is_integer() else value
    m = re.fullmatch(r"(\d+)\s+1/2", t)
    if m:
        return int(m.group(1)) + 0.5
    total = 0
    current = 0
    for word in re.split(r"[- ]", t):
        if word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            current += _TENS_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif word == "and":
            continue
        else:
            return None
    total += current
    return total or None


# Words at least one of which every time expression contains: the recognizer only
# runs its grammar on text windows around these (see ``times.find_candidates``).
TRIGGER_WORDS: tuple[str, ...] = (
    *MONTHS, *WEEKDAYS, *(w + "s" for w in WEEKDAYS if len(w) > 4), *UNIT_CODES,
    "seconds", "minutes", "hours", "days", "nights", "weeks", "weekends", "months", "quarters",
    "years", "decades", "centuries", *DAY_PARTS, *SEASONS, "today", "tomorrow", "yesterday",
    "now", "nowadays", "currently", "presently", "present", "recently", "lately", "past", "future",
    "soon", "these days", "noon", "midnight", "daily", "weekly", "monthly", "yearly", "annually",
    "quarterly", "hourly", "nightly", "biweekly", "semiannually", "biannually", "half",
    "christmas", "new year", "valentine", "halloween", "easter", "thanksgiving", "labor day",
    "memorial day", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
    "eighties", "nineties", "nineteen", "eighteen", "two thousand", "year-", "o'clock",
)
TRIGGER = re.compile(r"\d|\b(?:" + _alt(list(TRIGGER_WORDS)) + r")", re.IGNORECASE)
