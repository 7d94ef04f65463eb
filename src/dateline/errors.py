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
    TOO_LARGE = "too_large"  # over a byte limit (one article, one JSONL line, one input)
    TOO_LONG = "too_long"  # decoded text over the parser's limit (spaCy max_length)
    BAD_METADATA = "bad_metadata"  # id/title/source/... unusable (too long, wrong type)
    LANGUAGE_UNCERTAIN = "language_uncertain"  # short text whose language cannot be told
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


class StoreError(Exception):
    """The environment or the store failed (locked, corrupt, read-only, disk full): exit code 3.

    The message is one line that says what happened and what to do.
    """


def describe_failure(exc: BaseException, what: str = "the store") -> str:
    """One line for an environment failure (DuckDB or OS error): what happened, what to do."""
    import errno

    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    low = text.lower()
    if isinstance(exc, StoreError):
        return text
    if "could not set lock" in low or "conflicting lock" in low:
        return f"{what} is locked by another process; wait for it to finish or use another --db"
    if "not a valid duckdb database" in low or "corrupt" in low or "checksum" in low:
        return f"{what} is not a valid DuckDB database (corrupt or not a store); restore it or use a new --db"
    if getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in low:
        return f"no space left on the device writing {what}; free some space and rerun (the run resumes)"
    if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS) or "permission denied" in low \
            or "read-only" in low or "read only" in low:
        return f"{what} cannot be written (permission denied or read-only); fix its permissions or use another path"
    return f"{what} failed: {text}"
