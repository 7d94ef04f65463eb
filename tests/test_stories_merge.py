"""Event merging across and within articles: no chaining, no merging of different strikes,
one date per event per article, and the brief shows real conflicts with every source.

All texts and records are hand-made for these tests (facts loosely modelled on the
December 2019 events in Iraq)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.stories import build_stories, render_brief
from dateline.stories.brief import brief_dict
from dateline.stories.coref import compatible, corefer, merge_events
from dateline.stories.model import Citation, EventMention

BAGHDAD = (33.31, 44.36)
AIRPORT = (33.26, 44.23)
KIRKUK = (35.47, 44.39)
QAIM = (34.37, 41.09)


def em(article: str, eid: str, day: str | None, where: tuple[float, float] | None,
       mode: str | None = None, event_type: str = "ASSAULT",
       actors: tuple[str, ...] = ("United States",), recipients: tuple[str, ...] = (),
       dead: int | None = None, precision: str = "day", by_text: bool = True,
       place: str | None = None, start: int = 0, trigger: str = "strike") -> EventMention:
    lat, lon = where if where else (None, None)
    return EventMention(
        article_id=article, event_id=eid, event_type=event_type, mode=mode, date=day,
        date_precision=precision if day else None, location_name=place, country="IQ",
        lat=lat, lon=lon, location_precision="city", actors=actors, recipients=recipients,
        dead=dead, injured=None, arrested=None, factuality="asserted", attributed_to=None,
        historical=False, trigger=trigger,
        citation=Citation(article, f"sentence {eid} of {article}", start, start + 10),
        dated_by_text=by_text)


def _groups(events: tuple[Any, ...]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(m.key for m in e.mentions) for e in events}


# -- three strikes on three days stay three events ------------------------------------

_STRIKES = [
    # the rocket attack near Kirkuk, told by two reports, then recalled by a third
    em("a", "e1", "2019-12-27", KIRKUK, "heavy-weapons", recipients=("United States",),
       actors=(), dead=1, place="Kirkuk", trigger="rocket attack"),
    em("b", "e1", "2019-12-27", KIRKUK, "heavy-weapons", recipients=("United States",),
       actors=(), dead=1, place="Kirkuk", trigger="rockets"),
    em("b", "e2", "2019-12-29", QAIM, "aerial", recipients=("Kataib Hezbollah",), dead=25,
       place="al-Qaim", trigger="airstrikes", start=300),
    em("c", "e1", "2019-12-29", QAIM, "aerial", recipients=("Kataib Hezbollah",), dead=24,
       place="al-Qaim", trigger="struck"),
    # a generic "strikes" of report c, dated only by its publication (a fallback)
    em("c", "e2", "2019-12-30", QAIM, None, precision="week", by_text=False, trigger="strikes",
       place="al-Qaim", start=400),
    em("d", "e1", "2020-01-03", AIRPORT, "drone", recipients=("Qasem Soleimani",),
       place="Baghdad International Airport", trigger="drone strike"),
    em("d", "e2", "2020-01-03", BAGHDAD, None, actors=(), dead=7, place="Baghdad",
       trigger="killed", start=120),
    # report d recalls the earlier airstrikes in its background paragraph
    em("d", "e3", "2019-12-29", QAIM, "aerial", recipients=("Kataib Hezbollah",), dead=25,
       place="al-Qaim", trigger="airstrikes", start=900),
]


def test_three_strikes_on_three_days_stay_three_events() -> None:
    events = merge_events(_STRIKES)
    assert len(events) == 3
    by_date = {e.date: e for e in events}
    assert set(by_date) == {"2019-12-27", "2019-12-29", "2020-01-03"}
    assert by_date["2019-12-27"].article_ids == ("a", "b")
    assert {c.value for c in by_date["2019-12-27"].dead} == {1}
    assert {c.value for c in by_date["2019-12-29"].dead} == {24, 25}
    assert {c.value for c in by_date["2020-01-03"].dead} == {7}
    for e in events:  # no merge gives an event two far-apart dates
        assert len(e.dates) <= 1


def test_generic_strike_with_fallback_date_adds_no_date_dispute() -> None:
    (ev,) = [e for e in merge_events(_STRIKES) if e.date == "2019-12-29"]
    assert ("c", "e2") in {m.key for m in ev.mentions}
    assert [c.value for c in ev.dates] == ["2019-12-29"]
    assert "date" not in ev.disputed


@settings(max_examples=40, deadline=None)
@given(st.permutations(_STRIKES))
def test_strike_merging_does_not_depend_on_order(perm: list[EventMention]) -> None:
    assert merge_events(perm) == merge_events(_STRIKES)


# -- no chaining -----------------------------------------------------------------------

def test_chain_a_b_c_does_not_merge_a_and_c() -> None:
    a = em("a", "e1", "2019-12-27", BAGHDAD, "aerial", place="Baghdad")
    b = em("b", "e1", "2019-12-28", BAGHDAD, "aerial", place="Baghdad")  # one day from each
    c = em("c", "e1", "2019-12-29", BAGHDAD, "aerial", place="Baghdad")
    assert corefer(a, b) and corefer(b, c)
    assert not compatible(a, c)
    groups = _groups(merge_events([a, b, c]))
    assert not any({a.key, c.key} <= g for g in groups)
    assert len(groups) == 2


def test_chain_through_a_generic_mention_does_not_merge_two_modes() -> None:
    # "the attack" (generic) agrees with an air strike and with a rocket attack on the same
    # day and place; the air strike and the rocket attack are still two events
    air = em("a", "e1", "2019-12-29", BAGHDAD, "aerial", place="Baghdad")
    rockets = em("b", "e1", "2019-12-29", BAGHDAD, "heavy-weapons", place="Baghdad")
    generic = em("c", "e1", "2019-12-29", BAGHDAD, None, place="Baghdad", trigger="attack")
    assert corefer(air, generic) and corefer(rockets, generic)
    assert not compatible(air, rockets)
    groups = _groups(merge_events([air, rockets, generic]))
    assert not any({air.key, rockets.key} <= g for g in groups)


def test_one_article_never_gives_one_event_two_days() -> None:
    first = em("a", "e1", "2019-12-28", BAGHDAD, "aerial", place="Baghdad")
    second = em("a", "e2", "2019-12-29", BAGHDAD, "aerial", place="Baghdad", start=200)
    other = em("b", "e1", "2019-12-29", BAGHDAD, "aerial", place="Baghdad")
    assert not compatible(first, second)
    assert compatible(first, other)  # two reports may differ by a day
    for ev in merge_events([first, second, other]):
        assert len({m.date for m in ev.mentions if m.article_id == "a"}) <= 1


def test_different_types_do_not_merge_unless_generic_assault() -> None:
    crowd = em("a", "e1", "2019-12-31", BAGHDAD, "crowd-control", place="Baghdad",
               actors=("Embassy guards",))
    riot = em("b", "e1", "2019-12-31", BAGHDAD, "riot", event_type="PROTEST", place="Baghdad",
              actors=("Embassy guards",))
    generic = em("c", "e1", "2019-12-31", BAGHDAD, None, place="Baghdad",
                 actors=("Embassy guards",))
    assert not compatible(crowd, riot)
    assert compatible(generic, riot)  # everything else agrees
    assert not compatible(generic, replace(riot, date="2019-12-29"))


def test_places_far_apart_never_merge() -> None:
    assert not compatible(em("a", "e1", "2019-12-29", BAGHDAD, "aerial"),
                          em("b", "e1", "2019-12-29", KIRKUK, "aerial"))


# -- the brief shows a real conflict with both sources ---------------------------------

def _record(rid: str, published: str, title: str, text: str, dead: int,
            anchor: str) -> dict[str, Any]:
    start = text.index(anchor)
    return {
        "id": rid, "status": "ok",
        "article": {"text": text, "published": published, "title": title, "source": rid.upper()},
        "entities": [{"text": "Baghdad", "canonical": "Baghdad"}],
        "places": [{"name": "Baghdad International Airport", "country": "IQ"}],
        "events": [{
            "id": "e1", "event_type": "ASSAULT", "mode": "drone",
            "actor": [{"text": "U.S.", "name": "United States military"}],
            "recipient": [{"text": "the convoy", "name": "Quds Force convoy"}],
            "date": "2020-01-03", "date_precision": "day", "date_text": "Friday",
            "location": {"name": "Baghdad International Airport", "country": "IQ",
                         "lat": 33.26, "lon": 44.23, "precision": "site"},
            "dead": dead, "factuality": "asserted", "historical": False,
            "trigger": "drone strike", "evidence": [{"start": start, "end": start + len(anchor)}],
        }],
        "quotes": [],
    }


def _airport_story() -> list[dict[str, Any]]:
    return [
        _record("one", "2020-01-03", "Drone strike at Baghdad airport kills seven",
                "A U.S. drone strike hit a convoy at Baghdad airport on Friday. "
                "Seven people were killed in the drone strike, airport staff said.",
                7, "Seven people were killed"),
        _record("two", "2020-01-03", "Eight dead in U.S. strike on Baghdad airport convoy",
                "Eight people died on Friday when a U.S. drone strike hit two cars near "
                "Baghdad airport, a militia spokesman said.", 8, "Eight people died"),
    ]


def test_conflicting_tolls_are_listed_with_both_sources() -> None:
    (story,) = build_stories(_airport_story())
    assert len(story.events) == 1
    b = brief_dict(story)
    assert len(b["disputed"]) == 1
    line = b["disputed"][0]
    assert "7 [1]" in line["text"] and "8 [2]" in line["text"]
    assert {c["article_id"] for c in line["citations"]} == {"one", "two"}
    md = render_brief(story)
    assert "Seven people were killed" in md and "Eight people died" in md


def test_key_fact_reads_as_a_sentence_with_a_short_date() -> None:
    (story,) = build_stories(_airport_story())
    (fact,) = brief_dict(story)["key_facts"]
    assert fact["lead"].startswith("United States military drone strike killed 7")
    assert "on Fri 3 Jan" in fact["lead"]
    assert {c["source"] for c in fact["citations"]} == {1, 2}


def test_events_with_no_known_participants_are_not_key_facts() -> None:
    recs = _airport_story()
    extra = dict(recs[0]["events"][0], id="e2", event_type="PROTEST", mode="demo", actor=[],
                 recipient=[], dead=None, trigger="protest", date="2020-01-02")
    recs[0] = dict(recs[0], events=[recs[0]["events"][0], extra])
    (story,) = build_stories(recs)
    b = brief_dict(story)
    assert len(b["timeline"]) == 2  # the timeline stays complete
    assert len(b["key_facts"]) == 1
