"""The English temporal grammar: every rule, calendar expressions first.

Rules live in ``timex_rules_calendar`` (dates, weekdays, months, years, quarters,
seasons, holidays, references) and ``timex_rules_relative`` (relative units,
durations, offsets, clock times, sets); their shared types and helpers in
``timex_core``.  When two matches cover the same characters, the rule listed
first wins.
"""

from __future__ import annotations

from dateline.extract.times.core import Reading, Rule, Situation
from dateline.extract.times.rules_calendar import CALENDAR_RULES
from dateline.extract.times.rules_relative import SPAN_RULES

RULES: tuple[Rule, ...] = CALENDAR_RULES + SPAN_RULES

__all__ = ["RULES", "Reading", "Rule", "Situation"]
