"""The one deterministic split of an ACLED export into a training part and a held-out part.

A row is held out when the first byte of ``sha1(event_id_cnty)`` is divisible by 5 (about a
fifth of the rows). ``dateline train events`` and ``dateline eval acled`` use this rule, so a
model trained on the rest is never scored on its own training rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TypeVar

Row = TypeVar("Row", bound=dict[str, str])


def is_held_out(event_id_cnty: str) -> bool:
    """True for the held-out fifth: ``sha1(event_id_cnty)`` first byte % 5 == 0."""
    return hashlib.sha1(event_id_cnty.strip().encode("utf-8")).digest()[0] % 5 == 0


def split_rows(rows: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """(training rows, held-out rows), each in input order, by ``event_id_cnty``."""
    train: list[Row] = []
    held: list[Row] = []
    for row in rows:
        (held if is_held_out(row["event_id_cnty"]) else train).append(row)
    return train, held
