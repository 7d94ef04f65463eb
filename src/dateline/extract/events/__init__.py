"""Events: PLOVER/CAMEO/ACLED events with actors, size, factuality, date and place, grouped into incidents."""

from dateline.extract.events.acled import ACLED_CODES
from dateline.extract.events.coder import extract_events
from dateline.extract.events.component import EventsComponent
from dateline.extract.events.incidents import incidents
from dateline.extract.events.incidents_component import IncidentsComponent
from dateline.extract.events.model import EventTypeModel

__all__ = ["ACLED_CODES", "EventTypeModel", "EventsComponent", "IncidentsComponent", "extract_events", "incidents"]
