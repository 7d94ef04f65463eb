"""Errors: caller mistakes raise; bad data becomes a typed rejection.

A :class:`Rejection` is raised inside a stage when one article cannot be
processed; the pipeline catches it and turns it into a ``status: rejected``
record (it never stops a batch).  ``reason`` is a stable machine-readable
code; ``message`` is for people.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why an input was rejected (stable codes, used in stores and reports)."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    NO_ARTICLE_BODY = "no_article_body"
    NOT_ENGLISH = "not_english"
    TOO_SHORT = "too_short"
    BAD_RECORD = "bad_record"
    UNREADABLE = "unreadable"
    INTERNAL = "internal_error"


class Rejection(Exception):
    """One article cannot be processed; carries the stage and a typed reason."""

    def __init__(self, reason: Reason, message: str, stage: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.stage = stage


class UsageError(Exception):
    """A caller's mistake (bad option, missing path); the message says how to fix it."""
