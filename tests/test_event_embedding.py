"""Embedded, quoted and background events: own time, place and factuality.

Sentences written for these tests; run through the full pipeline so that
times, places and quotes are the real extractors' output.
"""

from __future__ import annotations

from typing import Any

from dateline.extract.events.embedding import background_marked, embedding_root
from modelcache import shared_model


def _events(pipeline: Any, text: str, published: str = "2021-03-10") -> list[dict[str, Any]]:
    rec = pipeline.extract_text(text, published=published).to_dict()
    return list(rec["events"])


def _one(events: list[dict[str, Any]], word: str) -> dict[str, Any]:
    """The incident triggered by ``word``, else (dateline/2) the mention of an incident that is."""
    hits = [e for e in events if word in (e["trigger"] or "")]
    hits += [m for e in events for m in e.get("mentions", ()) if word in (m["trigger"] or "")]
    assert hits, [e["trigger"] for e in events]
    return hits[0]


def test_response_phrase_does_not_lend_place_and_date(pipeline: Any) -> None:
    events = _events(pipeline, "Militants shelled an army post in Kandahar on Wednesday in "
                               "retaliation for government airstrikes.")
    strikes = _one(events, "airstrikes")
    # before Wednesday, on a day the sentence does not give: unknown, not the publication week;
    # and not at the dateline either
    assert strikes["date"] is None and strikes["date_precision"] is None and strikes["date_text"] is None
    assert strikes["location"] is None
    shelled = _one(events, "shelled")
    assert shelled["date_text"] == "Wednesday"
    assert shelled["location"]["text"] and "Kandahar" in shelled["location"]["text"]


def test_embedded_event_keeps_its_own_time_and_place(pipeline: Any) -> None:
    events = _events(pipeline, "The rebels bombed a fuel depot in Mosul on Wednesday, a "
                               "response to a raid near Tikrit last Friday.")
    raid = _one(events, "raid")
    assert raid["date"] == "2021-03-05"
    assert raid["location"]["text"] == "Tikrit"
    bombed = _one(events, "bombed")
    assert bombed["location"]["text"] and "Mosul" in bombed["location"]["text"]


def test_threat_of_retaliation_does_not_make_the_cause_threatened(pipeline: Any) -> None:
    events = _events(pipeline, "The clan, which had vowed to retaliate for the police raids on "
                               "Monday that killed four men, blocked the highway.")
    raids = _one(events, "raids")
    assert raids["factuality"] == "asserted"
    assert raids["attributed_to"] is None
    assert raids["date_text"] == "Monday"
    for e in events:  # never a relative pronoun
        assert e["attributed_to"] not in ("which", "who", "that")


def test_relative_pronoun_source_resolves_to_antecedent(pipeline: Any) -> None:
    events = _events(pipeline, "Kataib Hezbollah, which threatened to attack the base, "
                               "denied any role.")
    attack = _one(events, "attack")
    assert attack["factuality"] == "threatened"
    assert attack["attributed_to"] and "Hezbollah" in attack["attributed_to"]


def test_quoted_event_is_reported_by_speaker_with_quote_place(pipeline: Any) -> None:
    text = ("“Gunmen killed three farmers in Zamfara,” the governor said from his office "
            "in Abuja on Tuesday.")
    events = _events(pipeline, text)
    killed = _one(events, "killed")
    assert killed["factuality"] == "reported"
    assert killed["attributed_to"] and "governor" in killed["attributed_to"].lower()
    loc = killed["location"]
    assert loc is None or loc["text"] is None or "Abuja" not in loc["text"]


def test_repeated_bare_noun_has_low_confidence(pipeline: Any) -> None:
    text = ("Protests erupted in Dhaka on Monday over the fee rise. Shops stayed shut "
            "across the city as the protests continued into the night.")
    events = _events(pipeline, text)
    # dateline/2: the repeated bare noun is a mention of the first protest, not an event of its own
    [protest] = [e for e in events if e["event_type"] == "PROTEST"]
    assert protest["confidence"] >= 0.5  # the first mention is the news
    assert [m["trigger"] for m in protest["mentions"]] == ["Protests", "protests"]


def test_background_markers() -> None:
    nlp = shared_model()
    doc = nlp("Large marches in the past few months had demanded reform.")
    assert background_marked(doc[1])  # marches
    doc = nlp("He was once jailed by the army.")
    assert background_marked(doc[3])  # jailed
    doc = nlp("Police arrested him on Monday.")
    assert not background_marked(doc[1])


def test_embedding_root_only_for_cause_phrases() -> None:
    nlp = shared_model()
    doc = nlp("Troops attacked the camp after gunmen ambushed a convoy.")
    assert embedding_root(doc[5]) is not None  # ambushed
    assert embedding_root(doc[1]) is None  # attacked
    doc = nlp("Police searched the house for weapons.")
    assert embedding_root(doc[5]) is None  # weapons: "for" under no response word


def test_after_phrase_still_lends_day_and_place_to_outer_event(pipeline: Any) -> None:
    events = _events(pipeline, "Police arrested twenty people after clashes on Monday in Patna.")
    arrested = _one(events, "arrested")
    assert arrested["date_text"] == "Monday"
    assert arrested["location"]["text"] == "Patna"
