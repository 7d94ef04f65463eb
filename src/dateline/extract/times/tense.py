"""Tense of the verb that governs a time expression, read from the dependency parse.

News reports the past, so a bare "Friday" is the last Friday; "will meet on
Friday" points forward.  This module finds the verb a time expression hangs
from and classifies it as past, present or future.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract.times.calendar import Tense

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Verbs whose complement or passive use points to the future ("is scheduled for Friday",
# "plans to meet Friday", "is due Monday").
_FORWARD_LEMMAS = frozenset({
    "schedule", "plan", "expect", "due", "slate", "set", "intend", "hope", "aim", "prepare",
    "agree", "decide", "promise", "vow", "threaten", "want", "seek", "propose",
})
# Verbs that put their time argument in the future whatever their own tense
# ("scheduled a news conference Thursday", "postponed the vote until Tuesday").
_RESCHEDULING_LEMMAS = frozenset({
    "schedule", "reschedule", "plan", "slate", "postpone", "delay", "defer", "adjourn", "extend",
})
_MAX_CLIMB = 8


def _governing_verb(token: Token) -> Token | None:
    """Climb from ``token`` to the first verb that is not itself an auxiliary."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, present or future for one verb, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or verb.lemma_ in _RESCHEDULING_LEMMAS:
        return "future"
    if "to" in words:  # infinitive: "plans to meet Friday", "is going to vote Monday"
        head = verb.head
        if head is not verb and (head.lemma_ in _FORWARD_LEMMAS or head.lower_ == "going"
                                 or (head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))):
            return "future"
        if head is not verb and depth < 2 and head.pos_ in ("VERB", "AUX"):
            return verb_tense(head, depth + 1)
        return None
    if verb.tag_ == "VBN" and verb.lemma_ in _FORWARD_LEMMAS and any(a.lemma_ == "be" for a in auxes):
        return "future"  # "is scheduled for", "is expected on"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"  # present perfect reports a past event
    if any(a.lower_ == "would" for a in auxes):
        return "future"  # reported plans: "said he would travel Thursday"
    if any(a.tag_ == "MD" for a in auxes):
        return None
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    if verb.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # present passive: "the case is heard in May"
    if verb.tag_ == "VBN":  # reduced relative / headline passive: "killed Sunday"
        return "past"
    return None


def governing_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the verb governing the characters ``start:end`` of ``doc``'s text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None
