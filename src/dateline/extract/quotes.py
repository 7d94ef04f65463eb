"""Quotes (first version: none; the quotes issue adds them)."""
from __future__ import annotations

from dateline.extract.actors import ActorKB
from dateline.extract.base import DocContext
from dateline.records import Entity, Quote


def extract_quotes(ctx: DocContext, entities: tuple[Entity, ...], kb: ActorKB) -> tuple[Quote, ...]:
    return ()
