"""A first "What we know" brief over article records (per-article events, no cross-article merge).

Key events in date order, each citing its evidence sentence with a numbered
source and a footnote quoting the sentence.  The stories package
(``dateline.stories``) builds the merged, multi-source brief; this module is
the fallback when it is not available and the shared formatting helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Background and unasserted events don't make the key-facts list.
_KEY_FACTUALITY = {"asserted", "reported", "alleged"}


def _who(refs: list[dict[str, Any]]) -> str:
    names = [r.get("name") or r.get("text") or "" for r in refs]
    return ", ".join(n for n in names if n) or "–"


def _sentence(text: str, evidence: list[dict[str, int]]) -> str:
    if not evidence:
        return ""
    start = min(s["start"] for s in evidence)
    end = max(s["end"] for s in evidence)
    return " ".join(text[start:end].split())


def render_markdown(records: Iterable[dict[str, Any]], title: str | None = None) -> str:
    """Markdown brief of the accepted records (rejections are listed at the end)."""
    sources: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    rows: list[tuple[str, int, dict[str, Any], dict[str, Any]]] = []
    for rec in records:
        if rec.get("status") != "ok":
            rejected.append(rec)
            continue
        sources.append(rec)
        n = len(sources)
        for ev in rec["events"]:
            if ev.get("historical") or ev.get("factuality") not in _KEY_FACTUALITY:
                continue
            rows.append((ev.get("date") or "9999", n, ev, rec))
    rows.sort(key=lambda r: (r[0], r[1], min((s["start"] for s in r[2]["evidence"]), default=0)))

    dates = [r[0] for r in rows if r[0] != "9999"]
    lines = [f"## {title or 'What we know'}", ""]
    span = f" · events {dates[0]} to {dates[-1]}" if dates else ""
    lines.append(f"*{len(sources)} source{'s' if len(sources) != 1 else ''}{span}*")
    lines.append("")
    if not rows:
        lines.append("No events were coded from these articles.")
    footnotes: list[str] = []
    for date, n, ev, rec in rows:
        where = (ev.get("location") or {}).get("name") or "place not stated"
        what = ev["event_type"] + (f", {ev['mode']}" if ev.get("mode") else "")
        who = _who(ev.get("actor", []))
        whom = _who(ev.get("recipient", []))
        size = "".join(
            f", {label} {ev[key]}" for key, label in (("dead", "dead"), ("injured", "injured"),
                                                      ("arrested", "arrested")) if ev.get(key) is not None
        )
        trigger = ev.get("trigger") or ev["event_type"].lower()
        fact = "" if ev.get("factuality") == "asserted" else f" ({ev['factuality']}"
        if fact and ev.get("attributed_to"):
            fact += f" by {ev['attributed_to']}"
        fact += ")" if fact else ""
        footnotes.append(_sentence(rec["article"]["text"], ev.get("evidence", [])))
        fn = len(footnotes)
        when = date if date != "9999" else "date not stated"
        lines.append(f"- **{when}** · {where} · {who} → {whom}: {trigger} ({what}){size}{fact} [{n}][^{fn}]")
    lines.append("")
    lines.append("### Sources")
    for n, rec in enumerate(sources, 1):
        art = rec["article"]
        label = art.get("title") or art.get("url") or rec["id"]
        meta = ", ".join(x for x in (f"published {art['published']}" if art.get("published") else "",
                                     f"dateline {art['dateline']}" if art.get("dateline") else "") if x)
        lines.append(f"[{n}] {label}" + (f", {meta}" if meta else ""))
    if rejected:
        lines.append("")
        lines.append("### Not read")
        for rec in rejected:
            lines.append(f"- {rec.get('rejection', {}).get('origin') or rec['id']}: {rec['error']}")
    if footnotes:
        lines.append("")
        for fn, sentence in enumerate(footnotes, 1):
            lines.append(f"[^{fn}]: “{sentence}”")
    return "\n".join(lines) + "\n"


class UnknownStory(LookupError, ValueError):
    """``--story`` names no story of these records."""


def brief_from_records(records: list[dict[str, Any]], fmt: str = "md", story: str | None = None,
                       title: str | None = None) -> str:
    """The brief for ``records``: merged stories when the stories package is there, else per-article."""
    import importlib

    try:
        stories: Any = importlib.import_module("dateline.stories")
    except ImportError:
        stories = None
    if stories is not None and hasattr(stories, "build_stories") and hasattr(stories, "render_brief"):
        built = stories.build_stories([r for r in records if r.get("status") == "ok"])
        if story is not None:
            built = [s for s in built if str(getattr(s, "id", "")) == story]
            if not built:
                raise UnknownStory(f"no story with id {story!r}")
        if built:
            return "\n".join(stories.render_brief(s, fmt=fmt, title=title) for s in built)
    if fmt != "md":
        raise ValueError(f"format {fmt!r} needs the stories package")
    return render_markdown(records, title=title)
