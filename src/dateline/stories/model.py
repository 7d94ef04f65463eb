"""Typed, immutable records of the stories stage.

A *story* is a set of articles about one developing real-world situation; a
*canonical event* is one real-world event as told by one or more articles
(its *mentions*).  Conflicting details are never averaged: each distinct
value is a :class:`Claim` that keeps the articles (and sentences) saying it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """One sentence of one article that a line of a brief rests on."""

    article_id: str
    sentence: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote as the stories stage keeps it (speaker already resolved upstream)."""

    article_id: str
    text: str
    speaker: str | None
    speaker_role: str | None
    kind: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article's coded event, flattened for cross-article coreference."""

    article_id: str
    event_id: str
    event_type: str
    mode: str | None
    date: str | None
    date_precision: str | None
    location_name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    location_precision: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    dead: int | None
    injured: int | None
    arrested: int | None
    factuality: str
    attributed_to: str | None
    historical: bool
    trigger: str | None
    citation: Citation
    published: str | None = None
    #: False when the coder fell back to the publication date (no date expression in the text):
    #: such a date only says "on or before publication" and never makes a dispute.
    dated_by_text: bool = True

    @property
    def key(self) -> tuple[str, str]:
        """Identity of the mention: the same article's same event is one mention."""
        return (self.article_id, self.event_id)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the stories stage keeps of one article record (no full text: bounded memory)."""

    id: str
    published: str | None
    title: str | None
    source: str | None
    url: str | None
    dateline: str | None
    lede: str
    terms: tuple[str, ...]
    entities: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]
    events: tuple[EventMention, ...]
    quotes: tuple[QuoteView, ...]
    periods: tuple[str, ...] = ()  # "YYYY" and "YYYY-MM" of the dates the article names
    numbers: tuple[str, ...] = ()  # the figures it states ("6.1", "2008", "25"), repeats kept
    people: tuple[str, ...] = ()  # names of its PERSON entities (canonical, as written)


@dataclass(frozen=True, slots=True)
class Claim:
    """One value of a detail (e.g. dead=25) and every mention that states it."""

    value: int | str
    article_ids: tuple[str, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One real-world event merged from its mentions across articles."""

    id: str
    event_type: str
    mode: str | None
    date: str | None
    location_name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    dead: tuple[Claim, ...]
    injured: tuple[Claim, ...]
    arrested: tuple[Claim, ...]
    dates: tuple[Claim, ...]
    event_types: tuple[Claim, ...]
    factuality: tuple[Claim, ...]
    historical: bool
    mentions: tuple[EventMention, ...]
    date_precision: str | None = None  # of ``date``: day, week, month or year

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Articles that mention this event, sorted."""
        return tuple(sorted({m.article_id for m in self.mentions}))

    @property
    def disputed(self) -> tuple[str, ...]:
        """Names of the details on which sources give different values."""
        fields = {"dead": self.dead, "injured": self.injured, "arrested": self.arrested,
                  "date": self.dates, "event_type": self.event_types}
        return tuple(name for name, claims in fields.items() if len(claims) > 1)

    @property
    def confirmed(self) -> bool:
        """True when at least one source asserts the event as fact."""
        return any(c.value == "asserted" for c in self.factuality)


@dataclass(frozen=True, slots=True)
class Story:
    """A cluster of articles with its merged events, ordered for a timeline."""

    id: str
    articles: tuple[ArticleView, ...]
    events: tuple[CanonicalEvent, ...]
    closed: bool = False

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.articles)

    @property
    def first_published(self) -> str | None:
        dates = [a.published for a in self.articles if a.published]
        return min(dates) if dates else None

    @property
    def last_published(self) -> str | None:
        dates = [a.published for a in self.articles if a.published]
        return max(dates) if dates else None
