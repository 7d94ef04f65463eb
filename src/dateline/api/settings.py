"""Server settings: one validated, frozen object built by ``dateline serve`` and passed to ``create_app``.

The defaults are the safe ones: writes need a token (no token configured
means writes are refused, not open), CORS is closed, bodies are bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Limits on what one request may carry.
MAX_BODY_BYTES = 8 * 1024 * 1024  # a whole POST body
MAX_ARTICLE_CHARS = 2_000_000  # one article's text or html
MAX_BATCH = 200  # articles in one POST


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """What the app needs to run; nothing is read from the environment inside the app."""

    db: Path
    token: str | None = None  # bearer token for writes; None: every write is refused (403)
    max_body_bytes: int = MAX_BODY_BYTES
    max_article_chars: int = MAX_ARTICLE_CHARS
    max_batch: int = MAX_BATCH
    cors_origins: tuple[str, ...] = ()  # closed by default
    static_dir: Path | None = STATIC_DIR  # the web UI; None serves the API only
    published: str | None = None  # default publication date for ingested articles without one
    # Builds the extraction pipeline on first ingest (tests inject a light one).
    pipeline_factory: Callable[[], Any] | None = field(default=None, compare=False)
    feeds: tuple[str, ...] = ()  # feeds watched in the background by the server itself
    feed_interval: float = 300.0
