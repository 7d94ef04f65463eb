"""Extraction: one subpackage per capability, each one :class:`~dateline.extract.base.Component`.

The order of the stages is defined here, once; :class:`~dateline.pipeline.Pipeline`
runs them and :func:`~dateline.extract.base.check_components` checks that every
stage's ``requires`` is assigned by an earlier one.
"""

from __future__ import annotations

from dateline.extract.actors import ActorKB, ActorsComponent
from dateline.extract.base import ArticleState, Component, DocContext, check_components
from dateline.extract.events import EventsComponent, EventTypeModel, IncidentsComponent
from dateline.extract.places import Geoparser, PlacesComponent
from dateline.extract.quotes import QuotesComponent
from dateline.extract.times import TimesComponent


def default_components(kb: ActorKB, geoparser: Geoparser,
                       events_model: EventTypeModel | None = None) -> tuple[Component, ...]:
    """The extract stages in the order they run: actors, times, places, quotes, events, incidents.

    ``events_model`` types each event for ACLED (None: the PLOVER-to-ACLED mapping alone)."""
    return (ActorsComponent(kb), TimesComponent(), PlacesComponent(geoparser), QuotesComponent(),
            EventsComponent(kb, events_model), IncidentsComponent())


__all__ = ["ArticleState", "Component", "DocContext", "check_components", "default_components"]
