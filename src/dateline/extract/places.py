"""Toponyms (first version: none; the places issue adds the gazetteer)."""
from __future__ import annotations

from dateline.extract.base import DocContext
from dateline.records import Entity, Place


class Geoparser:
    @classmethod
    def load_default(cls) -> Geoparser:
        return cls()

    def extract(self, ctx: DocContext, entities: tuple[Entity, ...]) -> tuple[Place, ...]:
        return ()
