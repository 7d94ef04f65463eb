"""Stories across articles: clustering, event coreference, timeline and brief.

Public surface::

    build_stories(records) -> list[Story]
    render_brief(story, fmt="md" | "html" | "json") -> str
    StoryIndex().add(record) -> story id      # incremental
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dateline.stories.brief import render_brief
from dateline.stories.cluster import StoryConfig, StoryIndex
from dateline.stories.coref import CorefConfig, merge_events
from dateline.stories.model import CanonicalEvent, Claim, EventMention, Story
from dateline.stories.normalize import article_view


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


__all__ = [
    "CanonicalEvent", "Claim", "CorefConfig", "EventMention", "Story", "StoryConfig",
    "StoryIndex", "article_view", "build_stories", "merge_events", "render_brief",
]
