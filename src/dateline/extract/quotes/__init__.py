"""Quotes: quotations, their cues and their speakers."""

from dateline.extract.quotes.component import QuotesComponent
from dateline.extract.quotes.extract import extract_quotes

__all__ = ["QuotesComponent", "extract_quotes"]
