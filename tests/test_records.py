"""Typed records both ways: ``ArticleRecord.from_dict`` rebuilds what ``to_dict`` wrote."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLE
from dateline.errors import Reason
from dateline.pipeline import rejected_record
from dateline.records import (
    ActorRef,
    ArticleRecord,
    Caption,
    CleanArticle,
    Entity,
    Event,
    EventLocation,
    Extraction,
    Place,
    Quote,
    Span,
    TimeExpr,
)

# -- strategies ---------------------------------------------------------------
TEXT = st.text(max_size=12)
OPT_TEXT = st.none() | TEXT
INT = st.integers(-(2**40), 2**40)
OPT_INT = st.none() | INT
NUMBER = st.floats(allow_nan=False, allow_infinity=False)
OPT_NUMBER = st.none() | NUMBER


def tuples(elements: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(elements, max_size=max_size).map(tuple)


entities = st.builds(Entity, text=TEXT, label=TEXT, start=INT, end=INT, canonical=OPT_TEXT,
                     kind=OPT_TEXT, country=OPT_TEXT)
times = st.builds(TimeExpr, text=TEXT, start=INT, end=INT,
                  type=st.sampled_from(["DATE", "TIME", "DURATION", "SET"]), value=OPT_TEXT,
                  anchor=OPT_TEXT, precision=OPT_TEXT)
places = st.builds(Place, text=TEXT, start=INT, end=INT, name=TEXT, feature=TEXT, geonames_id=OPT_INT,
                   country=OPT_TEXT, admin1=OPT_TEXT, lat=OPT_NUMBER, lon=OPT_NUMBER)
quotes = st.builds(Quote, text=TEXT, start=INT, end=INT,
                   kind=st.sampled_from(["direct", "indirect", "mixed", "chant"]), cue=OPT_TEXT,
                   speaker=OPT_TEXT, speaker_text=OPT_TEXT, speaker_start=OPT_INT, speaker_end=OPT_INT,
                   speaker_role=OPT_TEXT, cue_start=OPT_INT, cue_end=OPT_INT)
actor_refs = st.builds(ActorRef, text=TEXT, name=OPT_TEXT, country=OPT_TEXT, sector=OPT_TEXT,
                       start=OPT_INT, end=OPT_INT)
locations = st.builds(EventLocation, name=TEXT, country=OPT_TEXT, lat=OPT_NUMBER, lon=OPT_NUMBER,
                      geonames_id=OPT_INT, precision=TEXT, text=OPT_TEXT, start=OPT_INT, end=OPT_INT)
events = st.builds(
    Event, id=TEXT, event_type=TEXT, mode=OPT_TEXT, context=tuples(TEXT), cameo=OPT_TEXT,
    acled_event_type=OPT_TEXT, acled_sub_event_type=OPT_TEXT, actor=tuples(actor_refs),
    recipient=tuples(actor_refs), date=OPT_TEXT, date_precision=OPT_TEXT, date_text=OPT_TEXT,
    location=st.none() | locations, dead=OPT_INT, injured=OPT_INT, arrested=OPT_INT, factuality=TEXT,
    attributed_to=OPT_TEXT, historical=st.booleans(), evidence=tuples(st.builds(Span, start=INT, end=INT)),
    confidence=NUMBER, trigger=OPT_TEXT, trigger_start=OPT_INT, trigger_end=OPT_INT,
    size_text=st.dictionaries(TEXT, TEXT, max_size=2), caption=st.booleans())
extractions = st.builds(Extraction, entities=tuples(entities), times=tuples(times), places=tuples(places),
                        quotes=tuples(quotes), events=tuples(events))
articles = st.builds(
    CleanArticle, id=TEXT, text=st.text(max_size=60), origin=TEXT, title=OPT_TEXT, url=OPT_TEXT,
    source=OPT_TEXT, published=st.none() | st.dates(), published_time=OPT_TEXT, language=TEXT, dateline=OPT_TEXT,
    dateline_span=st.none() | st.tuples(INT, INT),
    captions=tuples(st.builds(Caption, start=INT, end=INT, credit=OPT_TEXT)),
    removed=tuples(TEXT), warnings=tuples(TEXT), author=OPT_TEXT)
JSON_SCALAR = st.none() | st.booleans() | INT | NUMBER | TEXT
fallbacks = st.none() | st.just({}) | st.dictionaries(TEXT, JSON_SCALAR | st.lists(JSON_SCALAR, max_size=2),
                                                      max_size=4)


@st.composite
def records(draw: st.DrawFn) -> ArticleRecord:
    rid = draw(TEXT)
    if draw(st.booleans()):
        return ArticleRecord(id=rid, status="ok", error=draw(OPT_TEXT), article=draw(articles),
                             extraction=draw(extractions), origin=draw(TEXT), stage=draw(OPT_TEXT),
                             reason=draw(OPT_TEXT), fallback_article=draw(fallbacks))
    return ArticleRecord(id=rid, status="rejected", error=draw(OPT_TEXT), article=None,
                         extraction=draw(extractions), origin=draw(TEXT), stage=draw(OPT_TEXT),
                         reason=draw(OPT_TEXT), fallback_article=draw(fallbacks))


def written(record: ArticleRecord) -> ArticleRecord:
    """The record as far as the contract carries it (what ``from_dict`` can give back)."""
    if record.article is not None:
        article = replace(record.article, id=record.id, origin=record.origin, published_time=None,
                          dateline_span=None, removed=())
        return replace(record, article=article, stage=None, reason=None, fallback_article=None)
    fallback = record.fallback_article or None
    if fallback == rejected_record("x", Reason.EMPTY, "x", "read").to_dict()["article"]:
        fallback = None
    return replace(record, fallback_article=fallback)


# -- round trips --------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(record=records())
def test_from_dict_inverts_to_dict(record: ArticleRecord) -> None:
    d = record.to_dict()
    back = ArticleRecord.from_dict(d, origin=record.origin)
    assert back.to_dict() == d
    assert back == written(record)
    # through JSON text too (the store's and the CLI's path)
    again = ArticleRecord.from_dict(json.loads(json.dumps(d)), origin=record.origin)
    assert again == back
    assert json.dumps(again.to_dict()) == json.dumps(d)


@settings(max_examples=50, deadline=None)
@given(record=records())
def test_from_dict_does_not_share_or_change_its_input(record: ArticleRecord) -> None:
    d = record.to_dict()
    before = copy.deepcopy(d)
    back = ArticleRecord.from_dict(d)
    assert d == before
    out = back.to_dict()
    out["article"]["title"] = "changed"
    assert d == before


def test_nested_types_have_from_dict() -> None:
    ev = Event(id="e1", event_type="ASSAULT", mode=None, context=("x",), cameo="19", acled_event_type=None,
               acled_sub_event_type=None, actor=(ActorRef("gunmen", None, None, "rebel", 0, 6),),
               recipient=(), date="2021-03-01", date_precision="day", date_text="Monday",
               location=EventLocation("Kabul", "AFG", 34.5, 69.2, 1138958, "city", "Kabul", 5, 10),
               dead=3, injured=5, arrested=None, factuality="asserted", attributed_to=None,
               historical=False, evidence=(Span(0, 40),), confidence=0.9, size_text={"dead": "three"})
    assert Event.from_dict(ev.to_dict()) == ev
    assert Event.from_dict(json.loads(json.dumps(ev.to_dict()))) == ev
    ent = Entity("Kabul", "GPE", 5, 10, canonical="Kabul", country="AFG")
    assert Entity.from_dict(ent.to_dict()) == ent
    place = Place("Kabul", 5, 10, "Kabul", "city", 1138958, "AF", "13", 34.5, 69)
    assert Place.from_dict(place.to_dict()).lon == 69.0
    quote = Quote("No.", 0, 3, "direct", "said", "Ali", "Ali", 5, 8)
    assert Quote.from_dict(quote.to_dict()) == quote


@pytest.mark.model
def test_pipeline_output_round_trips(pipeline) -> None:
    record = pipeline.extract_text(ARTICLE, published="2021-03-01", id="kabul-1")
    assert record.status == "ok" and record.extraction.events
    d = json.loads(json.dumps(record.to_dict()))
    back = ArticleRecord.from_dict(d, origin=record.origin)
    assert back.to_dict() == record.to_dict()
    assert back == written(record)
    assert back.extraction == record.extraction  # every entity, time, place, quote and event, typed


def test_rejected_record_round_trips() -> None:
    from dateline.records import RawDocument

    raw = RawDocument(data=b"", kind="text", origin="in.jsonl:3", id="r1", title="T", published="soon")
    for record in (rejected_record("x.txt", Reason.EMPTY, "x.txt is empty", "decode"),
                   rejected_record("in.jsonl:3", Reason.EMPTY, "empty", "decode", "r1", raw)):
        back = ArticleRecord.from_dict(record.to_dict())
        assert back == record
        assert back.to_dict() == record.to_dict()


# -- validation ---------------------------------------------------------------
def _good() -> dict[str, Any]:
    ev = {"id": "e1", "event_type": "ASSAULT", "mode": None, "context": [], "cameo": None,
          "acled_event_type": None, "acled_sub_event_type": None, "actor": [], "recipient": [],
          "date": None, "date_precision": None, "date_text": None,
          "location": {"name": "Kabul", "country": "AFG", "lat": 34.5, "lon": 69.2, "geonames_id": 1,
                       "precision": "city", "text": "Kabul", "start": 0, "end": 5},
          "dead": None, "injured": None, "arrested": None, "factuality": "asserted", "attributed_to": None,
          "historical": False, "evidence": [{"start": 0, "end": 5}], "confidence": 0.5, "trigger": None,
          "trigger_start": None, "trigger_end": None, "size_text": {}, "caption": False}
    art = CleanArticle(id="a", text="Kabul is calm.", origin="a.txt")
    d = ArticleRecord(id="a", status="ok", error=None, article=art, extraction=Extraction()).to_dict()
    d["events"] = [ev]
    ArticleRecord.from_dict(d)  # the baseline is valid
    return d


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["events"][0]["location"].update(lat="north"), r"events\[0\]\.location\.lat: expected a number"),
    (lambda d: d["events"][0].update(historical=0), r"events\[0\]\.historical: expected true or false"),
    (lambda d: d["events"][0]["evidence"][0].update(end=5.0), r"events\[0\]\.evidence\[0\]\.end: expected an int"),
    (lambda d: d["events"][0].pop("confidence"), r"events\[0\]\.confidence: missing"),
    (lambda d: d["events"][0].update(colour="red"), r"events\[0\]\.colour: not a field of Event"),
    (lambda d: d["events"][0].update(context="x"), r"events\[0\]\.context: expected a list"),
    (lambda d: d["article"].update(text=None), r"article\.text: expected a string"),
    (lambda d: d["article"].pop("text"), r"article\.text: missing"),
    (lambda d: d["article"].update(published="2021-3-1"), r"article\.published: expected an ISO date"),
    (lambda d: d["article"].update(published="2021-02-30"), r"article\.published: expected an ISO date"),
    (lambda d: d["article"].update(published=20210301), r"article\.published: expected an ISO date"),
    (lambda d: d.update(status="maybe"), r"status: expected one of 'ok', 'rejected'"),
    (lambda d: d.update(schema="dateline/0"), r"schema: expected 'dateline/2'"),
    (lambda d: d.pop("schema"), r"schema: missing"),
    (lambda d: d.update(extra=1), r"extra: not a field"),
    (lambda d: d.update(entities={}), r"entities: expected a list"),
    (lambda d: d.update(rejection={"stage": "x"}), r"rejection: expected null"),
    (lambda d: d.update(quotes=[{"text": "x", "start": 0, "end": 1, "kind": "shouted", "cue": None,
                                 "speaker": None, "speaker_text": None, "speaker_start": None,
                                 "speaker_end": None}]),
     r"quotes\[0\]\.kind: expected one of 'direct'"),
])
def test_bad_input_names_the_field(change: Any, message: str) -> None:
    d = _good()
    change(d)
    with pytest.raises(ValueError, match=message):
        ArticleRecord.from_dict(d)


def test_published_is_a_date_written_as_iso() -> None:
    art = CleanArticle(id="a", text="Kabul is calm.", origin="a.txt", published=date(2021, 3, 1))
    record = ArticleRecord(id="a", status="ok", error=None, article=art, extraction=Extraction())
    assert record.to_dict()["article"]["published"] == "2021-03-01"
    back = ArticleRecord.from_dict(record.to_dict())
    assert back.article is not None and back.article.published == date(2021, 3, 1)
    with pytest.raises(TypeError, match="must be a datetime.date"):
        CleanArticle(id="a", text="x", origin="a.txt", published="2021-03-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a datetime.date"):
        CleanArticle(id="a", text="x", origin="a.txt", published=datetime(2021, 3, 1, 12))


def test_not_a_dict() -> None:
    with pytest.raises(ValueError, match="record: expected a record object"):
        ArticleRecord.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Entity: expected an object"):
        Entity.from_dict("x")  # type: ignore[arg-type]


# -- readers of typed records -------------------------------------------------
def test_story_view_of_a_typed_record_is_the_view_of_its_dict() -> None:
    from pathlib import Path

    from dateline.stories import article_view

    root = Path(__file__).resolve().parents[1] / "examples" / "stories"
    lines = [line for path in sorted(root.glob("*/records.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines
    for line in lines:
        d = json.loads(line)
        typed = ArticleRecord.from_dict(d)  # written before cue offsets and author: those take defaults
        assert ArticleRecord.from_dict(typed.to_dict()) == typed
        assert article_view(typed) == article_view(d)


@pytest.mark.model
def test_story_view_of_pipeline_output(pipeline) -> None:
    from dateline.stories import article_view

    record = pipeline.extract_text(ARTICLE, published="2021-03-01", id="kabul-1")
    assert article_view(record) == article_view(record.to_dict())
