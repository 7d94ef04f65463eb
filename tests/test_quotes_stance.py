"""Attribution frames added in round 3: stance adjectives, fronted objects,
phrasal cues, two-sided complements, the widened verb and noun lexicon.

Every sentence here is written for the test (no corpus text).
"""

from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.actors.kb import ActorKB
from dateline.extract.base import DocContext
from dateline.extract.quotes.extract import extract_quotes
from dateline.extract.quotes.lexicon import cue_lexicon
from dateline.records import CleanArticle, Quote
from modelcache import shared_model


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    kb = ActorKB.load_default()
    return kb


def quotes_of(text: str, kb: ActorKB) -> tuple[Quote, ...]:
    art = CleanArticle(id="x", text=text, origin="test", published=date(2020, 1, 1))
    ctx = DocContext(art, shared_model()(text), date(2020, 1, 1))
    return extract_quotes(ctx, kb.analyze(ctx))


def find(qs: tuple[Quote, ...], fragment: str) -> Quote:
    hits = [q for q in qs if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[(q.text, q.cue) for q in qs]}"
    return hits[0]


def test_on_is_a_preposition_not_a_boolean() -> None:
    lex = cue_lexicon()  # YAML 1.1 reads a bare `on` as True
    assert "on" in lex.prep["focus"] and "on" in lex.noun_preps
    assert all("true" not in v for v in lex.prep.values())


def test_prep_cue_with_on(kb: ActorKB) -> None:
    q = find(quotes_of("The governor focused mainly on cutting property taxes.", kb), "property taxes")
    assert q.speaker_text == "The governor" and q.cue is not None and q.cue.startswith("focused")


@pytest.mark.parametrize(("text", "fragment", "speaker", "cue"), [
    ("The mayor was openly critical of the new parking rules.", "parking rules", "The mayor", "critical of"),
    ("Farmers in the valley remain skeptical of the irrigation plan.", "irrigation plan",
     "Farmers in the valley", "skeptical of"),
    ("The union is confident that the strike will end soon.", "strike will end", "The union", "confident"),
    ("Local officials seemed eager to reopen the bridge.", "reopen the bridge", "Local officials", "eager"),
    ("Residents angry about the water shortage blocked the road.", "water shortage", "Residents",
     "angry about"),
])
def test_stance_adjectives(kb: ActorKB, text: str, fragment: str, speaker: str, cue: str) -> None:
    q = find(quotes_of(text, kb), fragment)
    assert q.speaker_text == speaker and q.cue == cue


def test_adjective_without_holder_is_no_attribution(kb: ActorKB) -> None:
    qs = quotes_of("It is unclear whether the dam will hold.", kb)
    assert not any("dam will hold" in q.text for q in qs)


def test_fronted_relative_object(kb: ActorKB) -> None:
    # PolNeAR marks the relative word as the content where there is one ...
    qs = quotes_of("The tax that the senator criticized was repealed in May.", kb)
    q = next(q for q in qs if q.cue == "criticized")
    assert q.text == "that" and q.speaker_text == "the senator"
    # ... and the modified noun where there is none
    q = find(quotes_of("The tax the senator criticized was repealed in May.", kb), "tax")
    assert q.cue == "criticized" and q.speaker_text == "the senator"


def test_fronted_wh_object_with_predicate(kb: ActorKB) -> None:
    qs = quotes_of("The bill contains what the minister called a modest reform.", kb)
    q = find(qs, "modest reform")
    assert q.cue == "called" and q.speaker_text == "the minister"


def test_relative_subject_is_not_an_object(kb: ActorKB) -> None:
    qs = quotes_of("The lawyer who criticized the court was fined.", kb)
    assert not any(q.text.startswith("The lawyer") for q in qs)


@pytest.mark.parametrize(("text", "fragment", "speaker", "cue"), [
    ("The ministry released a list of the closed schools on Tuesday.", "closed schools",
     "The ministry", "released"),
    ("The opposition leader likened the budget to a house of cards.", "budget", "The opposition leader",
     "likened"),
    ("The coach heralded the victory as a new beginning.", "victory", "The coach", "heralded"),
])
def test_new_stance_verbs(kb: ActorKB, text: str, fragment: str, speaker: str, cue: str) -> None:
    q = find(quotes_of(text, kb), fragment)
    assert q.speaker_text == speaker and q.cue == cue


