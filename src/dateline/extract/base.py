"""The contract every extract stage shares.

Each capability (actors, times, places, quotes, events) is one :class:`Component`:
it declares what it ``requires`` and what it ``assigns`` (spaCy's ``requires=`` /
``assigns=`` is the model) and maps an :class:`ArticleState` to a new one with the
fields it assigns filled in.  The state is passed explicitly from stage to stage;
there is no side channel (nothing is cached on the spaCy ``Doc``).  The order of
the stages is defined once (:func:`dateline.extract.default_components`) and
checked by :func:`check_components` when a pipeline is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol

from spacy.tokens import Doc

from dateline.records import CleanArticle, Entity, Event, Place, Quote, TimeExpr

if TYPE_CHECKING:
    from dateline.extract.actors import ArticleActors


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


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article between stages: the parsed context plus what the stages so far assigned."""

    ctx: DocContext
    actors: ArticleActors | None = None
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


STATE_FIELDS: frozenset[str] = frozenset(f.name for f in fields(ArticleState))


class Component(Protocol):
    """One extract stage: reads ``requires`` from the state, returns it with ``assigns`` set."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, state: ArticleState) -> ArticleState: ...


class ComponentOrderError(ValueError):
    """A stage requires a field that no earlier stage assigns (a programming error)."""


def check_components(components: Sequence[Component]) -> None:
    """Every field a stage requires is assigned by an earlier stage (``ctx`` is always there)."""
    available = {"ctx"}
    for comp in components:
        unknown = (set(comp.requires) | set(comp.assigns)) - STATE_FIELDS
        if unknown:
            raise ComponentOrderError(f"{comp.name}: unknown state field(s) {sorted(unknown)}")
        missing = set(comp.requires) - available
        if missing:
            raise ComponentOrderError(
                f"{comp.name} requires {sorted(missing)}, which no earlier stage assigns; "
                f"order: {[c.name for c in components]}")
        available |= set(comp.assigns)
