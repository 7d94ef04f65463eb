"""Quotes: quotations, their cues and their speakers."""

from dateline.extract.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
