"""Time expressions (first version: spaCy DATE/TIME entities, unresolved; deepened by the times issue)."""
from __future__ import annotations

from dateline.extract.base import DocContext
from dateline.records import TimeExpr


def extract_times(ctx: DocContext) -> tuple[TimeExpr, ...]:
    return tuple(
        TimeExpr(e.text, e.start_char, e.end_char, "TIME" if e.label_ == "TIME" else "DATE", None, None)
        for e in ctx.doc.ents if e.label_ in ("DATE", "TIME")
    )
