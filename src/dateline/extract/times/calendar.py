"""Calendar arithmetic for TimeML values: shifting dates and writing them at a granularity.

Granularities: ``day`` (2019-12-31), ``week`` (2020-W01, ISO), ``month`` (2019-12),
``quarter`` (2019-Q4), ``half`` (2019-H2), ``year`` (2019), ``decade`` (201),
``century`` (20).  Everything is pure and anchored on a given date, never the clock.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

Tense = Literal["past", "present", "future"]

GRANULARITY_OF_UNIT: dict[str, str] = {
    "D": "day", "W": "week", "WE": "week", "2W": "week", "M": "month", "Q": "quarter",
    "Y": "year", "E": "decade", "C": "century", "QC": "year", "TH": "day", "TM": "day", "TS": "day",
}
_SEASON_VALUE = re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, clamping the day to the month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


_MONTHS_PER_UNIT: dict[str, int] = {"M": 1, "Q": 3, "Y": 12, "QC": 300, "E": 120, "C": 1200}
_DAYS_PER_UNIT: dict[str, int] = {"D": 1, "TH": 1, "TM": 1, "TS": 1, "W": 7, "WE": 7, "2W": 14}


def shift(d: date, amount: int, unit: str) -> date:
    """Move ``d`` by ``amount`` units (TimeML unit codes: D, W, M, Q, Y, E, C).

    Clock units (hours, minutes) move by whole days only when ``amount`` says so;
    a date stays a date.  Out-of-range results return ``d`` unchanged.
    """
    try:
        if unit in _DAYS_PER_UNIT:
            if unit.startswith("T"):
                return d
            return d + timedelta(days=amount * _DAYS_PER_UNIT[unit])
        if unit in _MONTHS_PER_UNIT:
            return add_months(d, amount * _MONTHS_PER_UNIT[unit])
    except (OverflowError, ValueError):
        return d
    raise ValueError(f"unknown time unit {unit!r}")


def format_at(d: date, granularity: str) -> str:
    """Write ``d`` as a TimeML value at ``granularity``."""
    if granularity == "day":
        return d.isoformat()
    if granularity == "week":
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "decade":
        return f"{d.year:04d}"[:3]
    if granularity == "century":
        return f"{d.year:04d}"[:2]
    raise ValueError(f"unknown granularity {granularity!r}")


def resolve_weekday(anchor: date, weekday: int, direction: str | None, tense: Tense | None) -> date:
    """The date of an ISO ``weekday`` (1 = Monday) as news uses it, seen from ``anchor``.

    ``last`` is the most recent such day strictly before the anchor; ``next`` the
    first strictly after.  A bare or ``this`` weekday is the most recent one on or
    before the anchor (news reports the past), unless the governing verb is in the
    future, then the first one strictly after.
    """
    delta_back = (anchor.isoweekday() - weekday) % 7
    if direction in ("last", "past"):
        return anchor - timedelta(days=delta_back or 7)
    if direction in ("next", "coming") or tense == "future":
        delta_fwd = (weekday - anchor.isoweekday()) % 7
        return anchor + timedelta(days=delta_fwd or 7)
    return anchor - timedelta(days=delta_back)


NEAREST_WINDOW_DAYS = 240  # how far tense may pull a date away from the nearest reading


def choose_occurrence(anchor: date, options: list[date], tense: Tense | None) -> date | None:
    """Pick which yearly occurrence a year-less date means.

    The nearest to the anchor wins, unless the verb's tense points the other way
    and an occurrence on that side lies within ``NEAREST_WINDOW_DAYS``
    ("was killed Oct. 23" read in May is last October; "extended to Nov. 16"
    read in October is this November even though the verb is past).
    """
    if not options:
        return None
    nearest = min(options, key=lambda o: abs((o - anchor).days))
    if tense == "past" and nearest > anchor:
        past = [o for o in options if o <= anchor and (anchor - o).days <= NEAREST_WINDOW_DAYS]
        if past:
            return past[-1]
    if tense == "future" and nearest < anchor:
        future = [o for o in options if o >= anchor and (o - anchor).days <= NEAREST_WINDOW_DAYS]
        if future:
            return future[0]
    return nearest


def resolve_month_day(anchor: date, month: int, day: int, tense: Tense | None) -> date | None:
    """Year for a month-day written without one (see :func:`choose_occurrence`)."""
    options: list[date] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return choose_occurrence(anchor, options, tense)


def resolve_month(anchor: date, month: int, tense: Tense | None) -> int:
    """Year for a bare month name: past → latest on/before, future → first on/after,
    otherwise the anchor's year."""
    if tense == "past" and month > anchor.month:
        return anchor.year - 1
    if tense == "future" and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def precision_of(value: str | None, kind: str) -> str | None:
    """The precision word of a DATE/TIME value: time, day, week, month, quarter,
    half, season, year, decade or century; ``None`` for durations, sets, references."""
    if value is None or kind in ("DURATION", "SET") or not value[:1].isdigit():
        return None
    if "T" in value:
        return "time"
    if "-W" in value:
        return "week"
    if "-Q" in value:
        return "quarter"
    if "-H" in value:
        return "half"
    if _SEASON_VALUE.match(value):
        return "season"
    parts = value.split("-")
    if len(parts) == 3:
        return "day" if parts[2].isdigit() else "month"
    if len(parts) == 2:
        return "month" if parts[1].isdigit() else "year"
    return {4: "year", 3: "decade", 2: "century"}.get(len(value))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@lru_cache(maxsize=4096)
def value_to_date(value: str | None) -> tuple[date, str] | None:
    """First day of a TimeML calendar value, and its granularity.

    Handles days (2019-12-31, also with a time part), ISO weeks (2020-W01,
    2019-W52-WE → that Saturday), months, quarters (2019-Q3), halves, seasons,
    years, decades (201) and centuries (20).  References (PRESENT_REF),
    durations and sets give ``None``.  Useful for dating events from times.
    """
    if not value or not value[:2].isdigit():
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$", value)
    try:
        if m:
            year, month, day = int(m.group(1)), m.group(2), m.group(3)
            if day:
                return date(year, int(month or 1), int(day)), "day"
            if month:
                return date(year, int(month), 1), "month"
            return date(year, 1, 1), "year"
        m = re.match(r"^(\d{4})-W(\d{1,2})(-WE)?$", value)
        if m:
            weekday = 6 if m.group(3) else 1
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), weekday), "week"
        m = re.match(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$", value)
        if m:
            year, part = int(m.group(1)), m.group(2)
            if part[0] == "Q":
                return date(year, 3 * int(part[1]) - 2, 1), "quarter"
            if part[0] == "H":
                return date(year, 6 * int(part[1]) - 5, 1), "half"
            return date(year, _SEASON_START[part], 1), "season"
        if re.fullmatch(r"\d{3}", value):
            return date(int(value) * 10 or 1, 1, 1), "decade"
        if re.fullmatch(r"\d{2}", value):
            return date(int(value) * 100 or 1, 1, 1), "century"
    except ValueError:
        return None
    return None
