"""Turn one article record (``ArticleRecord``, or a contract dict) into an :class:`ArticleView`.

The stories stage works on the public output contract (docs/OUTPUT.md), so it
does not depend on how the per-article coder is built.  Missing fields are
tolerated (``None`` / empty); a record that is not ``status: ok`` is a caller's
mistake to filter out and is rejected with a clear message.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping
from typing import Any

from dateline.records import ActorRef, ArticleRecord, Event
from dateline.stories.model import ArticleView, Citation, EventMention, QuoteView
from dateline.stories.text import content_terms, fold, sentence_around, sentence_bounds

_MAX_TERMS = 4000
_YEAR = re.compile(r"^\d{4}(?:$|-)")
_MONTH = re.compile(r"^\d{4}-\d{2}(?:$|-)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?!\w)")
_MAX_NUMBERS = 400


def record_dict(record: Any) -> Mapping[str, Any]:
    """Accept a contract dict or anything with ``to_dict()`` (``dateline.records.ArticleRecord``)."""
    if isinstance(record, Mapping):
        return record
    to_dict = getattr(record, "to_dict", None)
    if callable(to_dict):
        d = to_dict()
        if isinstance(d, Mapping):
            return d
    raise TypeError(f"expected an article record dict or ArticleRecord, got {type(record).__name__}")


def _ref_name(a: ActorRef | Mapping[str, Any] | Any) -> str | None:
    if isinstance(a, ActorRef):
        return a.name or (a.text.strip() if a.text.strip()[:1].isupper() else None)
    if isinstance(a, Mapping):
        name = a.get("name")
        if not name:
            text = str(a.get("text") or "").strip()
            name = text if text[:1].isupper() else None
        return name  # type: ignore[no-any-return]
    return str(a)


def _actor_names(items: Any, dateline: str | None = None) -> tuple[str, ...]:
    """Names of actors/recipients: the canonical name, else the mention text when it looks
    like a name.  Unnamed lower-case descriptions ("their way", "plans"), bare numbers and
    the article's dateline word (a parse artefact: "KIRKUK, Iraq — ...") are dropped, since
    they are no identity to match events on."""
    names: set[str] = set()
    skip = fold(dateline) if dateline else None
    for a in items or ():
        name = _ref_name(a)
        name = str(name).strip() if name else ""
        if not name or name.replace(",", "").replace(".", "").isdigit():
            continue
        if skip and fold(name) == skip:
            continue
        names.add(name)
    return tuple(sorted(names))


def _int_or_none(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def _float_or_none(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    return float(v) if isinstance(v, (int, float)) else None


def _event_mention(ev: Mapping[str, Any], idx: int, article_id: str, published: str | None,
                   text: str, bounds: list[tuple[int, int]],
                   dateline: str | None = None) -> EventMention:
    loc = ev.get("location") or {}
    evidence = ev.get("evidence") or []
    start = end = None
    if evidence and isinstance(evidence[0], Mapping):
        start, end = evidence[0].get("start"), evidence[0].get("end")
    elif ev.get("trigger_start") is not None:
        start, end = ev.get("trigger_start"), ev.get("trigger_end")
    sentence, s0, e0 = sentence_around(text, start, end, bounds)
    return EventMention(
        article_id=article_id,
        event_id=str(ev.get("id") or f"e{idx}"),
        event_type=str(ev.get("event_type") or "UNKNOWN").upper(),
        mode=ev.get("mode"),
        date=(str(ev["date"])[:10] if ev.get("date") else None),
        date_precision=ev.get("date_precision"),
        location_name=loc.get("name"),
        country=loc.get("country"),
        lat=_float_or_none(loc.get("lat")),
        lon=_float_or_none(loc.get("lon")),
        location_precision=loc.get("precision"),
        actors=_actor_names(ev.get("actor"), dateline),
        recipients=_actor_names(ev.get("recipient"), dateline),
        dead=_int_or_none(ev.get("dead")),
        injured=_int_or_none(ev.get("injured")),
        arrested=_int_or_none(ev.get("arrested")),
        factuality=str(ev.get("factuality") or "asserted"),
        attributed_to=ev.get("attributed_to"),
        historical=bool(ev.get("historical", False)),
        trigger=ev.get("trigger"),
        citation=Citation(article_id, sentence, s0, e0),
        published=published,
        dated_by_text=not ("date_text" in ev and not ev.get("date_text")),
    )


def _typed_event_mention(ev: Event, idx: int, article_id: str, published: str | None, text: str,
                         bounds: list[tuple[int, int]], dateline: str | None) -> EventMention:
    loc = ev.location
    start: int | None = None
    end: int | None = None
    if ev.evidence:
        start, end = ev.evidence[0].start, ev.evidence[0].end
    elif ev.trigger_start is not None:
        start, end = ev.trigger_start, ev.trigger_end
    sentence, s0, e0 = sentence_around(text, start, end, bounds)
    return EventMention(
        article_id=article_id,
        event_id=ev.id or f"e{idx}",
        event_type=(ev.event_type or "UNKNOWN").upper(),
        mode=ev.mode,
        date=ev.date[:10] if ev.date else None,
        date_precision=ev.date_precision,
        location_name=loc.name if loc else None,
        country=loc.country if loc else None,
        lat=float(loc.lat) if loc and loc.lat is not None else None,
        lon=float(loc.lon) if loc and loc.lon is not None else None,
        location_precision=loc.precision if loc else None,
        actors=_actor_names(ev.actor, dateline),
        recipients=_actor_names(ev.recipient, dateline),
        dead=ev.dead,
        injured=ev.injured,
        arrested=ev.arrested,
        factuality=ev.factuality or "asserted",
        attributed_to=ev.attributed_to,
        historical=ev.historical,
        trigger=ev.trigger,
        citation=Citation(article_id, sentence, s0, e0),
        published=published,
        dated_by_text=bool(ev.date_text),
    )


def _typed_view(rec: ArticleRecord) -> ArticleView:
    """The view of a typed record: read straight from its fields (no contract dict)."""
    art = rec.article
    if rec.status != "ok" or art is None:
        raise ValueError(f"record {rec.id!r} has status {rec.status!r}; "
                         "pass only status 'ok' records to the stories stage")
    text = art.text
    article_id = rec.id or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    published = art.published.isoformat() if art.published else None
    bounds = sentence_bounds(text)
    lede = text[bounds[0][0]:bounds[0][1]].strip() if bounds else ""
    x = rec.extraction
    entities = sorted({fold(e.canonical or e.text or "") for e in x.entities} - {""})
    people = sorted({(e.canonical or e.text or "").strip() for e in x.entities if e.label == "PERSON"} - {""})
    places = sorted({fold(p.name or p.text or "") for p in x.places} - {""})
    countries = sorted({p.country for p in x.places if p.country})
    events = tuple(_typed_event_mention(ev, i, article_id, published, text, bounds, art.dateline or None)
                   for i, ev in enumerate(x.events))
    quotes = tuple(QuoteView(article_id, q.text, q.speaker, q.speaker_role, q.kind or "direct", q.start, q.end)
                   for q in x.quotes if q.text)
    values = [t.value or "" for t in x.times if t.type == "DATE"]
    periods = sorted({v[:4] for v in values if _YEAR.match(v)} | {v[:7] for v in values if _MONTH.match(v)})
    title = art.title
    terms = content_terms((title + " ") * 2 if title else "", None) + content_terms(text, _MAX_TERMS)
    return ArticleView(
        id=article_id, published=published, title=title, source=art.source,
        url=art.url, dateline=art.dateline, lede=lede, terms=tuple(terms),
        entities=tuple(entities), places=tuple(places), countries=tuple(countries),
        events=events, quotes=quotes, periods=tuple(periods), people=tuple(people),
        numbers=tuple(m.group(0).replace(",", "")
                      for m in itertools.islice(_NUMBER.finditer(text), _MAX_NUMBERS)),
    )


def article_view(record: ArticleRecord | Mapping[str, Any]) -> ArticleView:
    """Flatten one ``status: ok`` article record into what stories need (text is not kept).

    Typed :class:`ArticleRecord`\\s are read directly.  A contract dict (a line of
    ``dateline extract`` output, or a hand-made partial record: missing fields are
    tolerated) is read leniently by the same rules."""
    if isinstance(record, ArticleRecord):
        return _typed_view(record)
    rec = record_dict(record)
    if rec.get("status", "ok") != "ok":
        raise ValueError(f"record {rec.get('id')!r} has status {rec.get('status')!r}; "
                         "pass only status 'ok' records to the stories stage")
    art = rec.get("article") or {}
    text = str(art.get("text") or "")
    title = art.get("title")
    rid = rec.get("id") or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    article_id = str(rid)
    published = str(art["published"])[:10] if art.get("published") else None
    bounds = sentence_bounds(text)
    lede = text[bounds[0][0]:bounds[0][1]].strip() if bounds else ""
    entities = sorted({fold(str(e.get("canonical") or e.get("text") or ""))
                       for e in rec.get("entities") or () if isinstance(e, Mapping)} - {""})
    people = sorted({str(e.get("canonical") or e.get("text") or "").strip()
                     for e in rec.get("entities") or ()
                     if isinstance(e, Mapping) and e.get("label") == "PERSON"} - {""})
    places = sorted({fold(str(p.get("name") or p.get("text") or ""))
                     for p in rec.get("places") or () if isinstance(p, Mapping)} - {""})
    countries = sorted({str(p["country"]) for p in rec.get("places") or ()
                        if isinstance(p, Mapping) and p.get("country")})
    dateline = art.get("dateline")
    events = tuple(_event_mention(ev, i, article_id, published, text, bounds,
                                  str(dateline) if dateline else None)
                   for i, ev in enumerate(rec.get("events") or ()) if isinstance(ev, Mapping))
    quotes = tuple(
        QuoteView(article_id, str(q.get("text") or ""), q.get("speaker"), q.get("speaker_role"),
                  str(q.get("kind") or "direct"), q.get("start"), q.get("end"))
        for q in rec.get("quotes") or () if isinstance(q, Mapping) and q.get("text"))
    values = [str(t.get("value") or "") for t in rec.get("times") or ()
              if isinstance(t, Mapping) and t.get("type") == "DATE"]
    periods = sorted({v[:4] for v in values if _YEAR.match(v)}
                     | {v[:7] for v in values if _MONTH.match(v)})
    terms = content_terms((str(title) + " ") * 2 if title else "", None) + content_terms(text, _MAX_TERMS)
    return ArticleView(
        id=article_id, published=published, title=title, source=art.get("source"),
        url=art.get("url"), dateline=art.get("dateline"), lede=lede, terms=tuple(terms),
        entities=tuple(entities), places=tuple(places), countries=tuple(countries),
        events=events, quotes=quotes, periods=tuple(periods),
        people=tuple(people),
        numbers=tuple(m.group(0).replace(",", "")
                      for m in itertools.islice(_NUMBER.finditer(text), _MAX_NUMBERS)),
    )