def test_document_that_speaks_keeps_its_own_cue(kb: ActorKB) -> None:
    qs = quotes_of("The agency released figures that showed a sharp fall in exports.", kb)
    q = find(qs, "sharp fall")
    assert q.cue == "showed"


def test_noun_cues_added(kb: ActorKB) -> None:
    q = find(quotes_of("Her critique of the health plan drew wide attention.", kb), "health plan")
    assert q.speaker_text == "Her" and q.cue == "critique of"


def test_survey_frames_a_clause_with_its_own_cue(kb: ActorKB) -> None:
    text = "In a survey published on Monday, most teachers were critical of the new exams."
    q = find(quotes_of(text, kb), "most teachers")
    assert q.speaker_text == "a survey published on Monday"


def test_second_complement_of_a_speech_verb(kb: ActorKB) -> None:
    text = "“We will not give up,” the coach said, adding that the team would train harder."
    qs = quotes_of(text, kb)
    assert find(qs, "give up").speaker_text == "the coach"
    assert any("train harder" in q.text for q in qs)


def test_colon_closing_a_paragraph_introduces_the_next(kb: ActorKB) -> None:
    text = ("The governor issued the following statement:\n\n"
            "We mourn the loss of three firefighters who gave their lives for this town.")
    q = find(quotes_of(text, kb), "three firefighters")
    assert q.speaker_text == "The governor" and q.cue is not None and q.cue.endswith(":")


def test_colon_after_any_verb_clause(kb: ActorKB) -> None:
    text = "The senator went even further: the bill, she argued, would ruin small farms."
    qs = quotes_of(text, kb)
    assert any("small farms" in q.text and q.speaker_text in ("The senator", "she") for q in qs)


def test_dash_label_before_a_quote(kb: ActorKB) -> None:
    text = 'Martinez - "Our schools need more teachers, not more tests."'
    q = find(quotes_of(text, kb), "more teachers")
    assert q.speaker_text == "Martinez"


def test_passive_ask_keeps_the_question(kb: ActorKB) -> None:
    q = find(quotes_of("The mayor was asked why the bridge had stayed closed.", kb), "bridge")
    assert q.cue is not None and "asked" in q.cue


def test_poll_anywhere_in_the_sentence(kb: ActorKB) -> None:
    text = "The senator fell to third place in the latest poll released by the university."
    q = find(quotes_of(text, kb), "third place")
    assert q.speaker_text is not None and "poll" in q.speaker_text


def test_see_and_know_with_a_plain_object(kb: ActorKB) -> None:
    q = find(quotes_of("Investors see a real chance of a rate cut in March.", kb), "rate cut")
    assert q.speaker_text == "Investors" and q.cue == "see"


def test_unsourced_stance_noun(kb: ActorKB) -> None:
    q = find(quotes_of("Support for the new stadium has collapsed since the spring.", kb), "stadium")
    assert q.speaker_text is None and q.cue == "Support for"


def test_nested_main_clause_attribution_is_kept(kb: ActorKB) -> None:
    text = ("“The plant will close,” the manager warned, and the union leader Ana Ruiz "
            "said the workers would strike.")
    qs = quotes_of(text, kb)
    assert any(q.speaker_text == "the manager" for q in qs)


def test_holder_noun(kb: ActorKB) -> None:
    q = find(quotes_of("Maria Lopez is a fierce critic of the mining project.", kb), "mining project")
    assert q.speaker_text == "Maria Lopez" and q.cue == "critic of"


def test_uncued_quotation_is_kept_without_a_speaker(kb: ActorKB) -> None:
    text = ("The debate ran late into the night.\n\n"
            "“Nobody in this room believes the budget adds up.”")
    q = find(quotes_of(text, kb), "budget adds up")
    assert q.kind == "direct" and q.speaker is None and q.speaker_text is None


def test_continuation_keeps_the_speaker_mention(kb: ActorKB) -> None:
    text = "“We are ready,” the mayor said. “The shelters are open and the roads are clear.”"
    qs = quotes_of(text, kb)
    first, second = find(qs, "ready"), find(qs, "shelters are open")
    assert second.speaker_start == first.speaker_start and second.speaker_text == "the mayor"


def test_any_verb_tagging_a_quote(kb: ActorKB) -> None:
    q = find(quotes_of("“You are wrong about the tax,” Senator Ruiz shot back.", kb), "wrong about")
    assert q.speaker_text == "Senator Ruiz" and q.cue is not None and q.cue.startswith("shot")


# round 4: sources the parse frames lost (sentences written for the test)

