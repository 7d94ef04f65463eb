"""The actors stage: entities of the article resolved to canonical actors."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.actors.kb import ActorKB
from dateline.extract.base import ArticleState


@dataclass(frozen=True, slots=True)
class ActorsComponent:
    kb: ActorKB
    name: ClassVar[str] = "actors"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("actors", "entities")

    def __call__(self, state: ArticleState) -> ArticleState:
        actors = self.kb.analyze(state.ctx)
        return dataclasses.replace(state, actors=actors, entities=actors.entities)
