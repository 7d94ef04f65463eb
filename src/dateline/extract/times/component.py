"""The times stage: time expressions with values resolved against the publication date."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.base import ArticleState
from dateline.extract.times.extract import extract_times


@dataclass(frozen=True, slots=True)
class TimesComponent:
    name: ClassVar[str] = "times"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __call__(self, state: ArticleState) -> ArticleState:
        return dataclasses.replace(state, times=extract_times(state.ctx))
