"""Brief shape: title line, key facts, timeline, quotes, disputes, numbered sources, citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dateline.stories import build_stories, render_brief

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "stories" / "baghdad-airport-strike"


def load_example() -> list[dict]:
    with (EXAMPLE / "records.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main_story():
    return next(s for s in build_stories(load_example()) if len(s.articles) > 1)


def test_markdown_brief_has_the_sections_and_cites_every_line() -> None:
    md = render_brief(main_story(), "md")
    lines = md.splitlines()
    assert lines[0].startswith("## ") and lines[0].endswith(": what we know")
    assert lines[1].startswith("*Story of 4 sources")
    for heading in ("### Timeline", "### Who said what", "### Unconfirmed or disputed", "### Sources"):
        assert heading in md
    facts = [ln for ln in lines if ln.startswith("- **")]
    assert facts and all(re.search(r"\[\d+\]", ln) for ln in facts)
    rows = [ln for ln in lines if ln.startswith("| 20")]
    assert rows and all(re.search(r"\[\d+\]\[\^\d+\]", ln) for ln in rows)
    # the conflicting toll is shown with each source, not averaged
    assert re.search(r"7 \[\d\]\[\d\]\[\d\] / 8 \[\d\]", md)


def test_markdown_footnotes_quote_sentences_from_the_sources() -> None:
    recs = {r["id"]: r["article"]["text"] for r in load_example()}
    story = main_story()
    md = render_brief(story, "md")
    notes = re.findall(r"^\[\^(\d+)\]: \[(\d+)\] “(.+)”$", md, flags=re.M)
    assert notes
    for _, src, sentence in notes:
        article_id = story.articles[int(src) - 1].id
        assert sentence in recs[article_id]
    used = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    assert used == {n for n, _, _ in notes}


def test_html_and_json_carry_the_same_citations() -> None:
    story = main_story()
    html = render_brief(story, "html")
    assert html.startswith('<article class="brief">') and "<table>" in html
    assert 'class="cite"' in html and "&quot;" not in html.split("<h2>")[1].split("</h2>")[0]
    data = json.loads(render_brief(story, "json"))
    assert data["title"] and len(data["sources"]) == 4
    for fact in data["key_facts"]:
        assert fact["citations"]
        for c in fact["citations"]:
            assert 1 <= c["source"] <= 4 and c["sentence"]


def test_unknown_format_is_a_clear_error() -> None:
    try:
        render_brief(main_story(), "pdf")
    except ValueError as err:
        assert "md" in str(err)
    else:
        raise AssertionError("expected ValueError")
