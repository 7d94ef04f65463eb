"""The story brief ("what we know") in Markdown, HTML or JSON.

Shape (see shared/expected/brief-example.md): a title line, a sub-line
(sources, last update, event dates, countries), key facts first, a timeline
table, who said what, unconfirmed or disputed points, and numbered sources.
Every line is built from merged events and quotes and cites its sources; in
Markdown each citation is followed by a footnote quoting the cited sentence,
in HTML the citation link carries the sentence (title attribute and a
footnote list), in JSON every line carries its citations with offsets.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateline.stories.model import ArticleView, CanonicalEvent, Citation, Story
from dateline.stories.phrase import fact_sentence
from dateline.stories.text import fold
from dateline.stories.timeline import (
    TimelineRow,
    best_citations,
    claims_text,
    describe,
    source_numbers,
    timeline,
)

MAX_KEY_FACTS = 5
MAX_QUOTES = 8
_VIOLENT = {"ASSAULT", "COERCE", "PROTEST"}


@dataclass(frozen=True, slots=True)
class BriefLine:
    """One cited line: plain text plus the sentences it rests on."""

    text: str
    citations: tuple[Citation, ...]
    emphasis: str = ""  # leading bold part (Markdown/HTML only)


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    subtitle: str
    key_facts: tuple[BriefLine, ...]
    timeline: tuple[TimelineRow, ...]
    quotes: tuple[BriefLine, ...]
    disputed: tuple[BriefLine, ...]
    sources: tuple[tuple[int, str, str], ...]  # (number, article id, description)


def _country_name(code: str) -> str:
    try:
        import pycountry
        c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else \
            pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):
        return code
    return str(getattr(c, "common_name", None) or getattr(c, "name", code)) if c else code


def _title(story: Story) -> str:
    titled = [a for a in story.articles if a.title][:50]
    if titled:
        return str(_central(titled).title).strip().rstrip(".")
    main = _ranked_events(story)
    if main:
        ev = main[0]
        return f"{describe(ev)} in {ev.location_name}" if ev.location_name else describe(ev)
    return story.articles[0].lede[:80] if story.articles else story.id


def _central(articles: list[ArticleView]) -> ArticleView:
    """The article whose content terms overlap most with the others' (ties: earliest)."""
    sets = [set(a.terms) for a in articles]

    def overlap(i: int) -> float:
        return sum(len(sets[i] & s) / (len(sets[i] | s) or 1) for j, s in enumerate(sets) if j != i)

    return articles[max(range(len(articles)), key=lambda i: (overlap(i), -i))]


def _importance(e: CanonicalEvent, newest: int) -> float:
    """How much an event matters for the key facts: sources first, then casualties,
    asserted (not merely reported or alleged) factuality and recency."""
    dead = max((int(c.value) for c in e.dead if isinstance(c.value, int)), default=0)
    injured = max((int(c.value) for c in e.injured if isinstance(c.value, int)), default=0)
    score = 2.0 * len(e.article_ids) + math.log10(1 + dead) * 1.5 + math.log10(1 + injured) * 0.5
    score += 1.0 if e.confirmed else 0.0
    score += 0.5 if e.event_type in _VIOLENT else 0.0
    if e.date and newest:
        age = newest - date.fromisoformat(e.date[:10]).toordinal()
        score += max(0.0, 1.0 - age / 14.0)
    return score


def _ranked_events(story: Story) -> list[CanonicalEvent]:
    """Current events, most important first (ties: date, id)."""
    days = [date.fromisoformat(e.date[:10]).toordinal() for e in story.events if e.date]
    newest = max(days, default=0)
    current = [e for e in story.events if not e.historical]
    return sorted(current, key=lambda e: (-_importance(e, newest), e.date or "9999", e.id))


def _key_events(story: Story) -> list[CanonicalEvent]:
    """The key facts: important events whose actor or recipient is known."""
    return [e for e in _ranked_events(story) if e.actors or e.recipients][:MAX_KEY_FACTS]


