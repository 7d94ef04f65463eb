"""Events: PLOVER/CAMEO/ACLED events with actors, size, factuality, date and place, grouped into incidents."""

from dateline.extract.events.coder import extract_events
from dateline.extract.events.component import EventsComponent
from dateline.extract.events.incidents import incidents
from dateline.extract.events.incidents_component import IncidentsComponent

__all__ = ["EventsComponent", "IncidentsComponent", "extract_events", "incidents"]
