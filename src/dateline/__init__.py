"""dateline: structured, sourced event data from news reports of crises and political violence."""

from dateline.records import SCHEMA_VERSION

__version__ = "0.1.0"

__all__ = ["SCHEMA_VERSION", "__version__"]
