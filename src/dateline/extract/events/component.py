"""The events stage: event mentions coded with actors, size, factuality, date and place."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.actors import ActorKB
from dateline.extract.base import ArticleState
from dateline.extract.events.coder import extract_events
from dateline.extract.events.model import EventTypeModel


@dataclass(frozen=True, slots=True)
class EventsComponent:
    kb: ActorKB
    model: EventTypeModel | None = None  # the ACLED event-type model, owned by the Pipeline
    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("actors", "entities", "times", "places", "quotes")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, state: ArticleState) -> ArticleState:
        events = extract_events(state.ctx, state.entities, state.times, state.places, state.quotes, self.kb,
                                state.actors, self.model)
        return dataclasses.replace(state, events=events)
