"""A story's timeline: its canonical events as dated rows, with numbered sources.

Rows are built from merged events only; each row names the sources (by the
story's source numbers) and the sentences it rests on.  Historical background
events stay in the timeline (marked) so the reader sees the sequence.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.stories.model import CanonicalEvent, Citation, Claim, Story


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline table."""

    date: str | None
    where: str | None
    what: str
    who: str
    dead: str
    sources: tuple[int, ...]
    citations: tuple[Citation, ...]
    event_id: str
    disputed: tuple[str, ...]


def source_numbers(story: Story) -> dict[str, int]:
    """Article id → 1-based source number, in (published, id) order."""
    return {a.id: i for i, a in enumerate(story.articles, start=1)}


def claims_text(claims: tuple[Claim, ...], numbers: dict[str, int]) -> str:
    """'25' when sources agree, '25 [1] / 24 [2]' when they do not, '–' when unstated."""
    if not claims:
        return "–"
    if len(claims) == 1:
        return str(claims[0].value)
    return " / ".join(f"{c.value} {cite_marks(c.article_ids, numbers)}" for c in claims)


def cite_marks(article_ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    return "".join(f"[{n}]" for n in sorted(numbers[a] for a in article_ids if a in numbers))


def describe(event: CanonicalEvent) -> str:
    """Short label of what happened: trigger words if known, then type and mode."""
    triggers = sorted({m.trigger.lower() for m in event.mentions if m.trigger})
    kind = event.event_type + (f", {event.mode}" if event.mode else "")
    head = ", ".join(triggers[:2])
    label = f"{head} ({kind})" if head else kind
    return label + (" (background)" if event.historical else "")


def who(event: CanonicalEvent) -> str:
    actors = ", ".join(event.actors[:3]) or "unnamed"
    if event.recipients:
        return f"{actors} → {', '.join(event.recipients[:3])}"
    return actors


def best_citations(event: CanonicalEvent) -> tuple[Citation, ...]:
    """One citation per source article (its first sentence mentioning the event)."""
    chosen: dict[str, Citation] = {}
    for m in sorted(event.mentions, key=lambda m: (m.article_id, m.citation.start or 0)):
        if m.article_id not in chosen or (not chosen[m.article_id].sentence and m.citation.sentence):
            chosen[m.article_id] = m.citation
    return tuple(chosen[a] for a in sorted(chosen))


def at_precision(iso: str | None, precision: str | None) -> str | None:
    """An ISO date as precise as it is known: "2019" for a year, "2019-12" for a month."""
    if iso and precision == "year":
        return iso[:4]
    if iso and precision == "month":
        return iso[:7]
    return iso


def timeline(story: Story) -> tuple[TimelineRow, ...]:
    """Timeline rows of a story, in date order (undated last)."""
    numbers = source_numbers(story)
    rows: list[TimelineRow] = []
    seen: dict[tuple[str | None, str | None, str, str | None, str], int] = {}
    # same day: the event most sources report first
    for ev in sorted(story.events, key=lambda e: (e.date or "9999", -len(e.article_ids), e.id)):
        key = (ev.date, ev.location_name, ev.event_type, ev.mode, who(ev))
        if key in seen and not ev.dead and len(ev.dates) <= 1:
            # the same kind of act by the same people, same day and place, that coreference
            # kept apart (too little evidence): one row, every source kept
            i = seen[key]
            old = rows[i]
            rows[i] = TimelineRow(
                old.date, old.where, old.what, old.who, old.dead,
                tuple(sorted(set(old.sources) | {numbers[a] for a in ev.article_ids if a in numbers})),
                old.citations + tuple(c for c in best_citations(ev) if c not in old.citations),
                old.event_id, old.disputed)
            continue
        if not ev.dead and len(ev.dates) <= 1:
            seen.setdefault(key, len(rows))
        rows.append(TimelineRow(
            date=at_precision(ev.date, ev.date_precision) if len(ev.dates) <= 1
            else claims_text(ev.dates, numbers),
            where=ev.location_name, what=describe(ev), who=who(ev),
            dead=claims_text(ev.dead, numbers),
            sources=tuple(sorted(numbers[a] for a in ev.article_ids if a in numbers)),
            citations=best_citations(ev), event_id=ev.id, disputed=ev.disputed))
    return tuple(rows)
