"""Typed, immutable records passed between pipeline stages.

These mirror the output contract (docs/OUTPUT.md, schema ``dateline/2``: events are incidents).
Every span-carrying record has ``start``/``end``: end-exclusive Python string
indices into :attr:`CleanArticle.text`.  ``to_dict`` gives the JSON shape.
"""

from __future__ import annotations

import functools
import types
from dataclasses import MISSING, asdict, dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any, Literal, Self, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "dateline/2"

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


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _fail(path: str, expected: str, value: Any) -> ValueError:
    return ValueError(f"{path or 'record'}: expected {expected}, got {_short(value)}")


def _convert(tp: Any, value: Any, path: str) -> Any:
    """``value`` (from JSON) as the annotated type ``tp``; ValueError naming ``path`` if it is not one."""
    if tp is Any:
        return value
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = get_args(tp)
        if value is None:
            if type(None) in args:
                return None
            raise _fail(path, "a value", value)
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _convert(options[0], value, path)
        errors = []
        for option in options:
            try:
                return _convert(option, value, path)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError("; ".join(errors))
    if origin is Literal:
        if value in get_args(tp) and isinstance(value, str):
            return value
        raise _fail(path, "one of " + ", ".join(map(repr, get_args(tp))), value)
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, list | tuple):
            raise _fail(path, "a list", value)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise _fail(path, f"a list of {len(args)}", value)
        return tuple(_convert(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True)))
    if origin is dict:
        key_type, value_type = get_args(tp)
        if not isinstance(value, dict):
            raise _fail(path, "an object", value)
        return {_convert(key_type, k, f"{path}.<key>"): _convert(value_type, v, f"{path}.{k}")
                for k, v in value.items()}
    if isinstance(tp, type) and is_dataclass(tp):
        return _build(tp, value, path)
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise _fail(path, "true or false", value)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(path, "an integer", value)
    if tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _fail(path, "a number", value)
    if tp is str:
        if isinstance(value, str):
            return value
        raise _fail(path, "a string", value)
    if tp is date:
        return _iso_day(value, path)
    raise TypeError(f"{path}: no reader for type {tp!r}")  # a record type this module does not know


def _build(cls: Any, data: Any, path: str, skip: tuple[str, ...] = (), **given: Any) -> Any:
    """An instance of the record dataclass ``cls`` from its ``asdict`` shape, every field checked.

    Missing keys take the field's default (a field without one is an error); keys the type does
    not have are an error, so nothing is dropped silently.  ``given`` supplies fields the dict
    does not carry; ``skip`` names fields that are neither read nor allowed.
    """
    if not isinstance(data, dict):
        raise _fail(path, "an object", data)
    spec = _spec(cls)
    names = {name for name, _, _ in spec} - set(skip) - set(given)
    unknown = sorted(set(data) - names)
    if unknown:
        where = f"{path}." if path else ""
        raise ValueError(f"{where}{unknown[0]}: not a field of {cls.__name__}")
    values: dict[str, Any] = dict(given)
    for name, tp, required in spec:
        if name not in names:
            continue
        sub = f"{path}.{name}" if path else name
        if name in data:
            values[name] = _convert(tp, data[name], sub)
        elif required:
            raise ValueError(f"{sub}: missing")
    return cls(**values)


@functools.cache
def _spec(cls: Any) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, required) of each field of a record dataclass."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.default is MISSING and f.default_factory is MISSING)
                 for f in fields(cls))


def _iso_day(value: Any, path: str) -> date:
    """A ``YYYY-MM-DD`` string as a date (only that form, so it writes back the same)."""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if day.isoformat() == value:
                return day
    raise _fail(path, "an ISO date (YYYY-MM-DD)", value)


