"""Cross-article event coreference: merge, conflicts kept, unrelated apart, idempotent, order-free."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.stories.coref import corefer, haversine_km, merge_events
from dateline.stories.model import Citation, EventMention


def mention(article: str, event_type: str = "ASSAULT", day: str | None = "2021-03-02",
            lat: float | None = 9.06, lon: float | None = 7.49, dead: int | None = None,
            actors: tuple[str, ...] = ("Boko Haram",), recipients: tuple[str, ...] = ("villagers",),
            country: str | None = "NG", eid: str = "e1") -> EventMention:
    return EventMention(
        article_id=article, event_id=eid, event_type=event_type, mode=None, date=day,
        date_precision="day", location_name="Abuja" if lat is not None else None, country=country,
        lat=lat, lon=lon, location_precision="city", actors=actors, recipients=recipients,
        dead=dead, injured=None, arrested=None, factuality="asserted", attributed_to=None,
        historical=False, trigger="attack", citation=Citation(article, f"sentence of {article}", 0, 10))


def test_haversine_known_distance() -> None:
    # Baghdad to Kirkuk is roughly 240 km as the crow flies.
    assert 200 < haversine_km(33.34, 44.40, 35.47, 44.39) < 260
    assert haversine_km(1.0, 2.0, 1.0, 2.0) == 0.0


def test_two_reports_of_one_attack_merge_with_both_sources() -> None:
    events = merge_events([mention("a", dead=25), mention("b", day="2021-03-03", dead=25,
                                                          lat=9.08, lon=7.50)])
    assert len(events) == 1
    assert events[0].article_ids == ("a", "b")
    assert [c.value for c in events[0].dead] == [25]
    assert events[0].dead[0].article_ids == ("a", "b")


def test_conflicting_death_toll_is_kept_with_each_source() -> None:
    (ev,) = merge_events([mention("a", dead=25), mention("b", dead=24), mention("c", dead=25)])
    claims = {c.value: c.article_ids for c in ev.dead}
    assert claims == {25: ("a", "c"), 24: ("b",)}
    assert "dead" in ev.disputed
    assert {cit.article_id for c in ev.dead for cit in c.citations} == {"a", "b", "c"}


def test_unrelated_events_stay_apart() -> None:
    far_place = mention("b", lat=-1.29, lon=36.82, country="KE")
    other_week = mention("c", day="2021-03-20")
    other_type = mention("d", event_type="AGREE")
    other_actors = mention("e", actors=("Nigerian Army",), recipients=("ISWAP",))
    events = merge_events([mention("a"), far_place, other_week, other_type, other_actors])
    assert len(events) == 5
    assert not corefer(mention("a"), far_place)


def test_assault_and_coerce_are_one_family() -> None:
    assert corefer(mention("a"), mention("b", event_type="COERCE"))


def test_merge_is_idempotent() -> None:
    ms = [mention("a", dead=3), mention("b", dead=4), mention("c", day="2021-04-01"),
          mention("a", eid="e2", event_type="PROTEST", actors=("students",), recipients=())]
    once = merge_events(ms)
    again = merge_events([m for ev in once for m in ev.mentions])
    twice_in = merge_events(ms + ms)
    assert once == again == twice_in


_POOL = [mention("a", dead=7), mention("b", dead=8, day="2021-03-03"),
         mention("c", day="2021-03-04", lat=9.3, lon=7.4),  # chains through b
         mention("d", lat=None, lon=None, day=None),  # undated, unlocated: needs actors and more
         mention("e", event_type="THREATEN", actors=("Boko Haram",), recipients=("Abuja",)),
         mention("f", actors=("Army",), recipients=("Boko Haram",), day="2021-03-02"),
         replace(mention("g"), historical=True)]


@settings(max_examples=60, deadline=None)
@given(st.permutations(_POOL))
def test_merge_does_not_depend_on_arrival_order(perm: list[EventMention]) -> None:
    assert merge_events(perm) == merge_events(_POOL)
