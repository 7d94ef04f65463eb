"""Feed watching against a local http.server on 127.0.0.1 (never any other address)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dateline.watch import FeedError, PoliteFetcher, Watcher, WatchSettings, parse_feed
from dateline.watch.state import MemoryState

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{body}</p></article></body></html>")


class Site:
    """What the local server serves, and a log of what was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}
        self.log: list[tuple[str, dict[str, str]]] = []

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
            headers: dict[str, str] | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, ctype, data, headers or {})


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            state.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            status, ctype, data, extra = state.routes.get(self.path, (404, "text/plain", b"not found", {}))
            etag = extra.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def rss(base: str, paths: Sequence[str]) -> str:
    items = "".join(f"<item><title>Story {p}</title><link>{base}{p}</link>"
                    f"<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


class Collect:
    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []

    def __call__(self, batch: Sequence[dict[str, Any]]) -> None:
        self.articles += batch


def _watcher(feeds: Sequence[str], sink: Collect, delay: float = 0.0) -> Watcher:
    return Watcher(WatchSettings(feeds=tuple(feeds), delay=delay, timeout=5), sink=sink,
                   fetcher=PoliteFetcher(delay=delay, timeout=5), state=MemoryState())


def test_parse_rss_atom_and_sitemaps() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
      <link rel="alternate" href="/a1"/><published>2021-03-02T10:00:00Z</published></entry></feed>"""
    entries = parse_feed(atom, "https://news.example/feed")
    assert entries[0].url == "https://news.example/a1" and entries[0].published == "2021-03-02T10:00:00Z"
    sitemap = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/s1</loc>
      <news:news><news:publication_date>2021-03-01</news:publication_date><news:title>S</news:title></news:news>
      </url><url><loc>javascript:alert(1)</loc></url></urlset>"""
    entries = parse_feed(sitemap, "https://n.example/sitemap.xml")
    assert [(e.url, e.title, e.published) for e in entries] == [("https://n.example/s1", "S", "2021-03-01")]
    rss_entries = parse_feed(rss("https://n.example", ["/x", "/x"]).encode(), "https://n.example/rss")
    assert len(rss_entries) == 1 and rss_entries[0].published.startswith("2021-03-02")
    for garbage in (b"", b"<html><body>hi</body></html>", b"\x00\xff garbage", b"<rss><channel>"):
        with pytest.raises(FeedError):
            parse_feed(garbage, "https://n.example/")


def test_new_pages_are_fetched_once_and_feeds_conditionally(site: tuple[Site, str]) -> None:
    srv, base = site
    srv.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    srv.add("/feed.xml", rss(base, ["/a", "/b", "/private/c"]), "application/rss+xml", headers={"ETag": '"v1"'})
    srv.add("/a", PAGE.format(title="Clashes in the north", body="Fighting broke out near the border."))
    srv.add("/b", PAGE.format(title="Talks resume", body="Negotiators met in Geneva on Monday."))
    srv.add("/private/c", PAGE.format(title="secret", body="no"))
    sink = Collect()
    w = _watcher([f"{base}/feed.xml"], sink)
    report = w.poll_once()
    assert report.feeds_ok == 1 and report.pages_fetched == 2
    assert sorted(a["url"] for a in sink.articles) == [f"{base}/a", f"{base}/b"]
    assert sink.articles[0]["title"].startswith("Story") and "Fighting" in sink.articles[0]["html"]
    assert all(path != "/private/c" for path, _ in srv.log), "robots.txt must be obeyed"
    assert all(h.get("user-agent", "").startswith("dateline-watch") for _, h in srv.log)
    second = w.poll_once()
    assert second.feeds_not_modified == 1 and second.pages_fetched == 0 and len(sink.articles) == 2
    feed_requests = [h for p, h in srv.log if p == "/feed.xml"]
    assert feed_requests[-1].get("if-none-match") == '"v1"'
    assert sum(p == "/robots.txt" for p, _ in srv.log) == 1


def test_a_broken_feed_does_not_stop_the_others(site: tuple[Site, str]) -> None:
    srv, base = site
    srv.add("/robots.txt", "", "text/plain", status=404)
    srv.add("/garbage.xml", b"\x89PNG not a feed at all", "application/xml")
    srv.add("/down.xml", "oops", "text/plain", status=503)
    srv.add("/ok.xml", rss(base, ["/a", "/gone"]), "application/rss+xml")
    srv.add("/a", PAGE.format(title="Curfew", body="Authorities imposed a curfew on Sunday."))
    sink = Collect()
    w = _watcher([f"{base}/garbage.xml", f"{base}/down.xml", f"{base}/missing.xml", f"{base}/ok.xml"], sink)
    report = w.poll_once()
    assert report.feeds_ok == 1 and len(report.feeds_failed) == 3
    assert [a["url"] for a in sink.articles] == [f"{base}/a"]
    assert report.pages_failed == [f"{base}/gone"]  # retried on the next poll
    srv.add("/gone", PAGE.format(title="Back", body="The page is back now."))
    assert w.poll_once().pages_fetched == 1


def test_per_host_rate_limit() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    fetcher = PoliteFetcher(delay=2.0, clock=lambda: now[0], sleep=sleep)
    fetcher._wait_turn("a.example", 2.0)
    now[0] += 0.5
    fetcher._wait_turn("a.example", 2.0)  # too soon: waits the remaining 1.5 s
    fetcher._wait_turn("b.example", 2.0)  # another host: no wait
    assert slept == [1.5]


def test_robots_disallow_all_and_crawl_delay(site: tuple[Site, str]) -> None:
    srv, base = site
    srv.add("/robots.txt", "User-agent: *\nCrawl-delay: 3\nDisallow: /\n", "text/plain")
    fetcher = PoliteFetcher(delay=0.0, timeout=5)
    assert not fetcher.allowed(f"{base}/feed.xml")
    assert fetcher._host_delay(base.split("//")[1]) == 3.0
    sink = Collect()
    w = Watcher(WatchSettings(feeds=(f"{base}/feed.xml",)), sink=sink, fetcher=fetcher, state=MemoryState())
    assert w.poll_once().feeds_failed == [f"{base}/feed.xml"]


def test_only_http_feeds() -> None:
    with pytest.raises(ValueError):
        Watcher(WatchSettings(feeds=("file:///etc/passwd",)), sink=Collect())