class FromDict:
    """``from_dict``: the inverse of ``to_dict`` (``dataclasses.asdict``) for a flat record type."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "") -> Self:
        """Rebuild the record from its ``to_dict`` shape; ValueError naming the field on bad input."""
        result: Self = _build(cls, data, path or cls.__name__)
        return result


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
class Caption(FromDict):
    """A photo caption kept once, marked as such (offsets into the cleaned text)."""

    start: int
    end: int
    credit: str | None = None


_UNWRITTEN_ARTICLE_FIELDS = ("published_time", "dateline_span", "removed")


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """Decoded, cleaned article: the text that every offset refers to."""

    id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None  # the publication date, parsed once (written as YYYY-MM-DD)
    published_time: str | None = None  # full ISO datetime if known
    language: str = "en"
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    captions: tuple[Caption, ...] = ()
    removed: tuple[str, ...] = ()  # debris lines dropped by cleaning (for provenance)
    warnings: tuple[str, ...] = ()
    author: str | None = None

    def __post_init__(self) -> None:
        if self.published is not None and (type(self.published) is not date):
            hint = " (parse it once: datetime.date.fromisoformat)" if isinstance(self.published, str) else ""
            raise TypeError(f"CleanArticle.published must be a datetime.date or None, "
                            f"got {type(self.published).__name__} {self.published!r}{hint}")

    def article_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published is not None else None,
            "language": self.language,
            "dateline": self.dateline,
            "text": self.text,
            "captions": [asdict(c) for c in self.captions],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, id: str, origin: str = "", path: str = "article"
                  ) -> CleanArticle:
        """The article from its ``article_dict`` shape (the record's ``article``).

        The contract does not carry ``id`` (the record's), ``origin``, ``published_time``,
        ``dateline_span`` or ``removed``: ``id`` and ``origin`` are given, the rest take
        their defaults.
        """
        result: CleanArticle = _build(cls, data, path, skip=_UNWRITTEN_ARTICLE_FIELDS, id=id, origin=origin)
        return result


@dataclass(frozen=True, slots=True)
class Entity(FromDict):
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
class TimeExpr(FromDict):
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
class Place(FromDict):
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
class Quote(FromDict):
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
class ActorRef(FromDict):
    text: str
    name: str | None
    country: str | None  # ISO alpha-3
    sector: str | None
    start: int | None = None
    end: int | None = None
    assoc: tuple[str, ...] = ()  # associated actors on the same side (ACLED's assoc_actor), v2

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventLocation(FromDict):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str  # site | city | admin1 | region | country
    text: str | None
    start: int | None = None
    end: int | None = None
    admin1: str | None = None  # v2: first-level division (province, state)
    admin2: str | None = None  # v2: second-level division (district), where known
    geo_precision: int | None = None  # v2, ACLED's: 1 the place itself, 2 near it / part of a region, 3 a larger region

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Span(FromDict):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim(FromDict):
    """One source's figure for an incident's toll (v2), kept where sources differ or qualify it."""

    field: Literal["dead", "injured", "arrested"]
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None  # "at least", "more than", "about", ...
    attributed_to: str | None
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class EventMention(FromDict):
    """One mention that reports an incident (v2): its trigger, its sentence and its own figures."""

    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    evidence: tuple[Span, ...]
    dead: int | None
    injured: int | None
    arrested: int | None
    factuality: str
    attributed_to: str | None
    # what this mention itself says (its own type, mode and parties), kept for provenance:
    # the incident's fields are those of its most informative mention
    event_type: str | None = None
    mode: str | None = None
    actor: tuple[ActorRef, ...] = ()
    recipient: tuple[ActorRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Event(FromDict):
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
    mentions: tuple[EventMention, ...] = ()  # v2: every mention of the incident
    claims: tuple[Claim, ...] = ()  # v2: figures by source, where they differ or are qualified

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

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "") -> Extraction:
        """The extraction from a record dict's ``entities``, ``times``, ``places``, ``quotes`` and
        ``events`` lists (other keys are ignored: they are the record's)."""
        if not isinstance(data, dict):
            raise _fail(path, "an object", data)
        names = [f.name for f in fields(cls)]
        result: Extraction = _build(cls, {k: data[k] for k in names if k in data}, path)
        return result


_EMPTY_ARTICLE: dict[str, Any] = {
    "title": None, "author": None, "url": None, "source": None, "published": None,
    "language": None, "dateline": None, "text": "", "captions": [], "warnings": [],
}
_RECORD_KEYS = frozenset({"schema", "id", "article", "status", "error", "rejection",
                          "entities", "times", "places", "quotes", "events"})


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
            art = self.fallback_article or dict(_EMPTY_ARTICLE)
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

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str | None = None) -> ArticleRecord:
        """The typed record from what :meth:`to_dict` wrote (a ``dateline/2`` object; a ``dateline/1`` one
        reads too, its incident fields taking their defaults).

        Every field is checked; bad input raises ValueError naming the field
        (``events[2].location.lat: expected a number, got 'x'``).  What the contract does
        not carry comes back as its default: for an accepted record the origin (pass
        ``origin`` when it is known, e.g. from the store's column; a rejection carries its
        own), and the article's
        ``published_time``, ``dateline_span`` and ``removed``.  So
        ``ArticleRecord.from_dict(r.to_dict()).to_dict() == r.to_dict()`` for every record.
        """
        if not isinstance(data, dict):
            raise _fail("", "a record object", data)
        unknown = sorted(set(data) - _RECORD_KEYS)
        if unknown:
            raise ValueError(f"{unknown[0]}: not a field of a {SCHEMA_VERSION} record")
        for key in ("schema", "id", "status", "article"):
            if key not in data:
                raise ValueError(f"{key}: missing")
        if data["schema"] not in (SCHEMA_VERSION, "dateline/1"):
            raise _fail("schema", repr(SCHEMA_VERSION), data["schema"])
        rid = _convert(str, data["id"], "id")
        status: Status = _convert(Status, data["status"], "status")
        error = _convert(str | None, data.get("error"), "error")
        rejection = data.get("rejection")
        extraction = Extraction.from_dict(data)
        if status == "ok":
            if rejection is not None:
                raise _fail("rejection", "null for an accepted record", rejection)
            article = CleanArticle.from_dict(data["article"], id=rid, origin=origin or "")
            return cls(id=rid, status=status, error=error, article=article, extraction=extraction,
                       origin=origin or "")
        if not isinstance(rejection, dict):
            raise _fail("rejection", "an object for a rejected record", rejection)
        unknown = sorted(set(rejection) - {"stage", "reason", "origin"})
        if unknown:
            raise ValueError(f"rejection.{unknown[0]}: not a field of a rejection")
        stage = _convert(str | None, rejection.get("stage"), "rejection.stage")
        reason = _convert(str | None, rejection.get("reason"), "rejection.reason")
        rej_origin = _convert(str | None, rejection.get("origin"), "rejection.origin") or ""
        art = data["article"]
        if not isinstance(art, dict):
            raise _fail("article", "an object", art)
        return cls(id=rid, status=status, error=error, article=None, extraction=extraction,
                   origin=rej_origin, stage=stage, reason=reason,
                   fallback_article=None if art == _EMPTY_ARTICLE else dict(art))
