"""Events (first version: none; the events issue adds the coder)."""
from __future__ import annotations

from dateline.extract.actors import ActorKB
from dateline.extract.base import DocContext
from dateline.extract.places import Geoparser
from dateline.records import Entity, Event, Place, Quote, TimeExpr


def extract_events(
    ctx: DocContext,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpr, ...],
    places: tuple[Place, ...],
    quotes: tuple[Quote, ...],
    kb: ActorKB,
    geoparser: Geoparser,
) -> tuple[Event, ...]:
    return ()
