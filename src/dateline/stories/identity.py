"""One name per person across the reports of a story.

A report that has already introduced "Suleyman Soylu, the interior minister" may
call him "Soylu" ever after, and a later report may never use his first name at
all.  Inside one article the actor resolver links the two; across articles the
stories stage does, here: in one story, a one-word speaker or participant name
that is the last word of exactly one longer *person* name used in the story
(a PERSON entity of some report) is that person.  Only people: "Hezbollah" is
never folded into "Kataib Hezbollah", nor "Washington" into a person named
Washington unless that person is the only candidate and is a PERSON in the story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from dateline.stories.model import ArticleView
from dateline.stories.text import fold


def person_aliases(articles: Iterable[ArticleView]) -> dict[str, str]:
    """Folded one-word name → the full person name (as written) it stands for in this story."""
    arts = list(articles)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    written: dict[str, str] = {}
    for a in arts:
        for name in a.people:
            words = name.split()
            if len(words) >= 2:
                full_by_last[fold(words[-1])].add(fold(name))
                written.setdefault(fold(name), name)
    used: set[str] = set()
    for a in arts:
        used.update(q.speaker for q in a.quotes if q.speaker)
        for m in a.events:
            used.update(m.actors)
            used.update(m.recipients)
    out: dict[str, str] = {}
    for name in used:
        key = fold(name)
        if " " in key or key in out:
            continue
        candidates = full_by_last.get(key, set())
        if len(candidates) == 1:
            out[key] = written[next(iter(candidates))]
    return out


def _rename(name: str | None, aliases: Mapping[str, str]) -> str | None:
    return aliases.get(fold(name), name) if name else name


def apply_aliases(view: ArticleView, aliases: Mapping[str, str]) -> ArticleView:
    """``view`` with its quote speakers and event participants named by ``aliases``."""
    if not aliases:
        return view
    quotes = tuple(replace(q, speaker=_rename(q.speaker, aliases)) for q in view.quotes)
    events = tuple(replace(m, actors=tuple(str(_rename(n, aliases)) for n in m.actors),
                           recipients=tuple(str(_rename(n, aliases)) for n in m.recipients))
                   for m in view.events)
    return replace(view, quotes=quotes, events=events)
