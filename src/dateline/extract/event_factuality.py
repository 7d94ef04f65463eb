"""Is the event said to have happened?  Factuality from the governing words.

Walks from the trigger up its chain of heads to the clause that embeds it,
looking at negation ("did not open fire", "no plans to evacuate"), modal
auxiliaries ("could", "would"), conditionals ("if"), and governing verbs of
threat ("vowed to"), plan ("plans to"), denial, blame ("blamed the attack on",
"accused Iran of") and report ("according to police", "officials said").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

_THREAT = {"vow", "threaten", "warn", "swear", "pledge"}
_PLAN = {"plan", "intend", "aim", "prepare", "want", "seek", "hope", "expect", "propose",
         "consider", "decide", "agree", "offer", "promise", "try", "attempt", "mean", "wish"}
_DENY = {"deny", "reject", "dismiss", "refute"}
_ALLEGE = {"blame", "accuse", "allege", "charge", "claim", "hold"}
_REQUEST = {"urge", "call", "demand", "ask", "appeal", "order", "request", "press", "tell"}
_REFUSE = {"refuse", "decline", "fail"}
_REPORT = {"say", "report", "tell", "announce", "state", "confirm", "add", "note", "tweet",
           "write", "declare", "quote", "disclose", "reveal", "allege", "insist", "believe"}
_HYPO_AUX = {"could", "might", "may", "would", "should", "can", "must"}
_FUTURE_AUX = {"will", "shall", "'ll"}
_NEG_DET = {"no", "never", "neither", "nor"}
# Not "pobj": a nominal event inside a prepositional phrase ("retaliate for the
# airstrikes") is presupposed, so the governing verb's modality does not apply.
_CLIMB = {"xcomp", "ccomp", "acl", "advcl", "pcomp", "prep", "dobj", "conj",
          "nsubj", "nsubjpass", "attr", "oprd", "appos"}


@dataclass(frozen=True, slots=True)
class Factuality:
    """Factuality label, who it is attributed to (token), and the future flag."""

    label: str
    source: Token | None = None
    future: bool = False


def _negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in _NEG_DET):
            return True
    return False


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def _according_to(trigger: Token) -> Token | None:
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            for c in tok.nbor().children:
                if c.dep_ == "pobj":
                    return c
    return None


def _no_plan_before(trigger: Token) -> bool:
    """ "no plans" to evacuate, even when quotes break the parse between them."""
    i = trigger.i - 1
    doc = trigger.doc
    while i >= trigger.sent.start and (doc[i].is_punct or doc[i].lower_ == "to"):
        i -= 1
    if i < trigger.sent.start or i == trigger.i - 1:
        return False
    prev = doc[i]
    return prev.lemma_.lower() in {"plan", "intention", "need", "reason", "move"} and _negated(prev)


def assess(trigger: Token, max_up: int = 5) -> Factuality:
    """Factuality of the event whose trigger is ``trigger``."""
    if _no_plan_before(trigger):
        return Factuality("negated")
    tok = trigger
    future = False
    for step in range(max_up + 1):
        if _negated(tok):
            return Factuality("negated")
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in _HYPO_AUX and step <= 1:
                    return Factuality("hypothetical")
                if c.lower_ in _FUTURE_AUX:
                    future = True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless") and step <= 1:
                return Factuality("hypothetical")
        if step > 0:
            lemma = tok.lemma_.lower()
            if lemma in _THREAT:
                return Factuality("threatened", _subject(tok), True)
            if lemma in _PLAN or (tok.pos_ == "NOUN" and lemma in {"plan", "intention", "bid"}):
                return Factuality("planned", _subject(tok), True)
            if lemma in _REFUSE:
                return Factuality("negated")
            if lemma in _DENY:
                return Factuality("denied", _subject(tok))
            if lemma in _ALLEGE:
                return Factuality("alleged", _subject(tok))
            if lemma in _REQUEST:
                return Factuality("hypothetical", _subject(tok), True)
            if lemma in _REPORT and tok.pos_ == "VERB":
                src = _subject(tok)
                return Factuality("reported", src, future)
        if tok.dep_ not in _CLIMB or tok.head is tok:
            break
        tok = tok.head
    src = _according_to(trigger)
    if src is not None:
        return Factuality("reported", src, future)
    return Factuality("asserted", None, future)
