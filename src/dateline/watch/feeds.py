"""Parse RSS 2.0, RSS 1.0/RDF, Atom and XML sitemaps into feed entries (stdlib only).

Namespaces are ignored (``{ns}link`` and ``link`` are read alike), so Atom,
RDF, Google News sitemaps and their variants parse with one small reader.
Anything that is not one of these raises :class:`FeedError`, which the
watcher logs and survives.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

MAX_ENTRIES = 500  # per feed document


class FeedError(ValueError):
    """The document is not a feed or sitemap we can read."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date or datetime when the feed says
    is_sitemap: bool = False  # an entry of a sitemap index: another sitemap to read


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el: ET.Element, *names: str) -> str | None:
    for child in el.iter():
        if child is not el and _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _iso(value: str | None) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) → ISO; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if value[:4].isdigit() and len(value) >= 10 and value[4] == "-":
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _http_url(url: str | None, base: str) -> str | None:
    if not url:
        return None
    full = urljoin(base, url.strip())
    return full if full.startswith(("http://", "https://")) else None


def _atom_link(entry: ET.Element) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        rel = child.get("rel", "alternate")
        if href and rel == "alternate":
            return href
        fallback = fallback or href or (child.text.strip() if child.text else None)
    return fallback


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom feed or a sitemap, in document order (duplicates dropped)."""
    if not data.strip():
        raise FeedError("empty document")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"not XML: {exc}") from exc
    kind = _local(root.tag)
    entries: list[FeedEntry] = []
    if kind in ("rss", "rdf"):
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            url = _http_url(_child_text(item, "link") or _child_text(item, "guid"), base_url)
            if url:
                entries.append(FeedEntry(url, _child_text(item, "title"),
                                         _iso(_child_text(item, "pubdate", "date"))))
    elif kind == "feed":
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            url = _http_url(_atom_link(entry), base_url)
            if url:
                entries.append(FeedEntry(url, _child_text(entry, "title"),
                                         _iso(_child_text(entry, "published", "updated"))))
    elif kind in ("urlset", "sitemapindex"):
        wanted = "url" if kind == "urlset" else "sitemap"
        for node in root:
            if _local(node.tag) != wanted:
                continue
            url = _http_url(_child_text(node, "loc"), base_url)
            if url:
                entries.append(FeedEntry(url, _child_text(node, "title"),
                                         _iso(_child_text(node, "publication_date", "lastmod")),
                                         is_sitemap=kind == "sitemapindex"))
    else:
        raise FeedError(f"not a feed or sitemap (root element <{kind}>)")
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.url not in seen:
            seen.add(e.url)
            unique.append(e)
    return unique[:MAX_ENTRIES]
