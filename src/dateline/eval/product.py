"""The product path that every scorer measures.

A scorer hands its gold documents to :func:`extract_records` and scores the
dicts that come back: they are exactly the records ``dateline extract`` writes
(``ArticleRecord.to_dict()``), made by a :class:`~dateline.pipeline.Pipeline`
with a user's default :class:`~dateline.pipeline.Settings`.  No scorer calls an
extractor directly or sets an option a user does not get.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline.pipeline import Pipeline, Settings


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold document as the product receives it: an article with optional metadata."""

    id: str
    text: str
    published: str | None = None  # ISO date: the document creation time, where the data set has one
    title: str | None = None


def extract_records(docs: Iterable[GoldDocument], pipeline: Pipeline | None = None) -> Iterator[dict[str, Any]]:
    """Run the product on ``docs``; yield one record dict per document, in order."""
    pipe = pipeline or Pipeline(Settings())
    items = ({"id": d.id, "text": d.text, "published": d.published, "title": d.title} for d in docs)
    yield from (rec.to_dict() for rec in pipe.pipe(items))


def main_event(record: dict[str, Any]) -> dict[str, Any] | None:
    """The article's main event: the first of ``events`` (the contract puts the most confident first)."""
    events = record.get("events") or []
    return events[0] if events else None
