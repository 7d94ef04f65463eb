"""Stories across articles: clustering, event coreference, timeline and brief.

Public surface::

    build_stories(records) -> list[Story]
    render_brief(story, fmt="md" | "html" | "json") -> str
    brief_from_records(records, fmt, story=None, title=None) -> str   # every story's brief
    StoryIndex().add(record) -> story id      # incremental
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dateline.stories.brief import render_brief
from dateline.stories.cluster import StoryConfig, StoryIndex
from dateline.stories.coref import CorefConfig, merge_events
from dateline.stories.model import CanonicalEvent, Claim, EventMention, Story
from dateline.stories.normalize import article_view

if TYPE_CHECKING:
    from dateline.records import ArticleRecord


def build_stories(records: Iterable[Any], config: StoryConfig | None = None) -> list[Story]:
    """Cluster a batch of article records into stories with merged events.

    Records are sorted by (published, id) before streaming them through a
    :class:`StoryIndex`, so the result does not depend on input order; a
    refinement pass then moves articles that fit another story better.
    """
    views = sorted((article_view(r) for r in records), key=lambda v: (v.published or "", v.id))
    index = StoryIndex(config)
    index.extend(views)
    index.refine()
    index.close_all()
    return index.stories()


class UnknownStory(LookupError):
    """A story id that names no story of the given records (a caller's mistake)."""


def brief_from_records(records: Iterable[ArticleRecord], fmt: str = "md", story: str | None = None,
                       title: str | None = None) -> str:
    """The brief of every story of ``records`` (or of story ``story``), in ``fmt``.

    The one entry point the CLI uses; the API renders one story with :func:`render_brief`.
    """
    built = build_stories([r for r in records if r.status == "ok"])
    if story is not None:
        built = [s for s in built if s.id == story]
        if not built:
            raise UnknownStory(f"no story with id {story!r}")
    if not built:
        if fmt == "json":
            return "[]\n"
        return f"# {title or 'What we know'}\n\nNo accepted article reports an event yet.\n"
    return "\n".join(render_brief(s, fmt=fmt, title=title) for s in built)


__all__ = [
    "CanonicalEvent", "Claim", "CorefConfig", "EventMention", "Story", "StoryConfig",
    "StoryIndex", "UnknownStory", "article_view", "brief_from_records", "build_stories", "merge_events",
    "render_brief",
]
