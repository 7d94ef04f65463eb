"""The incidents stage: the events stage's mentions grouped into incidents (``dateline/2``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.base import ArticleState
from dateline.extract.events.incidents import incidents


@dataclass(frozen=True, slots=True)
class IncidentsComponent:
    name: ClassVar[str] = "incidents"
    requires: ClassVar[tuple[str, ...]] = ("events", "places", "times")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, state: ArticleState) -> ArticleState:
        return dataclasses.replace(state, events=incidents(state.events, state.ctx.doc, state.places,
                                                                       state.times, state.ctx.published))
