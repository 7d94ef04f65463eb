"""The FastAPI application factory: ``create_app(settings)``.

One app serves the JSON API under ``/api``, its OpenAPI document at
``/openapi.json`` and the built web UI at ``/`` (static files from the
package; no CDN).  Interactive docs pages (Swagger/ReDoc) are off because
they load scripts from a CDN.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.api import problems
from dateline.api.db import Database
from dateline.api.ingest import Ingestor, default_pipeline_factory
from dateline.api.routes import events, ingest, misc, stories
from dateline.api.security import BodyLimit, SecurityHeaders
from dateline.api.settings import ApiSettings

log = logging.getLogger(__name__)

DESCRIPTION = """Structured, sourced event data from news reports.

Reads are open; `POST /api/articles` needs `Authorization: Bearer <token>`.
Errors are `application/problem+json` (RFC 9457).  Lists are paginated with
`limit`/`offset` and carry `total` and `next_offset`."""


def _start_feed_watcher(app: FastAPI, settings: ApiSettings, stop: threading.Event) -> threading.Thread | None:
    if not settings.feeds:
        return None
    from dateline.watch import Watcher, WatchSettings

    ingestor: Ingestor = app.state.ingestor
    watcher = Watcher(WatchSettings(feeds=settings.feeds, interval=settings.feed_interval),
                      sink=ingestor.ingest, state_db=app.state.db)
    thread = threading.Thread(target=watcher.run, kwargs={"stop": stop}, name="dateline-watch", daemon=True)
    thread.start()
    return thread


def create_app(settings: ApiSettings) -> FastAPI:
    """Build the app for ``settings``; the database opens at startup and closes at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.db)
        app.state.db = db
        factory = settings.pipeline_factory or default_pipeline_factory(settings.published)
        app.state.ingestor = Ingestor(db, factory)
        app.state.stories = stories.StoryCache()
        stop = threading.Event()
        thread = _start_feed_watcher(app, settings, stop)
        try:
            yield
        finally:
            stop.set()
            if thread is not None:
                thread.join(timeout=10)
            db.close()

    app = FastAPI(title="dateline", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    problems.install(app)
    for router in (events.router, ingest.router, stories.router, misc.router):
        app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    if settings.static_dir is not None and (settings.static_dir / "index.html").exists():
        app.mount("/", StaticFiles(directory=settings.static_dir, html=True), name="ui")
    return app


def app_from_env() -> Any:  # pragma: no cover - for `uvicorn dateline.api.app:app_from_env --factory`
    import os
    from pathlib import Path

    return create_app(ApiSettings(db=Path(os.environ.get("DATELINE_DB", "dateline.duckdb")),
                                  token=os.environ.get("DATELINE_TOKEN")))
