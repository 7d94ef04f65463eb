"""Event participants on multi-paragraph news: datelines, amounts, idioms, instruments.

Every sentence here is written for these tests (facts may be real)."""

from __future__ import annotations

from datetime import date

from dateline.extract.actors.kb import ActorKB
from dateline.extract.base import DocContext
from dateline.extract.events.coder import extract_events
from dateline.extract.events.lexicon import load_lexicon
from dateline.extract.events.participants import clean_heads, dateline_tokens, is_amount
from dateline.records import CleanArticle, Event
from modelcache import shared_model


def code(text: str, kb: bool = False, span: tuple[int, int] | None = None) -> tuple[Event, ...]:
    art = CleanArticle(id="x", text=text, origin="test", published=date(2020, 3, 14),
                       dateline_span=span)
    doc = shared_model()(text)
    ctx = DocContext(art, doc, date(2020, 3, 14))
    resolver = ActorKB.load_default() if kb else None
    entities = resolver.analyze(ctx).entities if resolver is not None else ()
    return extract_events(ctx, entities, (), (), (), resolver)


def triggers(events: tuple[Event, ...]) -> list[str | None]:
    return [e.trigger for e in events]


def one(events: tuple[Event, ...], word: str) -> Event:
    hits = [e for e in events if e.trigger and word in e.trigger]
    assert hits, triggers(events)
    return hits[0]


def actor_texts(e: Event) -> list[str]:
    return [a.text for a in e.actor]


def test_dateline_is_never_an_actor() -> None:
    text = ("TAJI, Iraq — Fifteen rockets struck a camp north of the capital on Wednesday, "
            "killing two American soldiers and a British medic.")
    events = code(text)
    hit = one(events, "struck")
    assert hit.event_type == "ASSAULT"
    assert all("TAJI" not in a.text for e in events for a in e.actor + e.recipient)
    assert hit.actor == ()  # rockets are the instrument, not the agent
    assert hit.dead == 3


def test_dateline_subject_gives_way_to_the_real_subject() -> None:
    text = ("The police were on alert.\n\nHONG KONG — Hundreds of students occupied a "
            "university campus on Sunday.")
    doc = shared_model()(text)
    blocked = dateline_tokens(doc, None)
    assert {doc[i].text for i in blocked} >= {"HONG", "KONG", "—"}
    for e in code(text):
        assert all("KONG" not in a.text for a in e.actor)


def test_dateline_span_is_blocked() -> None:
    text = "Kabul: Gunmen shot dead a journalist outside his home on Tuesday."
    e = one(code(text, span=(0, 6)), "shot")
    assert actor_texts(e) == ["Gunmen"]


def test_amount_recipient_becomes_the_group() -> None:
    text = ("Kataib Hezbollah threatened to retaliate. American airstrikes on Sunday killed "
            "19 of the group's fighters near the border.")
    e = one(code(text, kb=True), "airstrikes")
    assert e.dead == 19
    assert e.recipient and e.recipient[0].text != "19"
    assert e.recipient[0].name == "Kataib Hezbollah"


def test_numbered_fighters_take_the_militia_named_before() -> None:
    text = ("Kataib Hezbollah said it would answer. Israeli jets killed six militia "
            "fighters on Sunday.")
    e = one(code(text, kb=True), "killed")
    assert e.dead == 6
    assert any(r.name == "Kataib Hezbollah" for r in e.recipient)


def test_bare_amounts_are_no_party() -> None:
    text = "Soldiers fired on the crowd, killing four and wounding dozens."
    for e in code(text):
        for r in e.recipient + e.actor:
            assert r.text not in ("dozens", "four"), e
    doc = shared_model()("Thousands marched while dozens watched.")
    assert is_amount(doc[0]) and is_amount(doc[3])
    # "Thousands of farmers": the farmers, not the amount
    doc = shared_model()("Thousands of farmers blocked the highway.")
    assert clean_heads((0,), doc, frozenset(), load_lexicon(), actor=True) == (2,)


def test_forcing_ones_way_in_is_a_movement() -> None:
    events = code("Dozens of rioters forced their way into the parliament building.")
    assert not any(e.event_type == "COERCE" for e in events), [
        (e.trigger, e.event_type) for e in events]
    smashed = one(code("Protesters smashed their way into the ministry."), "smashed")
    assert all("way" not in r.text for r in smashed.recipient)
    assert any("ministry" in r.text for r in smashed.recipient)


def test_rockets_striking_a_base_is_an_assault_not_a_labour_strike() -> None:
    e = one(code("Several missiles struck an air base near Erbil on Monday."), "struck")
    assert (e.event_type, e.mode) == ("ASSAULT", "heavy-weapons")
    assert e.acled_sub_event_type == "Shelling/artillery/missile attack"
    strike = one(code("Dock workers went on strike on Monday over unpaid wages."), "strike")
    assert strike.event_type == "PROTEST"
    walkout = one(code("Teachers began an open-ended strike on Monday."), "strike")
    assert walkout.event_type == "PROTEST"


def test_drone_strike_mode_and_acled() -> None:
    e = one(code("A Turkish drone strike hit a convoy in northern Syria."), "drone strike")
    assert (e.event_type, e.mode) == ("ASSAULT", "drone")
    assert e.acled_sub_event_type == "Air/drone strike"


def test_bases_hosting_troops_is_no_visit() -> None:
    events = code("Rockets have repeatedly hit bases hosting British troops this year.")
    assert not any(e.event_type == "CONSULT" for e in events), triggers(events)
    visit = code("Egypt will host the Sudanese foreign minister next week.")
    assert any(e.event_type in ("CONSULT", "AGREE") for e in visit)


def test_accused_event_is_not_a_new_event() -> None:
    text = ("Gunmen attacked a checkpoint in Diyala on Monday. The governor blamed "
            "Islamic State for the violence and condemned the killing.")
    events = code(text)
    assert [e.trigger for e in events if e.event_type == "ASSAULT"] == ["attacked"]
    text = "No group claimed responsibility for the attack."
    assert not any(e.event_type == "ASSAULT" for e in code(text))


def test_instrument_subject_passes_down_its_actor() -> None:
    text = ("ADEN — A Saudi air strike on a market killed 14 people on Friday, "
            "officials said.")
    events = code(text, kb=True)
    killers = [e for e in events if e.event_type == "ASSAULT"]
    assert killers and all("ADEN" not in a.text for e in killers for a in e.actor)
    main = killers[0]
    assert any(a.country == "SAU" for a in main.actor), main.actor
    assert main.dead == 14


def test_planner_is_the_actor_of_a_planned_attack() -> None:
    e = one(code("The cell was preparing plans to attack a police station."), "attack")
    assert actor_texts(e) != ["plans"]


def test_publication_fallback_keeps_week_precision() -> None:
    e = one(code("Protesters blocked the main highway."), "blocked")
    assert (e.date, e.date_precision, e.date_text) == ("2020-03-14", "week", None)
