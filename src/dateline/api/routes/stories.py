"""Stories (clusters of articles about one situation) and their "What we know" briefs.

Stories are built by ``dateline.stories.build_stories`` over the stored
records and cached until the next write (keyed on the database generation).
If the stories package is not importable the endpoints answer 503.
"""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from dateline.api.db import Database
from dateline.api.models import Problem, StoryList
from dateline.api.problems import ApiProblem

router = APIRouter(prefix="/api", tags=["stories"])


class StoryCache:
    """The stories of the store at one generation; rebuilt after writes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = -1
        self._stories: list[Any] = []

    def get(self, db: Database) -> list[Any]:
        try:
            from dateline.stories import build_stories
        except ImportError as exc:
            raise ApiProblem(503, f"story clustering is not available in this install ({exc})") from exc
        with self._lock:
            if self._generation != db.generation:
                with db.read_store() as store:
                    records = list(store.records(status="ok"))
                self._stories = list(build_stories(records))
                self._generation = db.generation
            return self._stories


def _title(story: Any) -> str:
    try:
        from dateline.stories.brief import make_brief

        return str(make_brief(story).title)
    except (ImportError, AttributeError):
        return f"Story {story.id}"


@router.get("/stories", response_model=StoryList, summary="Stories in the store")
def list_stories(request: Request,
                 limit: Annotated[int, Query(ge=1, le=500)] = 100,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    """Clusters of articles about one developing situation, largest first."""
    stories = request.app.state.stories.get(request.app.state.db)
    ranked = sorted(stories, key=lambda s: (-len(s.articles), -len(s.events), str(s.id)))
    items = [{"id": str(s.id), "title": _title(s), "first_published": s.first_published,
              "last_published": s.last_published, "n_articles": len(s.articles), "n_events": len(s.events),
              "article_ids": list(s.article_ids)} for s in ranked[offset:offset + limit]]
    return {"total": len(stories), "items": items}


@router.get("/stories/{story_id}/brief", summary="A story's brief",
            responses={200: {"content": {"text/markdown": {}, "text/html": {}, "application/json": {}}},
                       404: {"model": Problem}})
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
