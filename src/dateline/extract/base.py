"""What every extractor receives: the cleaned article and its parsed spaCy Doc."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from dateline.records import CleanArticle


@dataclass(frozen=True, slots=True)
class DocContext:
    """One article under extraction.

    ``doc`` was parsed from ``article.text`` itself, so spaCy character
    offsets (``token.idx``, ``span.start_char``) are contract offsets.
    ``published`` is the publication date that relative times resolve
    against; ``None`` means relative expressions stay unresolved.
    """

    article: CleanArticle
    doc: Doc
    published: date | None
