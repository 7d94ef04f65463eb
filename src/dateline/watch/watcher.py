"""Poll feeds and sitemaps, fetch the new articles they list, hand them to a sink (the pipeline + store).

A feed that is down, slow or returns garbage is logged and skipped until the
next poll; it never stops the others.  A page that fails to download is
retried on the next poll; a page that downloaded is not fetched again (even if
the pipeline rejected it: the rejection is stored with its reason).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from dateline.watch.feeds import FeedEntry, FeedError, parse_feed
from dateline.watch.fetch import FetchError, PoliteFetcher, decode_kind
from dateline.watch.state import DuckDBState, MemoryState, Validators, WatchState

log = logging.getLogger(__name__)

Sink = Callable[[Sequence[dict[str, Any]]], Any]


@dataclass(frozen=True, slots=True)
class WatchSettings:
    feeds: tuple[str, ...]
    interval: float = 300.0  # seconds between polls of all feeds
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 15.0
    max_new_per_feed: int = 50  # pages fetched from one feed per poll (the rest wait)
    batch_size: int = 8  # pages handed to the sink at once


@dataclass
class PollReport:
    """What one poll did (for logs, the CLI and tests)."""

    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: list[str] = field(default_factory=list)
    pages_fetched: int = 0
    pages_failed: list[str] = field(default_factory=list)
    ingested: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"feeds_ok": self.feeds_ok, "feeds_not_modified": self.feeds_not_modified,
                "feeds_failed": self.feeds_failed, "pages_fetched": self.pages_fetched,
                "pages_failed": self.pages_failed, "ingested": self.ingested}


class Watcher:
    """Watches ``settings.feeds``; new pages go to ``sink`` (e.g. ``Ingestor.ingest``)."""

    def __init__(self, settings: WatchSettings, sink: Sink, state_db: Any = None,
                 fetcher: PoliteFetcher | None = None, state: WatchState | None = None) -> None:
        for url in settings.feeds:
            if urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"feed {url!r} is not an http(s) URL")
        self.settings = settings
        self.sink = sink
        self.fetcher = fetcher or PoliteFetcher(delay=settings.delay, timeout=settings.timeout)
        self.state: WatchState = state or (DuckDBState(state_db) if state_db is not None else MemoryState())

    def _entries(self, url: str, report: PollReport, depth: int = 0) -> list[FeedEntry]:
        v = self.state.validators(url)
        resp = self.fetcher.get(url, v.etag, v.last_modified)
        if resp.not_modified:
            report.feeds_not_modified += 1
            return []
        entries = parse_feed(resp.body, resp.url)
        out: list[FeedEntry] = []
        for e in entries:
            if e.is_sitemap and depth == 0:  # a sitemap index: read its sitemaps (one level)
                try:
                    out += self._entries(e.url, report, depth + 1)
                except (FetchError, FeedError) as exc:
                    log.warning("sitemap %s skipped: %s", e.url, exc)
            elif not e.is_sitemap:
                out.append(e)
        # Validators are kept only once the document was read, so garbage is fetched again next time.
        self.state.set_validators(url, Validators(resp.etag, resp.last_modified))
        return out

    def poll_once(self) -> PollReport:
        report = PollReport()
        for feed in self.settings.feeds:
            try:
                entries = self._entries(feed, report)
            except (FetchError, FeedError) as exc:
                log.warning("feed %s skipped this time: %s", feed, exc)
                report.feeds_failed.append(feed)
                continue
            report.feeds_ok += 1
            new = [e for e in entries if not self.state.seen(e.url)][: self.settings.max_new_per_feed]
            self._fetch_pages(new, report)
        return report

    def _fetch_pages(self, entries: list[FeedEntry], report: PollReport) -> None:
        batch: list[tuple[str, dict[str, Any]]] = []
        for e in entries:
            if not self.fetcher.allowed(e.url):
                log.info("page %s skipped: robots.txt disallows it", e.url)
                self.state.mark_seen(e.url)
                continue
            try:
                resp = self.fetcher.get(e.url)
            except FetchError as exc:
                log.warning("page %s not fetched: %s", e.url, exc)
                report.pages_failed.append(e.url)
                continue
            report.pages_fetched += 1
            article: dict[str, Any] = {**decode_kind(resp), "url": resp.url, "id": resp.url,
                                       "source": urlsplit(resp.url).netloc}
            if e.title:
                article["title"] = e.title
            if e.published:
                article["published"] = e.published
            batch.append((e.url, article))
            if len(batch) >= self.settings.batch_size:
                self._flush(batch, report)
                batch = []
        if batch:
            self._flush(batch, report)

    def _flush(self, batch: list[tuple[str, dict[str, Any]]], report: PollReport) -> None:
        self.sink([a for _, a in batch])
        report.ingested += len(batch)
        for url, _ in batch:
            self.state.mark_seen(url)

    def run(self, stop: threading.Event | None = None, once: bool = False) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set (or once)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            try:
                report = self.poll_once()
                log.info("watch poll: %s", report.as_dict())
            except Exception:  # noqa: BLE001 - a watcher must outlive any one bad poll
                log.exception("watch poll failed; trying again in %.0f s", self.settings.interval)
            if once:
                return
            stop.wait(self.settings.interval)
