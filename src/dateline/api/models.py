"""Pydantic models at the API edge: what requests may carry and what responses promise.

Inside, the pipeline works on frozen dataclasses (``dateline.records``); these
models only validate input and document output in the OpenAPI document.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dateline.api.settings import MAX_ARTICLE_CHARS, MAX_BATCH


class ArticleIn(BaseModel):
    """One article to ingest: ``text`` or ``html``, plus optional metadata (as in JSONL input)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    html: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="ISO date or datetime")
    source: str | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=20)


class ArticleBatch(BaseModel):
    """Several articles in one request."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=1,
                                      description=f"at most {MAX_BATCH} articles (more: 413)")


class IngestedArticle(BaseModel):
    id: str
    key: str | None = Field(None, description="store key (content hash); null for rejections")
    status: Literal["ok", "rejected", "duplicate"]
    error: str | None = None
    reason: str | None = None
    n_events: int = 0


class IngestResult(BaseModel):
    inserted: int
    skipped: int
    rejected: int
    articles: list[IngestedArticle]


class ActorOut(BaseModel):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class LocationOut(BaseModel):
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class EventSummary(BaseModel):
    """One event row as listed and mapped."""

    id: str = Field(..., description="API event id: '<article key>:<event id>'")
    article_key: str
    article_id: str
    event_type: str | None
    mode: str | None
    cameo: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: str | None
    date_precision: str | None
    location: LocationOut
    actors: str | None
    recipients: str | None
    dead: int | None
    injured: int | None
    arrested: int | None
    factuality: str | None
    attributed_to: str | None
    historical: bool | None
    confidence: float | None
    evidence_text: str | None
    title: str | None = None
    source: str | None = None
    published: str | None = None


class Page(BaseModel):
    """Common pagination fields."""

    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="offset of the next page, null on the last")


class EventPage(Page):
    items: list[EventSummary]


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class SourceOut(BaseModel):
    key: str
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    dateline: str | None


class EventDetail(EventSummary):
    """An event with its full record, its evidence sentences and the article it comes from."""

    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    actor: list[ActorOut]
    recipient: list[ActorOut]
    evidence: list[SpanOut]
    article: SourceOut
    record: dict[str, Any] = Field(..., description="the event as in the output contract")


class ArticleOut(SourceOut):
    status: str
    text: str
    n_events: int


class TimelineBucket(BaseModel):
    date: str = Field(..., description="first day of the bucket")
    end: str = Field(..., description="last day of the bucket")
    count: int
    dead: int = Field(..., description="fatalities reported by the bucket's events")


class Timeline(BaseModel):
    total: int
    undated: int
    fatalities: int
    interval: Literal["day", "week", "month", "year"]
    buckets: list[TimelineBucket]


class MapCluster(BaseModel):
    """Matching events in one grid cell: where they are on average and how many they are."""

    lat: float
    lon: float
    count: int
    dead: int = Field(..., description="fatalities summed over the cluster's events")
    bbox: list[float] = Field(..., description="min_lon,min_lat,max_lon,max_lat of the cluster's events")
    place: str | None = Field(None, description="the place name when all the cluster's events share it")
    one_point: bool = Field(..., description="all the cluster's events are at one point")


class PlaceCount(BaseModel):
    name: str | None
    count: int
    dead: int


class MapClusters(BaseModel):
    """All matching events, clustered for the map, and those without coordinates."""

    zoom: int
    cell_deg: float
    total: int
    located: int = Field(..., description="matching events with coordinates")
    in_view: int = Field(..., description="matching events in the clusters returned (inside `view`)")
    unlocated: int = Field(..., description="matching events without coordinates (not on the map)")
    fatalities: int = Field(..., description="fatalities of all matching events")
    max_dead: int = Field(..., description="the largest cluster fatality count (for marker scales)")
    clusters: list[MapCluster]
    unlocated_places: list[PlaceCount] = Field(..., description="the events without coordinates by place name")


class FacetValue(BaseModel):
    value: str | None
    count: int


class Facets(BaseModel):
    total: int
    fatalities: int
    facets: dict[str, list[FacetValue]] = Field(
        ..., description="country, admin1, actor, event_type, acled_sub_event_type, factuality")


class QuoteOut(BaseModel):
    article_key: str
    article_id: str
    n: int
    kind: str | None
    speaker: str | None
    speaker_role: str | None
    cue: str | None
    text: str | None
    start: int | None
    end: int | None


class QuotePage(Page):
    items: list[QuoteOut]


class StorySummary(BaseModel):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    n_articles: int
    n_events: int
    article_ids: list[str]


class StoryList(Page):
    items: list[StorySummary]


class Status(BaseModel):
    """What the UI polls for live updates."""

    generation: int = Field(..., description="goes up each time an ingest inserted something")
    articles: int
    events: int
    rejected: int
    auth_required: bool
    feeds: list[str]


class Problem(BaseModel):
    """RFC 9457 problem details (served as application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None
