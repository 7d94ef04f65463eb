"""A polite HTTP client for the watcher: robots.txt, a per-host rate limit, conditional requests.

- robots.txt is read once per host (``urllib.robotparser``); a 404 allows
  everything, a 401/403 or a server error disallows the host for this run.
  A ``Crawl-delay`` larger than our own delay is honoured.
- Requests to one host are spaced by at least ``delay`` seconds.
- ``If-None-Match``/``If-Modified-Since`` come from the validators the
  caller keeps; a 304 comes back as ``not_modified``.
- Only http(s) URLs, redirects included; bodies are cut off at ``max_bytes``.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

USER_AGENT = "dateline-watch/0.1 (+https://github.com/dateline; polite news monitor)"


class FetchError(Exception):
    """A request failed (network, HTTP error, refused by robots.txt)."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"refusing redirect from {req.full_url} to {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class PoliteFetcher:
    """Fetches pages and feeds one host at a time, spaced and within robots.txt."""

    def __init__(self, delay: float = 1.0, timeout: float = 15.0, max_bytes: int = 5 * 1024 * 1024,
                 user_agent: str = USER_AGENT, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())

    # -- politeness --------------------------------------------------------
    def _wait_turn(self, host: str, delay: float) -> None:
        with self._lock:
            last = self._last.get(host)
            now = self._clock()
            if last is not None and now - last < delay:
                self._sleep(delay - (now - last))
            self._last[host] = self._clock()

    def _host_delay(self, host: str) -> float:
        robots = self._robots.get(host)
        crawl = robots.crawl_delay(self.user_agent) if robots is not None else None
        return max(self.delay, float(crawl or 0))

    def robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        host = parts.netloc
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser(f"{parts.scheme}://{host}/robots.txt")
            try:
                resp = self._request(f"{parts.scheme}://{host}/robots.txt", {}, check_robots=False)
                parser.parse(resp.body.decode("utf-8", errors="replace").splitlines())
            except FetchError as exc:
                status = getattr(exc, "status", None)
                if status in (401, 403) or (status is not None and status >= 500) or status is None:
                    parser.disallow_all = True  # type: ignore[attr-defined]
                else:  # 404 and other 4xx: no rules, everything allowed
                    parser.allow_all = True  # type: ignore[attr-defined]
            self._robots[host] = parser
        return self._robots[host]

    def allowed(self, url: str) -> bool:
        return self.robots_for(url).can_fetch(self.user_agent, url)

    # -- requests ----------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` politely; raises :class:`FetchError` on failure or a robots.txt refusal."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, check_robots=True)

    def _request(self, url: str, headers: dict[str, str], check_robots: bool) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"only http(s) URLs can be watched, not {url!r}")
        if check_robots and not self.allowed(url):
            raise FetchError(f"robots.txt disallows {url}")
        self._wait_turn(parts.netloc, self._host_delay(parts.netloc))
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                   "Accept-Encoding": "identity", **headers})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                body = resp.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(f"{url} is over the {self.max_bytes} byte limit")
                return Response(resp.geturl(), resp.status, body, resp.headers.get("ETag"),
                                resp.headers.get("Last-Modified"), resp.headers.get("Content-Type"))
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, b"", headers.get("If-None-Match"), headers.get("If-Modified-Since"), None)
            err = FetchError(f"{url}: HTTP {exc.code}")
            err.status = exc.code  # type: ignore[attr-defined]
            raise err from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise FetchError(f"{url}: {exc}") from exc


def decode_kind(resp: Response) -> dict[str, Any]:
    """How a fetched page is handed to the pipeline: html (most pages) or plain text."""
    ctype = (resp.content_type or "").lower()
    if "text/plain" in ctype:
        return {"text": resp.body.decode("utf-8", errors="replace")}
    return {"html": resp.body.decode(_charset(ctype), errors="replace")}


def _charset(ctype: str) -> str:
    for part in ctype.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            try:
                "".encode(value.strip('"'))
                return value.strip('"')
            except LookupError:
                break
    return "utf-8"
