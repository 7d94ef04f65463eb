"""HTML pages: main text and metadata with trafilatura, captions collected ourselves.

trafilatura strips navigation, related links and footers well, but drops
figure captions (shared/docs/PACKAGES.md); we collect ``<figcaption>`` text
with lxml and hand it back separately so the cleaner can keep each caption
once and mark it as a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml.etree import ParserError
from trafilatura import bare_extraction

from dateline.errors import Reason, Rejection

STAGE = "html"

_WS = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    author: str | None
    site: str | None
    url: str | None
    captions: tuple[str, ...]


def _figcaptions(html: str) -> tuple[str, ...]:
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ()
    seen: list[str] = []
    for node in tree.iter("figcaption"):
        text = _WS.sub(" ", node.text_content()).strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def extract_html(html: str, origin: str = "") -> HtmlArticle:
    """Main text and metadata of one page; raises Rejection when there is no article body."""
    try:
        doc = bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, ParserError) as exc:  # trafilatura raises these on broken markup
        raise Rejection(Reason.NO_ARTICLE_BODY, f"{origin or 'page'}: HTML could not be parsed ({exc})",
                        STAGE) from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise Rejection(Reason.NO_ARTICLE_BODY,
                        f"{origin or 'page'}: no article body found in the HTML "
                        "(navigation, boilerplate or an empty page)", STAGE)
    meta = doc
    title = getattr(meta, "title", None)
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _WS.sub(" ", first).strip() == _WS.sub(" ", title).strip():
        text = rest.strip()  # the headline is metadata, not a sentence of the report
    captions = _figcaptions(html)
    return HtmlArticle(
        text=text,
        title=title,
        published=getattr(meta, "date", None),
        author=getattr(meta, "author", None),
        site=getattr(meta, "sitename", None) or getattr(meta, "hostname", None),
        url=getattr(meta, "url", None),
        captions=captions,
    )
