"""One name per person across the reports of a story (stories/identity.py)."""

from __future__ import annotations

from typing import Any

from dateline.stories import build_stories
from dateline.stories.identity import person_aliases
from dateline.stories.normalize import article_view


def _rec(rid: str, text: str, people: list[str], speakers: list[str], orgs: list[str] = ()) -> Any:
    ents = [{"text": p, "label": "PERSON", "canonical": p} for p in people] + \
           [{"text": o, "label": "ORG", "canonical": o} for o in orgs]
    quotes = [{"text": f"statement {i} about the blast", "speaker": s, "kind": "indirect"}
              for i, s in enumerate(speakers)]
    return {"id": rid, "status": "ok", "entities": ents, "quotes": quotes,
            "article": {"text": text, "published": "2022-11-14"}}


def test_a_surname_in_one_report_is_the_full_name_of_another() -> None:
    views = [article_view(_rec("a", "The minister spoke.", ["Suleyman Soylu"], ["Suleyman Soylu"])),
             article_view(_rec("b", "Soylu spoke again.", [], ["Soylu"]))]
    assert person_aliases(views) == {"soylu": "Suleyman Soylu"}


def test_no_alias_when_two_people_share_the_surname_or_the_full_name_is_no_person() -> None:
    two = [article_view(_rec("a", "x", ["Joe Biden", "Hunter Biden"], ["Joe Biden"])),
           article_view(_rec("b", "y", [], ["Biden"]))]
    assert person_aliases(two) == {}
    org = [article_view(_rec("a", "x", [], ["Kataib Hezbollah"], orgs=["Kataib Hezbollah"])),
           article_view(_rec("b", "y", [], ["Hezbollah"]))]
    assert person_aliases(org) == {}  # the Lebanese group is not the Iraqi militia


def test_brief_speakers_follow_the_alias() -> None:
    text = "Interior Minister Suleyman Soylu said a suspect was held after the Istiklal blast in Istanbul."
    recs = [_rec("a", text, ["Suleyman Soylu"], ["Suleyman Soylu"]),
            _rec("b", text.replace("Interior Minister Suleyman Soylu", "Soylu"), [], ["Soylu"])]
    story = max(build_stories(recs), key=lambda s: len(s.articles))
    assert len(story.articles) == 2
    assert {q.speaker for a in story.articles for q in a.quotes} == {"Suleyman Soylu"}
