"""Typed, immutable records passed between pipeline stages.

These mirror the output contract (docs/OUTPUT.md, schema ``dateline/1``).
Every span-carrying record has ``start``/``end``: end-exclusive Python string
indices into :attr:`CleanArticle.text`.  ``to_dict`` gives the JSON shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "dateline/1"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

FACTUALITY: tuple[str, ...] = (
    "asserted", "reported", "alleged", "denied", "threatened", "planned", "hypothetical", "negated",
)

Status = Literal["ok", "rejected"]


def _jsonable(value: Any) -> Any:
    """Tuples (from frozen records) to lists, recursively: the JSON shape."""
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input article before decoding/cleaning.

    ``data`` is the raw payload (bytes from a file, or str from a JSONL field);
    ``kind`` says how to read it.  ``origin`` is where it came from (path, path:line).
    """

    data: bytes | str
    kind: Literal["text", "html"]
    origin: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption kept once, marked as such (offsets into the cleaned text)."""

    start: int
    end: int
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """Decoded, cleaned article: the text that every offset refers to."""

    id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    published_time: str | None = None  # full ISO datetime if known
    language: str = "en"
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    captions: tuple[Caption, ...] = ()
    removed: tuple[str, ...] = ()  # debris lines dropped by cleaning (for provenance)
    warnings: tuple[str, ...] = ()
    author: str | None = None

    def article_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
            "dateline": self.dateline,
            "text": self.text,
            "captions": [asdict(c) for c in self.captions],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None
    kind: str | None = None  # sector-like kind: militia, government, person, ...
    country: str | None = None  # ISO 3166 alpha-3

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None  # TimeML value ("2019-12-27", "P444D", "XXXX-WXX-2"...), None if unresolved
    anchor: str | None = "published"  # what relative values were resolved against
    precision: str | None = None  # day | week | month | year | time | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    feature: str  # city | country | admin1 | region | site | ...
    geonames_id: int | None
    country: str | None  # ISO alpha-2
    admin1: str | None
    lat: float | None
    lon: float | None
    admin2: str | None = None  # second-level unit (district, county), where the gazetteer knows it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed", "chant"]
    cue: str | None
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_role: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorRef:
    text: str
    name: str | None
    country: str | None  # ISO alpha-3
    sector: str | None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventLocation:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str  # site | city | admin1 | region | country
    text: str | None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...]
    date: str | None
    date_precision: str | None
    date_text: str | None
    location: EventLocation | None
    dead: int | None
    injured: int | None
    arrested: int | None
    factuality: str
    attributed_to: str | None
    historical: bool
    evidence: tuple[Span, ...]
    confidence: float
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    size_text: dict[str, str] = field(default_factory=dict)  # vague amounts kept as phrases
    caption: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["context"] = list(self.context)
        return d


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors add to one article."""

    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One output record (the contract's unit)."""

    id: str
    status: Status
    error: str | None
    article: CleanArticle | None
    extraction: Extraction
    origin: str = ""
    stage: str | None = None  # for rejections: which stage rejected it
    reason: str | None = None  # machine-readable rejection code
    fallback_article: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.article is not None:
            art = self.article.article_dict()
        else:
            art = self.fallback_article or {
                "title": None, "author": None, "url": None, "source": None, "published": None,
                "language": None, "dateline": None, "text": "", "captions": [], "warnings": [],
            }
        x = self.extraction
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "article": art,
            "status": self.status,
            "error": self.error,
            "rejection": None if self.status == "ok" else {
                "stage": self.stage, "reason": self.reason, "origin": self.origin,
            },
            "entities": [e.to_dict() for e in x.entities],
            "times": [t.to_dict() for t in x.times],
            "places": [p.to_dict() for p in x.places],
            "quotes": [q.to_dict() for q in x.quotes],
            "events": [_jsonable(e.to_dict()) for e in x.events],
        }
