"""The quotes stage: quotations, cues and speakers (speakers resolved by the actors stage)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.base import ArticleState
from dateline.extract.quotes.extract import extract_quotes


@dataclass(frozen=True, slots=True)
class QuotesComponent:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("actors",)
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, state: ArticleState) -> ArticleState:
        if state.actors is None:  # check_components guarantees it; keeps the type narrow
            raise ValueError("quotes stage run before the actors stage")
        return dataclasses.replace(state, quotes=extract_quotes(state.ctx, state.actors))