def _subtitle(story: Story) -> str:
    n = len(story.articles)
    parts = [f"Story of {n} source{'s' if n != 1 else ''}"]
    if story.last_published:
        parts.append(f"updated {story.last_published}")
    # the span of dated events; a year or a month ("this year") would stretch it to 1 January
    dates = sorted(e.date for e in story.events if e.date and not e.historical
                   and e.date_precision not in ("year", "month"))
    if dates:
        parts.append(f"events {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f"events {dates[0]}")
    countries = sorted({e.country for e in story.events if e.country} |
                       {c for a in story.articles for c in a.countries})
    if countries:
        parts.append(", ".join(_country_name(c) for c in countries[:4]))
    return " · ".join(parts)


def _fact_line(ev: CanonicalEvent, numbers: dict[str, int], year: int | None) -> BriefLine:
    return BriefLine("", best_citations(ev), emphasis=fact_sentence(ev, numbers, year))


def _quote_lines(story: Story) -> tuple[BriefLine, ...]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for a in story.articles:
        for q in a.quotes:
            groups[(q.speaker or "unattributed", fold(q.text))].append(q)
    ranked = sorted(groups.items(), key=lambda kv: (-len({q.article_id for q in kv[1]}),
                                                    kv[0][0] == "unattributed", kv[0]))
    lines = []
    for (speaker, _), qs in ranked[:MAX_QUOTES]:
        q = qs[0]
        role = f", {q.speaker_role}" if q.speaker_role else ""
        body = q.text.strip().rstrip(",;:").strip()
        text = body if q.kind != "indirect" else f"(paraphrase) {body}"
        cites = tuple(Citation(x.article_id, x.text, x.start, x.end)
                      for x in sorted(qs, key=lambda x: (x.article_id, x.start or 0)))
        lines.append(BriefLine(f"“{text}”", cites, emphasis=f"{speaker}{role}"))
    return tuple(lines)


def _disputed_lines(story: Story, numbers: dict[str, int]) -> tuple[BriefLine, ...]:
    lines = []
    for ev in sorted(story.events, key=lambda e: (e.date or "9999", e.id)):
        label = f"{describe(ev)}" + (f" on {ev.date}" if ev.date else "") + \
            (f" in {ev.location_name}" if ev.location_name else "")
        for name in ev.disputed:
            claims = {"dead": ev.dead, "injured": ev.injured, "arrested": ev.arrested,
                      "date": ev.dates, "event_type": ev.event_types}[name]
            cites = tuple(c for cl in claims for c in cl.citations)
            lines.append(BriefLine(f"{name}: sources differ, {claims_text(claims, numbers)}",
                                   cites, emphasis=label))
        if not ev.confirmed and not ev.historical:
            how = sorted({(m.factuality, m.attributed_to or "") for m in ev.mentions})
            said = "; ".join(f"{f} by {a}" if a else f for f, a in how)
            lines.append(BriefLine(f"{said}; not confirmed by others", best_citations(ev),
                                   emphasis=label))
    return tuple(lines)


def _source_desc(story: Story) -> tuple[tuple[int, str, str], ...]:
    out = []
    for n, a in enumerate(story.articles, start=1):
        bits = [a.title or f"article {a.id}"]
        if a.source:
            bits.append(a.source)
        if a.published:
            bits.append(f"published {a.published}")
        if a.dateline:
            bits.append(f"dateline {a.dateline}")
        if a.url:
            bits.append(a.url)
        out.append((n, a.id, ", ".join(bits)))
    return tuple(out)


def make_brief(story: Story) -> Brief:
    """Assemble the structured brief that the three renderers print."""
    numbers = source_numbers(story)
    year = int(story.last_published[:4]) if story.last_published else None
    facts = tuple(_fact_line(e, numbers, year) for e in _key_events(story))
    if not facts:  # no coded events: fall back to the articles' opening sentences, cited
        facts = tuple(BriefLine(a.lede, (Citation(a.id, a.lede, None, None),), emphasis="Reported:")
                      for a in story.articles[:3] if a.lede)
    return Brief(_title(story), _subtitle(story), facts, timeline(story), _quote_lines(story),
                 _disputed_lines(story, numbers), _source_desc(story))


# -- renderers -----------------------------------------------------------------

class _Footnotes:
    """Numbers each distinct cited sentence once (Markdown/HTML footnotes)."""

    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers
        self.notes: dict[tuple[str, int | None, str], int] = {}

    def mark(self, c: Citation) -> tuple[int, int | None]:
        src = self.numbers.get(c.article_id, 0)
        if not c.sentence:
            return src, None
        key = (c.article_id, c.start, c.sentence)
        if key not in self.notes:
            self.notes[key] = len(self.notes) + 1
        return src, self.notes[key]


def _by_source(cites: tuple[Citation, ...], fn: _Footnotes) -> list[Citation]:
    return sorted(cites, key=lambda c: (fn.numbers.get(c.article_id, 0), c.start or 0))


def _md_cites(cites: tuple[Citation, ...], fn: _Footnotes) -> str:
    out = []
    for c in _by_source(cites, fn):
        src, note = fn.mark(c)
        out.append(f"[{src}]" + (f"[^{note}]" if note else ""))
    return " ".join(dict.fromkeys(out))


def _end(text: str) -> str:
    """Close a line with exactly one full stop."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#!~"})


def _md(text: str | None) -> str:
    """Article-derived text made inert in Markdown: HTML entities for ``&``, ``<`` and ``>`` (no raw
    HTML such as ``<script>`` or ``<img onerror>`` reaches a renderer), Markdown punctuation
    backslash-escaped (no links, images or emphasis injected), one line."""
    text = html.escape(text or "", quote=False)
    return text.translate(_MD_SPECIAL).replace("\r", " ").replace("\n", " ")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _render_md(story: Story, b: Brief) -> str:
    fn = _Footnotes(source_numbers(story))
    out = [f"## {_md(b.title)}: what we know", f"*{_md(b.subtitle)}*", ""]
    for line in b.key_facts:
        body = (f"**{_md(line.emphasis)}** {_md(_end(line.text))}" if line.text
                else f"**{_md(_end(line.emphasis))}**")
        out.append(f"- {body} {_md_cites(line.citations, fn)}".rstrip())
    out += ["", "### Timeline", "| date | where | what | who → whom | dead | sources |",
            "|---|---|---|---|---|---|"]
    for r in b.timeline:
        # dead is generated (numbers and source marks such as "7 [1][2] / 8 [3]"), not article text
        cells = [*(_md(c) for c in (r.date or "undated", r.where or "–", r.what, r.who)), r.dead,
                 _md_cites(r.citations, fn)]
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    if not b.timeline:
        out.append("| – | – | no coded events | – | – | – |")
    if b.quotes:
        out += ["", "### Who said what"]
        out += [f"- {_md(q.emphasis)}: {_md(q.text)} {_md_cites(q.citations, fn)}" for q in b.quotes]
    out += ["", "### Unconfirmed or disputed"]
    if b.disputed:
        out += [f"- **{_md(d.emphasis)}**: {_md(_end(d.text))} {_md_cites(d.citations, fn)}" for d in b.disputed]
    else:
        out.append("- Nothing disputed between sources in the coded events.")
    out += ["", "### Sources"] + [f"[{n}] {_md(desc)}  " for n, _, desc in b.sources]
    if fn.notes:
        out.append("")
        for (aid, _, sentence), k in sorted(fn.notes.items(), key=lambda kv: kv[1]):
            out.append(f"[^{k}]: [{fn.numbers.get(aid, 0)}] “{_md(sentence)}”")
    return "\n".join(out) + "\n"


def _html_cites(cites: tuple[Citation, ...], fn: _Footnotes) -> str:
    out = []
    for c in _by_source(cites, fn):
        src, note = fn.mark(c)
        target = f"#fn-{note}" if note else f"#src-{src}"
        out.append(f'<a class="cite" href="{target}" title="{html.escape(c.sentence)}" '
                   f'data-article="{html.escape(c.article_id)}" data-start="{c.start}" '
                   f'data-end="{c.end}">[{src}]</a>')
    return "<sup>" + "".join(dict.fromkeys(out)) + "</sup>"


def _render_html(story: Story, b: Brief) -> str:
    e = html.escape
    fn = _Footnotes(source_numbers(story))
    out = ['<article class="brief">', f"<h2>{e(b.title)}: what we know</h2>",
           f'<p class="meta"><em>{e(b.subtitle)}</em></p>', "<ul>"]
    out += [f"<li><strong>{e(x.emphasis if x.text else _end(x.emphasis))}</strong>"
            f"{' ' + e(_end(x.text)) if x.text else ''} {_html_cites(x.citations, fn)}</li>"
            for x in b.key_facts]
    out += ["</ul>", "<h3>Timeline</h3>", "<table>",
            "<tr><th>date</th><th>where</th><th>what</th><th>who → whom</th><th>dead</th>"
            "<th>sources</th></tr>"]
    for r in b.timeline:
        out.append(f"<tr><td>{e(r.date or 'undated')}</td><td>{e(r.where or '–')}</td>"
                   f"<td>{e(r.what)}</td><td>{e(r.who)}</td><td>{e(r.dead)}</td>"
                   f"<td>{_html_cites(r.citations, fn)}</td></tr>")
    out.append("</table>")
    if b.quotes:
        out += ["<h3>Who said what</h3>", "<ul>"]
        out += [f"<li>{e(q.emphasis)}: {e(q.text)} {_html_cites(q.citations, fn)}</li>"
                for q in b.quotes]
        out.append("</ul>")
    out += ["<h3>Unconfirmed or disputed</h3>", "<ul>"]
    out += [f"<li><strong>{e(d.emphasis)}</strong>: {e(_end(d.text))} {_html_cites(d.citations, fn)}</li>"
            for d in b.disputed] or ["<li>Nothing disputed between sources in the coded events.</li>"]
    out += ["</ul>", "<h3>Sources</h3>", "<ol>"]
    out += [f'<li id="src-{n}" value="{n}">{e(desc)}</li>' for n, _, desc in b.sources]
    out.append("</ol>")
    if fn.notes:
        out.append('<ol class="footnotes">')
        for (aid, _, sentence), k in sorted(fn.notes.items(), key=lambda kv: kv[1]):
            out.append(f'<li id="fn-{k}" value="{k}">[{fn.numbers.get(aid, 0)}] '
                       f"<q>{e(sentence)}</q></li>")
        out.append("</ol>")
    out.append("</article>")
    return "\n".join(out) + "\n"


def _cite_json(c: Citation, numbers: dict[str, int]) -> dict[str, Any]:
    return {"source": numbers.get(c.article_id), "article_id": c.article_id,
            "sentence": c.sentence, "start": c.start, "end": c.end}


def brief_dict(story: Story) -> dict[str, Any]:
    """The brief as a JSON-able dict (what ``render_brief(fmt="json")`` prints)."""
    b = make_brief(story)
    numbers = source_numbers(story)

    def line(x: BriefLine) -> dict[str, Any]:
        return {"lead": x.emphasis, "text": x.text,
                "citations": [_cite_json(c, numbers) for c in x.citations]}

    return {
        "story_id": story.id, "title": b.title, "subtitle": b.subtitle,
        "key_facts": [line(x) for x in b.key_facts],
        "timeline": [{"date": r.date, "where": r.where, "what": r.what, "who": r.who,
                      "dead": r.dead, "sources": list(r.sources), "event_id": r.event_id,
                      "disputed": list(r.disputed),
                      "citations": [_cite_json(c, numbers) for c in r.citations]}
                     for r in b.timeline],
        "who_said_what": [line(x) for x in b.quotes],
        "disputed": [line(x) for x in b.disputed],
        "sources": [{"n": n, "article_id": aid, "description": d} for n, aid, d in b.sources],
    }


def _titled(b: Brief, title: str | None) -> Brief:
    return dataclasses.replace(b, title=title) if title else b


def render_brief(story: Story, fmt: str = "md", title: str | None = None) -> str:
    """Render a story's brief as ``md`` (Markdown), ``html`` or ``json``; ``title`` replaces its own."""
    if fmt in ("md", "markdown"):
        return _render_md(story, _titled(make_brief(story), title))
    if fmt == "html":
        return _render_html(story, _titled(make_brief(story), title))
    if fmt == "json":
        data = brief_dict(story)
        if title:
            data["title"] = title
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown brief format {fmt!r}: use 'md', 'html' or 'json'")
