"""Actors and entities (first version: spaCy entities; deepened by the actors issue)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.extract.base import DocContext
from dateline.records import Entity


@dataclass(frozen=True, slots=True)
class ActorInfo:
    canonical: str
    kind: str | None
    country: str | None  # ISO alpha-3


class ActorKB:
    @classmethod
    def load_default(cls, extra: list[Path] | None = None) -> ActorKB:
        return cls()

    def entity_patterns(self) -> Iterable[dict[str, Any]]:
        return []

    def resolve(self, text: str) -> ActorInfo | None:
        return None

    def extract_entities(self, ctx: DocContext) -> tuple[Entity, ...]:
        return tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in ctx.doc.ents)
