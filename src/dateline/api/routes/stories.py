"""Stories (clusters of articles about one situation) and their "What we know" briefs.

Stories are built over the stored records the way ``dateline.stories.build_stories``
builds them, then kept up to date incrementally: after a write only the new articles
are added (keyed on the database generation; see :class:`StoryCache`).
If the stories package is not importable the endpoints answer 503.
"""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from dateline.api.db import Database
from dateline.api.models import StoryList
from dateline.api.problems import ApiProblem, answers

router = APIRouter(prefix="/api", tags=["stories"])


class StoryCache:
    """The stories of the store, kept up to date as articles arrive.

    The first read builds them as :func:`dateline.stories.build_stories` does (records in
    publication order through a :class:`StoryIndex`, then a refinement pass); after each
    write only the newly stored articles are added to that same index, in publication
    order, so a write costs what it adds, not the size of the store.  Stories are read
    with :meth:`StoryIndex.stories` (topics divided exactly on every read).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = -1
        self._stories: list[Any] = []
        self._index: Any = None
        self._seen: set[str] = set()
        self._watermark: Any = None
        self.added_last = 0  # articles the last refresh added (observable in tests)

    def get(self, db: Database) -> list[Any]:
        try:
            from dateline.stories import StoryIndex, article_view
        except ImportError as exc:
            raise ApiProblem(503, f"story clustering is not available in this install ({exc})") from exc
        with self._lock:
            if self._generation != db.generation:
                with db.read_store() as store:
                    fresh = []
                    for key, at, rec in store.records_since(self._watermark):
                        self._watermark = at if self._watermark is None else max(self._watermark, at)
                        if key not in self._seen:
                            self._seen.add(key)
                            fresh.append(rec)
                views = sorted((article_view(r) for r in fresh),
                               key=lambda v: (v.published or "", v.id))
                first = self._index is None
                if first:
                    self._index = StoryIndex()
                self._index.extend(views)
                if first:
                    self._index.refine()
                self.added_last = len(views)
                self._stories = list(self._index.stories())
                self._generation = db.generation
            return self._stories


def _title(story: Any) -> str:
    try:
        from dateline.stories.brief import make_brief

        return str(make_brief(story).title)
    except (ImportError, AttributeError):
        return f"Story {story.id}"


@router.get("/stories", response_model=StoryList, summary="Stories in the store", responses=answers(422, 503))
def list_stories(request: Request,
                 limit: Annotated[int, Query(ge=1, le=500)] = 100,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    """Clusters of articles about one developing situation, largest first."""
    stories = request.app.state.stories.get(request.app.state.db)
    ranked = sorted(stories, key=lambda s: (-len(s.articles), -len(s.events), str(s.id)))
    items = [{"id": str(s.id), "title": _title(s), "first_published": s.first_published,
              "last_published": s.last_published, "n_articles": len(s.articles), "n_events": len(s.events),
              "article_ids": list(s.article_ids)} for s in ranked[offset:offset + limit]]
    total = len(stories)
    nxt = offset + limit if offset + limit < total else None
    return {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}


@router.get("/stories/{story_id}/brief", summary="A story's brief",
            responses={200: {"content": {"text/markdown": {}, "text/html": {}, "application/json": {}}},
                       **answers(404, 422, 503)})
def story_brief(request: Request, story_id: Annotated[str, Path(max_length=200)],
                format: Literal["md", "html", "json"] = "md") -> Response:
    """The "What we know" brief: key facts, timeline, quotes, disputes, every line citing its sentence."""
    from dateline.stories import render_brief

    stories = request.app.state.stories.get(request.app.state.db)
    story = next((s for s in stories if str(s.id) == story_id), None)
    if story is None:
        raise ApiProblem(404, f"no story {story_id!r}; GET /api/stories lists them")
    text = render_brief(story, fmt=format)
    if format == "html":
        return HTMLResponse(text)
    if format == "json":
        return Response(json.dumps(json.loads(text), ensure_ascii=False), media_type="application/json")
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
