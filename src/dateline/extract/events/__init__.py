"""Events: PLOVER/CAMEO/ACLED events with actors, size, factuality, date and place."""

from dateline.extract.events.coder import extract_events
from dateline.extract.events.component import EventsComponent

__all__ = ["EventsComponent", "extract_events"]
