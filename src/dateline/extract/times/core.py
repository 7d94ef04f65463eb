"""Shared pieces of the temporal grammar: what a rule is, what it reads, and helpers.

A :class:`Rule` pairs one compiled regular expression with a handler that turns
its match into a :class:`Reading` (TimeML ``type`` and ``value``) given a
:class:`Situation` (publication date, tense of the governing verb, the last date
and fiscal quarter the text itself mentioned).  Spans follow TimeML/TempEval-3
extent conventions: no leading preposition; determiners, ``last``/``next``,
``ago``, approximators (``about``, ``more than``) and edges (``early``, ``the end
of``) are inside.  A pattern's named group ``t`` (when present) is the span; text
outside it only constrains the match.  Relative values resolve against
``Situation.published`` only; with no publication date they stay ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dateline.extract.times.calendar import (
    Tense,
    resolve_month_day,
)
from dateline.extract.times.lexicon import (
    MONTHS,
    UNIT_CODES,
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Situation:
    """What a relative expression is resolved against."""

    published: date | None
    tense: Tense | None = None
    reference: date | None = None  # last date the text mentioned (for "a day later")
    quarter: str | None = None  # last fiscal quarter the text mentioned ("1989-Q3")


@dataclass(frozen=True, slots=True)
class Reading:
    """A normalized time expression: TimeML type and value, and what it was anchored on."""

    type: TimexType
    value: str | None
    anchor: str | None = None  # "published", "text" (an earlier mention) or None


Handler = Callable[[re.Match[str], Situation], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar.  ``veto_labels``: spaCy entity labels that,
    covering the match, mean it is not a time (a bare "1990" inside MONEY)."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    veto_labels: frozenset[str] = frozenset()


WORD_END = r"(?!\w)(?!'[a-rt-z])"  # a word ends here; a possessive "'s" may follow
FLAGS = re.IGNORECASE


def compile_pattern(pattern: str, word_start: bool = True) -> re.Pattern[str]:
    """Compile case-insensitively; a leading ``\\b`` lets the engine skip mid-word
    positions at once (the grammar is run over whole articles)."""
    if word_start and not pattern.startswith(("(?<", "\\b")):
        pattern = r"\b" + pattern
    return re.compile(pattern, FLAGS)


def unit_code(word: str) -> str:
    """TimeML unit code of a unit word ("years" -> "Y", "hours" -> "TH")."""
    w = word.lower()
    if w.endswith("centuries"):
        return "QC" if w.startswith("quarter") else "C"
    return UNIT_CODES[w[:-1] if w.endswith("s") and w[:-1] in UNIT_CODES else w]


def relative(s: Situation, kind: TimexType, build: Callable[[date], str | None]) -> Reading:
    """Resolve against the publication date, or leave the value open without one."""
    if s.published is None:
        return Reading(kind, None, None)
    return Reading(kind, build(s.published), "published")


def duration_value(amount: int | float | None, unit: str) -> str:
    """TimeML duration (P3D, PT5H30M, P20Y for two decades, PXM for vague amounts)."""
    if unit == "WE":
        unit = "D" if amount is None else "WE"
        if amount is not None:
            return f"P{amount * 2:g}D"
    if unit == "2W":
        unit, amount = "W", None if amount is None else amount * 2
    if amount is None:
        if unit == "QC":
            return "PXY"
        return f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}"
    if unit == "QC":
        unit, amount = "Y", amount * 25
    elif unit == "E":
        unit, amount = "Y", amount * 10
    elif unit == "C":
        unit, amount = "Y", amount * 100
    whole = int(amount)
    finer = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60), "W": ("D", 7)}
    if amount != whole and unit in finer:
        rest_unit, factor = finer[unit]
        rest = (amount - whole) * factor
        if float(rest).is_integer():  # 2 1/2 years -> P2Y6M, a minute and a half -> PT1M30S
            head = f"{whole}{unit[-1]}" if whole else ""
            tail = f"{int(rest)}{rest_unit[-1]}"
            if unit.startswith("T"):
                return f"PT{head}{tail}"
            return f"P{head}T{tail}" if rest_unit.startswith("T") else f"P{head}{tail}"
    number = f"{amount:g}"
    return f"PT{number}{unit[1]}" if unit.startswith("T") else f"P{number}{unit}"


# --- calendar dates ------------------------------------------------------------------------

def month_number(word: str) -> int:
    """Month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def month_day_date(month: str, day: int, year: str | None, s: Situation) -> tuple[date, str | None] | None:
    """A month-day, with its year written or inferred from the publication date and tense."""
    mon = month_number(month)
    if year:
        try:
            return date(int(year), mon, day), None
        except ValueError:
            return None
    if s.published is None or not 1 <= day <= 31:
        return None
    found = resolve_month_day(s.published, mon, day, s.tense)
    return (found, "published") if found else None


DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
