"""Events: PLOVER/CAMEO/ACLED events with actors, size, factuality, date and place."""

from dateline.extract.events.coder import extract_events

__all__ = ["extract_events"]
