"""Quotes: every form, speakers through the article, chants, offsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.extract.actors.kb import ActorKB
from dateline.extract.base import DocContext
from dateline.extract.quotes.extract import extract_quotes, quoted_spans
from dateline.records import CleanArticle, Quote
from modelcache import shared_model

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seeds" / "000_07c2f900d2d46056.txt"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    kb = ActorKB.load_default()
    return kb


def quotes_of(text: str, kb: ActorKB) -> tuple[Quote, ...]:
    art = CleanArticle(id="x", text=text, origin="test", published=date(2020, 1, 1))
    ctx = DocContext(art, shared_model()(text), date(2020, 1, 1))
    qs = extract_quotes(ctx, kb.analyze(ctx))
    for q in qs:  # offsets always point into the text
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    return qs


def find(qs: tuple[Quote, ...], fragment: str) -> Quote:
    hits = [q for q in qs if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in qs]}"
    return hits[0]


def test_quoted_spans_curly_straight_open() -> None:
    text = 'He said "yes we can" and “no more”.\n“An open quote runs on\n“next'
    spans = [text[q.start:q.end] for q in quoted_spans(text)]
    assert '"yes we can"' in spans and "“no more”" in spans
    assert "“An open quote runs on" in spans


def test_trailing_attribution_and_pronoun(kb: ActorKB) -> None:
    text = ("Health Minister Sara Lind visited the clinic on Monday.\n\n"
            "“We have enough vaccine for everyone in the region,” she said.")
    q = find(quotes_of(text, kb), "enough vaccine")
    assert q.kind == "direct" and q.cue == "said"
    assert q.speaker == "Sara Lind" and q.speaker_text == "she"
    assert q.speaker_role == "Health Minister"
    assert q.text.startswith("“") and q.text.endswith("”")  # marks included


def test_colon_and_tweet(kb: ActorKB) -> None:
    text = ("Senator Tom Greer tweeted: “The vote is a disgrace and we will appeal it.”\n\n"
            "He added in a statement: “Nobody is above the law in this country.”")
    qs = quotes_of(text, kb)
    assert find(qs, "disgrace").speaker == "Tom Greer"
    q2 = find(qs, "above the law")
    assert q2.speaker == "Tom Greer" and q2.cue == "added"


def test_indirect_and_according_to(kb: ActorKB) -> None:
    text = ("The Interior Ministry said that three officers were wounded in the blast. "
            "Two civilians died, according to a hospital official.")
    qs = quotes_of(text, kb)
    q = find(qs, "three officers")
    assert q.kind == "indirect" and q.text.startswith("that")
    assert q.speaker_text == "The Interior Ministry"
    q2 = find(qs, "Two civilians died")
    assert q2.cue == "according to" and q2.speaker_text == "a hospital official"


def test_mixed_partial_quote(kb: ActorKB) -> None:
    text = "Defense Minister Ana Ruiz said the army had taken “every measure to protect civilians” in the north."
    q = find(quotes_of(text, kb), "every measure")
    assert q.kind == "mixed" and q.speaker == "Ana Ruiz"


def test_multi_paragraph_continuation(kb: ActorKB) -> None:
    text = ("“The talks failed because nobody came prepared,” said negotiator Paul Amara.\n\n"
            "“We will try again next month with a smaller group of delegates.”")
    qs = quotes_of(text, kb)
    assert find(qs, "try again").speaker == "Paul Amara"


def test_organisation_it_said(kb: ActorKB) -> None:
    text = ("The World Health Organization warned of a cholera outbreak. "
            "Cases had doubled in a week, it said.")
    q = find(quotes_of(text, kb), "Cases had doubled")
    assert q.speaker == "World Health Organization"


def test_chants_belong_to_the_crowd(kb: ActorKB) -> None:
    text = ("Thousands of protesters marched to parliament chanting “The people want the fall "
            "of the regime” as police watched.")
    q = find(quotes_of(text, kb), "fall of the regime")
    assert q.kind == "chant" and q.speaker == "protesters"


def test_dash_attribution(kb: ActorKB) -> None:
    text = "“I waited six hours to vote and I would do it again.” ― Maria Lopez\n"
    q = find(quotes_of(text, kb), "six hours")
    assert q.speaker_text == "Maria Lopez"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared seed not available")
def test_seed_speakers(kb: ActorKB) -> None:
    text = SEED.read_text(encoding="utf-8")
    qs = quotes_of(text, kb)
    assert find(qs, "Iran killed an American contractor").speaker == "Trump"
    assert find(qs, "this is your time").speaker == "Trump"
    assert find(qs, "We are sending additional forces").speaker == "Mark T. Esper"
    assert find(qs, "Both Abdul Mahdi and Salih").speaker == "Morgan Ortagus"
    state = find(qs, "U.S. personnel are secure").speaker
    assert state is not None and "State" in state
    assert find(qs, "This is not a massive").speaker == "Douglas A. Silliman"
    chants = [q for q in qs if q.kind == "chant"]
    assert chants and all(q.speaker in ("protesters", "demonstrators") for q in chants)
    assert not any(q.kind != "chant" and "Death to America" == q.text.strip("“”") for q in qs)


# ------------------------------------------------------------- wide attribution
# PolNeAR-style cues beyond "said": intentions, stances, nominal and document cues.

def test_intention_and_stance_verbs(kb: ActorKB) -> None:
    text = ("The dockworkers' union wants to delay the vote until spring. "
            "The opposition leader called for an independent inquiry into the shooting. "
            "Mayor Lena Ortiz criticized the slow police response.")
    qs = quotes_of(text, kb)
    q = find(qs, "delay the vote")
    assert q.text.startswith("to delay") and q.cue == "wants"
    assert q.speaker_text is not None and "union" in q.speaker_text
    q = find(qs, "independent inquiry")
    assert q.cue == "called for" and q.speaker_text == "The opposition leader"
    q = find(qs, "slow police response")
    assert q.cue == "criticized" and q.speaker == "Lena Ortiz"


def test_said_in_a_statement_that(kb: ActorKB) -> None:
    text = "Campaign adviser Tom Reyes said in a statement that the race was now a contest of three."
    q = find(quotes_of(text, kb), "contest of three")
    assert q.text.startswith("that the race") and q.cue == "said"
    assert q.speaker_text == "Campaign adviser Tom Reyes"


def test_nominal_cue_with_possessor(kb: ActorKB) -> None:
    text = "The minister's claim that the border was secure drew ridicule from farmers."
    q = find(quotes_of(text, kb), "border was secure")
    assert q.text.startswith("that") and q.cue == "claim"
    assert q.speaker_text is not None and q.speaker_text.startswith("The minister")


def test_passive_agent_is_the_source(kb: ActorKB) -> None:
    text = "The new budget was endorsed by three regional governors on Friday."
    q = find(quotes_of(text, kb), "new budget")
    assert q.speaker_text == "three regional governors"


def test_document_is_the_source(kb: ActorKB) -> None:
    text = "In a survey released on Monday, two thirds of residents were unhappy with the council."
    q = find(quotes_of(text, kb), "two thirds")
    assert q.cue == "In" and q.speaker_text is not None and "survey" in q.speaker_text
    assert "unhappy with the council" in q.text


def test_to_person_means_according_to(kb: ActorKB) -> None:
    text = "To the retired judge Maria Hollis, the verdict was a warning to every official in the region."
    q = find(quotes_of(text, kb), "warning to every official")
    assert q.speaker_text is not None and "Maria Hollis" in q.speaker_text
    assert "retired judge" not in q.text
    # a "to" phrase that names no one is no attribution
    assert not quotes_of("To the surprise of many, the bill passed easily.", kb)


def test_nested_cue_stays_inside_the_outer_attribution(kb: ActorKB) -> None:
    text = "The senator said she wants to end the subsidy program next year."
    qs = quotes_of(text, kb)
    assert len(qs) == 1 and qs[0].cue == "said"
    assert "wants to end" in qs[0].text


def test_doubled_apostrophe_and_stray_closing_marks(kb: ActorKB) -> None:
    text = ("''We will not back down from this fight,'' said the mayor, Ana Ruiz.\n\n"
            "“Not today, not ever,“ she said.")
    qs = quotes_of(text, kb)
    q = find(qs, "not back down")
    assert q.text.startswith("''") and q.speaker_text == "the mayor, Ana Ruiz"
    q2 = find(qs, "Not today")
    assert q2.text == "“Not today, not ever,“" and q2.speaker_text == "she"


def test_raising_verb(kb: ActorKB) -> None:
    text = "The ceasefire appears to be holding along most of the front line."
    q = find(quotes_of(text, kb), "ceasefire")
    assert q.cue == "appears" and q.speaker is None and "holding" in q.text


@pytest.mark.parametrize(("text", "cue", "speaker"), [
    # the subject is inherited through an adjective ("careful not to mention")
    ("The senator was careful not to mention the governor by name at the rally.",
     "mention", "The senator"),
    # ... through a passive head and a conjunction
    ("The mayor was forced to retreat on Friday and said that the plan had been misread "
     "by his staff.", "said", "The mayor"),
    # ... through "by V-ing"
    ("The governor won the race by talking about jobs and schools.", "talking about",
     "The governor"),
    # ... through a noun the cue completes ("mounted a campaign to condemn")
    ("The union has mounted a campaign to condemn the new labour law.", "condemn", "The union"),
    # a relative "that" gives way to its antecedent
    ("The court released internal files that showed the company hid its losses for years.",
     "showed", "internal files"),
])
def test_inherited_speakers(kb: ActorKB, text: str, cue: str, speaker: str) -> None:
    q = next(q for q in quotes_of(text, kb) if q.cue == cue)
    assert q.speaker_text == speaker


def test_continued_and_one_word_quotes(kb: ActorKB) -> None:
    qs = quotes_of("“We will keep going until the last vote is counted,” she continued.", kb)
    assert [(q.cue, q.speaker_text) for q in qs] == [("continued", "she")]
    qs = quotes_of("“Nonsense,” the minister said. “Rubbish” was on every placard.", kb)
    assert [(q.text, q.speaker_text) for q in qs] == [("“Nonsense,”", "the minister")]


def test_trailing_name_speaker_survives_a_broken_parse(kb: ActorKB) -> None:
    # the small parser reads the name as a modifier of the quoted verb here
    text = ("Prime Minister Jacinda Ardern spoke after the vote.\n\n"
            "“Our borders stay closed, protecting everyone,” Ardern tweeted from her office in Wellington.")
    q = find(quotes_of(text, kb), "Our borders stay closed")
    assert q.speaker == "Jacinda Ardern"
    assert q.speaker_text == "Ardern"


def test_unknown_proper_name_source_is_kept_as_written(kb: ActorKB) -> None:
    q = find(quotes_of("“The bridge will reopen next month,” Okonkwo said.", kb), "bridge will reopen")
    assert q.speaker == "Okonkwo"
