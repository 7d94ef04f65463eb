"""PLOVER modes that name one act in different words, for the event coder and story coreference.

One report calls it "the suicide attack", another "the blast"; one "a drone strike",
another "the airstrike".  Both stages ask the same question (may these two mentions
be one act?), so the answer lives here, with no dependency on either.
"""

from __future__ import annotations

#: Each mode's family: modes of one family may describe the same act.
MODE_FAMILY: dict[str, str] = {"drone": "aerial", "aerial": "aerial",
                               "suicide-attack": "explosives", "explosives": "explosives"}


def modes_fit(a: str | None, b: str | None) -> bool:
    """False only when both modes are stated and name different acts."""
    if not a or not b:
        return True
    return MODE_FAMILY.get(a, a) == MODE_FAMILY.get(b, b)