def test_raising_verb_before_a_cue_verb(kb: ActorKB) -> None:
    q = find(quotes_of("Senator Jane Marlow seemed to mock the new budget plan.", kb), "budget plan")
    assert q.speaker_text == "Senator Jane Marlow" and q.cue == "mock"
    q = find(quotes_of("The new budget plan seems to favor large farms.", kb), "favor large farms")
    assert q.cue == "seems" and q.speaker_text is None  # a plan is not a speaker
    q = find(quotes_of("Senator Jane Marlow is expected to endorse the governor on Friday.", kb),
             "the governor")
    assert q.speaker_text == "Senator Jane Marlow" and q.cue == "endorse"
    q = find(quotes_of("The new tax is expected to raise prices.", kb), "raise prices")
    assert q.cue == "is expected" and q.speaker_text is None


def test_infinitive_on_a_noun_takes_the_clause_subject(kb: ActorKB) -> None:
    qs = quotes_of("The mayor held a short press conference to boast that crime had fallen sharply.", kb)
    assert find(qs, "crime had fallen").speaker_text == "The mayor"
    qs = quotes_of("The senator looked for chances to present herself as a careful reformer.", kb)
    assert find(qs, "careful reformer").speaker_text == "The senator"


def test_adjective_then_gerund_takes_the_subject(kb: ActorKB) -> None:
    qs = quotes_of("The senator has been aggressive in pushing the agency to publish the files.", kb)
    assert find(qs, "publish the files").speaker_text == "The senator"


def test_document_does_not_speak_for_its_author(kb: ActorKB) -> None:
    qs = quotes_of("The union struck back in a long article stating that the wage offer was an insult.", kb)
    assert find(qs, "wage offer").speaker_text == "The union"


def test_finite_verb_hung_on_the_subject_is_cut_from_the_source(kb: ActorKB) -> None:
    text = ("The mayor, speaking on a radio show, called the senator a “clown,” and said his "
            "remarks were “a gift” for his rivals.")
    q = find(quotes_of(text, kb), "remarks were")
    assert q.speaker_text == "The mayor, speaking on a radio show"


def test_inverted_speech_verb(kb: ActorKB) -> None:
    q = find(quotes_of("“How long will it take?” asked the farmer, who had driven two hours to "
                       "the meeting.", kb), "How long")
    assert q.speaker_text is not None and q.speaker_text.startswith("the farmer")


# Round 5: restrictions on weak frames (sentences written for the test).

def test_agentless_passive_with_a_relative_subject_is_no_attribution(kb: ActorKB) -> None:
    assert not quotes_of("The plan, which was criticized last week, goes to a vote on Monday.", kb)
    q = find(quotes_of("The plan, which was criticized by the mayor, goes to a vote on Monday.", kb),
             "which")
    assert q.speaker_text == "the mayor"


def test_find_with_a_plain_object_needs_a_study(kb: ActorKB) -> None:
    assert not quotes_of("The council found itself in a difficult position.", kb)
    assert not quotes_of("Residents of the valley found little work after the mill closed.", kb)
    q = find(quotes_of("A new survey found broad support for the tax.", kb), "broad support")
    assert q.speaker_text == "A new survey"


def test_open_complement_with_nobody_speaking(kb: ActorKB) -> None:
    assert not quotes_of("It is worth noting that the bridge opened early.", kb)


def test_set_phrase_after_a_prepositional_cue_is_no_topic(kb: ActorKB) -> None:
    assert not quotes_of("The mayor spoke on condition of anonymity.", kb)
    assert not quotes_of("The envoy spoke on the record for the first time.", kb)


def test_as_clause_of_a_non_speech_verb_is_a_time_clause(kb: ActorKB) -> None:
    assert not quotes_of("Prices rose sharply as the crowd cheered.", kb)
    q = find(quotes_of("Prices rose sharply, as the minister warned.", kb), "Prices rose")
    assert q.speaker_text == "the minister"


def test_voting_for_is_a_ballot_voting_against_a_stance(kb: ActorKB) -> None:
    assert not quotes_of("Most farmers voted for the governor in 2018.", kb)
    q = find(quotes_of("Three senators voted against the bill.", kb), "the bill")
    assert q.speaker_text == "Three senators"


def test_markup_tags_hold_no_cue(kb: ActorKB) -> None:
    text = '<tweet pic="" author="CityHall" timestamp="1">Snow day tomorrow for every school.</tweet>'
    assert not [q for q in quotes_of(text, kb) if q.cue == "tweet"]
