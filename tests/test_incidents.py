"""Incidents, not mentions (issue #13): on articles written for these tests."""

from __future__ import annotations

import pytest

from dateline.extract.events.incidents import _Figure, _gather
from dateline.records import Span
from dateline.schema import validate_record

pytestmark = pytest.mark.model

PUBLISHED = "2021-06-07"  # a Monday


def incidents(pipeline, text: str) -> list[dict]:
    rec = pipeline.extract_text(text, published=PUBLISHED).to_dict()
    validate_record(rec)
    assert rec["schema"] == "dateline/2"
    return rec["events"]


def assaults(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event_type"] == "ASSAULT"]


def test_mentions_of_one_attack_are_one_incident(pipeline) -> None:
    events = incidents(pipeline, "Gunmen attacked a market in Kano on Friday, killing four traders. "
                                 "The attack also wounded nine people, police said.")
    [inc] = assaults(events)
    assert (inc["dead"], inc["injured"]) == (4, 9)
    assert inc["date"] == "2021-06-04" and inc["location"]["name"] == "Kano"
    assert {m["trigger"] for m in inc["mentions"]} >= {"attacked", "attack"}
    assert len(inc["evidence"]) == 2  # both sentences
    assert events[0] is inc or events[0]["confidence"] >= inc["confidence"]


def test_a_restated_toll_is_not_added(pipeline) -> None:
    events = incidents(pipeline, "A car bomb killed seven soldiers in Mogadishu on Sunday. "
                                 "Police said the blast killed seven soldiers.")
    [inc] = assaults(events)
    assert inc["dead"] == 7
    assert len(inc["mentions"]) == 2 and all(m["dead"] == 7 for m in inc["mentions"])


def test_separate_victim_groups_are_summed(pipeline) -> None:
    events = incidents(pipeline, "Twelve civilians, eight soldiers and five rebels were killed in "
                                 "fighting in the town of Beni on Tuesday.")
    [inc] = assaults(events)
    assert inc["dead"] == 25


def test_no_one_hurt_is_zero(pipeline) -> None:
    events = incidents(pipeline, "Rebels shelled an army post near Goma on Monday. No one was hurt, the army said.")
    [inc] = assaults(events)
    assert inc["injured"] == 0 and inc["dead"] is None


def test_no_casualties_is_zero_dead_and_injured(pipeline) -> None:
    events = incidents(pipeline, "Protesters marched through Lagos on Monday. Police fired tear gas to "
                                 "disperse the protesters. There were no casualties.")
    protest = [e for e in events if e["acled_event_type"] == "Protests"]
    assert len(protest) == 1
    inc = protest[0]
    assert inc["event_type"] == "PROTEST" and inc["acled_sub_event_type"] == "Protest with intervention"
    assert (inc["dead"], inc["injured"]) == (0, 0)


def test_at_least_is_the_figure_with_its_qualifier(pipeline) -> None:
    events = incidents(pipeline, "Troops killed at least 12 fighters in an ambush near Marawi on Saturday.")
    [inc] = assaults(events)
    assert inc["dead"] == 12
    assert [(c["field"], c["value"], c["qualifier"]) for c in inc["claims"]] == [("dead", 12, "at least")]


def test_the_blast_names_the_bombing(pipeline) -> None:
    events = incidents(pipeline, "A bomb exploded at a bus station in Quetta on Thursday, killing five people. "
                                 "Nobody claimed responsibility for the blast, which also wounded 20.")
    [inc] = assaults(events)
    assert (inc["dead"], inc["injured"]) == (5, 20)
    assert inc["date"] == "2021-06-03"


def test_two_attacks_on_two_days_stay_two(pipeline) -> None:
    events = incidents(pipeline, "Militants attacked a police station in Peshawar on Saturday, killing two "
                                 "officers. On Monday, militants ambushed a convoy in Quetta, killing six soldiers.")
    got = sorted((e["date"], e["dead"]) for e in assaults(events))
    assert got == [("2021-06-05", 2), ("2021-06-07", 6)]


def _fig(value: int, source: str | None, victim: str = "fighter", qualifier: str | None = None) -> _Figure:
    return _Figure("dead", value, victim, source, qualifier, Span(0, 1))


def test_figures_that_differ_by_source_are_claims() -> None:
    value, per_source, differ = _gather([_fig(12, "the army", qualifier="at least"), _fig(3, "a rebel spokesman")])
    assert differ and value == 3  # no narrator's figure: the lowest, as ACLED does
    assert {(p.source, p.value) for p in per_source} == {("the army", 12), ("a rebel spokesman", 3)}
    value, _, differ = _gather([_fig(12, None), _fig(3, "a rebel spokesman")])
    assert differ and value == 12  # the narrator's figure


def test_restated_and_updated_and_separate_figures() -> None:
    assert _gather([_fig(7, None, "soldier"), _fig(7, None, "people")])[0] == 7  # restated
    assert _gather([_fig(3, None, "people"), _fig(5, None, "people")])[0] == 5  # updated toll
    assert _gather([_fig(3, None, "soldier"), _fig(4, None, "civilians")])[0] == 7  # two victim groups


def _undated(pipeline, text: str) -> list[dict]:
    """Incidents of a note that states its own date (no publication date given, as in ACLED)."""
    rec = pipeline.extract_text(text).to_dict()
    validate_record(rec)
    return rec["events"]


def test_as_reported_aside_does_not_take_the_date(pipeline) -> None:
    events = _undated(pipeline, "Around 2 March 2022 (as reported), near Jos, a farmer was killed and his "
                                "body was found by the road.")
    assert assaults(events) and all(e["date"] == "2022-03-02" for e in assaults(events))


def test_a_stated_day_carries_to_the_next_sentence(pipeline) -> None:
    events = _undated(pipeline, "On 9 April 2022, insurgents raided a market near Maiduguri. Later that "
                                "evening, two traders were wounded.")
    assert assaults(events) and all(e["date"] == "2022-04-09" for e in assaults(events))


def test_the_date_governing_the_act_beats_a_nearer_noun_modifier(pipeline) -> None:
    events = _undated(pipeline, "On 8 February 2022, nurses of the city hospital, on strike since November "
                                "2021, gathered in Lyon to protest against low pay.")
    protests = [e for e in events if e["event_type"] == "PROTEST"]
    assert protests and protests[0]["date"] == "2022-02-08"


def test_held_a_march_is_neither_speech_nor_an_allegation(pipeline) -> None:
    events = _undated(pipeline, "On 12 March 2022, members of a farmers' union held a march in Nairobi "
                                "against fuel prices.")
    protests = [e for e in events if e["event_type"] == "PROTEST"]
    assert protests and protests[0]["date"] == "2022-03-12"
    assert protests[0]["factuality"] == "asserted"


def test_the_act_a_protest_is_about_is_background(pipeline) -> None:
    events = _undated(pipeline, "On 4 April 2022, villagers held a protest in Multan against the police for "
                                "conducting a raid on a farmer's house.")
    typed = [e for e in events if e["acled_event_type"] and not e["historical"]]
    assert [e["event_type"] for e in typed] == ["PROTEST"]
    together = _undated(pipeline, "On 3 May 2022, demonstrators rallied in Lagos and were attacked by police.")
    assert len([e for e in together if e["acled_event_type"] and not e["historical"]]) == 2


def test_a_reference_of_another_mode_is_another_act(pipeline) -> None:
    events = incidents(pipeline, (
        "HAWIJA, Iraq — American jets struck three militia depots near Hawija on Sunday, killing 31 "
        "fighters, military officials said. Officials described the raids as a reply to the rocket "
        "attack near Tikrit on Thursday that killed a security guard."))
    aerial = [e for e in events if e["mode"] == "aerial"]
    assert len(aerial) == 1 and aerial[0]["dead"] == 31, events
    assert all(m["dead"] != 1 for m in aerial[0]["mentions"])


def test_an_untold_act_with_its_own_toll_is_another_incident(pipeline) -> None:
    events = incidents(pipeline, (
        "A drone strike near the port killed nine people on Friday, local officials said. Anger had "
        "been growing for weeks after government airstrikes killed 40 villagers in the hills."))
    drone = [e for e in events if e["mode"] == "drone"]
    assert len(drone) == 1 and drone[0]["dead"] == 9, events
