"""The fixed dev / held-out split of an ACLED export (shared by every ACLED scorer and gate).

A row is held out when the first byte of ``sha1(event_id_cnty)`` is divisible by 5 (about a
fifth of the rows); everything else is development data.  The rule needs nothing but the row's
own id, so it splits any ACLED export the same way, and rows keep their side when the file grows.
"""

from __future__ import annotations

import hashlib

SPLITS = ("all", "dev", "heldout")


def is_heldout(event_id_cnty: str) -> bool:
    """True for held-out rows: ``sha1(event_id_cnty)``'s first byte % 5 == 0."""
    return hashlib.sha1(event_id_cnty.encode("utf-8")).digest()[0] % 5 == 0


def in_split(event_id_cnty: str, split: str) -> bool:
    """Whether a row belongs to ``split`` (``all``, ``dev`` or ``heldout``)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if split == "all":
        return True
    return is_heldout(event_id_cnty) == (split == "heldout")
