"""Is the event said to have happened?  Factuality from the governing words.

Walks from the trigger up its chain of heads to the clause that embeds it,
looking at negation ("did not open fire", "no plans to evacuate"), modal
auxiliaries ("could", "would"), conditionals ("if"), and governing verbs of
threat ("vowed to"), plan ("plans to"), denial, blame ("blamed the attack on",
"accused Iran of") and report ("according to police", "officials said").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.extract.events.embedding import is_embedding_link

_THREAT = {"vow", "threaten", "warn", "swear", "pledge"}
_PLAN = {"plan", "intend", "aim", "prepare", "want", "seek", "hope", "expect", "propose",
         "consider", "decide", "agree", "offer", "promise", "try", "attempt", "mean", "wish",
         "commit"}
# Governing words of a stated intention: the event is promised, not done ("is ready to
# host talks").  "decide", "try" and "attempt" report a step already taken instead.
_INTENT_ADJ = {"willing", "ready", "prepared", "committed", "determined", "eager", "keen",
               "set", "poised", "due"}
_NOT_INTENT = {"decide", "try", "attempt"}
_DENY = {"deny", "reject", "dismiss", "refute"}
_ALLEGE = {"blame", "accuse", "allege", "charge", "claim", "hold"}
_REQUEST = {"urge", "call", "demand", "ask", "appeal", "order", "request", "press", "tell"}
_REFUSE = {"refuse", "decline", "fail"}
_REPORT = {"say", "report", "tell", "announce", "state", "confirm", "add", "note", "tweet",
           "write", "declare", "quote", "disclose", "reveal", "allege", "insist", "believe",
           "reiterate", "stress", "emphasize", "emphasise", "repeat", "assert", "argue",
           "maintain", "conclude", "indicate"}
#: Verbs whose subject speaks and whose time is the time of speaking ("police said on
#: Monday", "denied on Monday", "blamed Iran on Tuesday"), shared with the event anchors.
REPORTING = frozenset(_REPORT | _DENY | _ALLEGE | {"explain"})
#: Speech acts whose subject or object is a party, never a place ("the Pentagon said",
#: "blaming Tehran").
SPEECH_ACTS = frozenset((REPORTING | _REQUEST | _THREAT | {
    "condemn", "describe", "respond", "reply", "welcome", "praise", "criticize", "criticise"})
    - {"hold"})  # "Kenya will hold elections": not speech
_HYPO_AUX = {"could", "might", "may", "would", "should", "can", "must"}
_DEMAND_AUX = {"must"}  # "X said Y must withdraw": a demand by X on Y (PLOVER REQUEST)
_FUTURE_AUX = {"will", "shall", "'ll"}
_NEG_DET = {"no", "never", "neither", "nor"}
# Not "pobj": a nominal event inside a prepositional phrase ("retaliate for the
# airstrikes") is presupposed, so the governing verb's modality does not apply.
_CLIMB = {"xcomp", "ccomp", "acl", "advcl", "pcomp", "prep", "dobj", "conj",
          "nsubj", "nsubjpass", "attr", "oprd", "appos", "acomp"}
# "likely to", "free to", "orders to arrest": possible or ordered, not done.
_MODAL_WORDS = {"likely", "unlikely", "free", "able", "possible", "order", "instruction",
                "direction", "directive", "permission", "power", "case", "need", "should"}
_NOBODY = {"nobody", "none", "noone"}
_LIGHT_HOLDERS = {"put", "take", "place", "keep", "send", "remand", "hold"}


@dataclass(frozen=True, slots=True)
class Factuality:
    """Factuality label, who it is attributed to (token), and the future flag."""

    label: str
    source: Token | None = None
    future: bool = False
    refusal: bool = False  # negated by "not"/"no"/"fail to": a cooperative act refused
    demand: bool = False  # "must" in a reported clause: the speaker demands it
    ultimatum: bool = False  # "will withdraw ... unless": a conditional threat


def _negated(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in _NEG_DET):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in _NOBODY or (
                c.lower_ == "one" and any(d.lower_ == "no" for d in c.children))):
            return True  # "nobody was arrested", "no one was injured"
    return False


def _verb_negated(tok: Token) -> bool:
    """ "will not accept", "did not meet": a verb negated outright (a refusal)."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in tok.children)


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def _according_to(sent: Span) -> Token | None:
    if "ccording" not in sent.text:  # cheap test before the token scan
        return None
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            for c in tok.nbor().children:
                if c.dep_ == "pobj":
                    return c
    return None


def _no_plan_before(trigger: Token, sent_start: int) -> bool:
    """ "no plans" to evacuate, even when quotes break the parse between them."""
    i = trigger.i - 1
    doc = trigger.doc
    while i >= sent_start and (doc[i].is_punct or doc[i].lower_ == "to"):
        i -= 1
    if i < sent_start or i == trigger.i - 1:
        return False
    prev = doc[i]
    return prev.lemma_.lower() in {"plan", "intention", "need", "reason", "move"} and _negated(prev)


def _in_light_phrase(tok: Token) -> bool:
    """ "put under arrest", "take into custody": the noun is the event of the verb."""
    return tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in _LIGHT_HOLDERS


def _report_head(tok: Token) -> Token | None:
    """The reporting verb whose complement clause holds ``tok`` ("said it would ...")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in _REPORT | _THREAT:
            return cur.head
        if cur.dep_ not in ("xcomp", "conj", "acomp") or cur.head is cur:
            return None
        cur = cur.head
    return None


def _intent_word(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in _INTENT_ADJ and tok.pos_ in ("ADJ", "VERB"):
        return True
    return tok.pos_ == "NOUN" and lemma in {"plan", "intention", "bid", "readiness", "willingness"}


def assess(trigger: Token, max_up: int = 5, sent: Span | None = None) -> Factuality:
    """Factuality of the event whose trigger is ``trigger`` (``sent``: its sentence,
    when the caller has it; ``Token.sent`` is slow to recompute)."""
    if sent is None:
        sent = trigger.sent
    if _no_plan_before(trigger, sent.start):
        return Factuality("negated")
    tok = trigger
    future = False
    for step in range(max_up + 1):
        # the trigger's own clause: its verb, or the verb of the phrase a noun sits in
        near = step <= 1 or (step == 2 and trigger.dep_ == "pobj")
        if _negated(tok):
            return Factuality("negated", refusal=_verb_negated(tok))
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if step <= 1 and "if" in marks:
            return Factuality("hypothetical")
        for c in tok.children:
            if c.dep_ == "advcl" and step <= 1 and any(
                    m.dep_ == "mark" and m.lower_ == "unless" for m in c.children):
                return Factuality("threatened", _subject(tok), True, ultimatum=True)
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass"):
                word = c.lower_
                if word in _DEMAND_AUX and near:
                    speaker = _report_head(tok)
                    src = _subject(speaker) if speaker is not None else None
                    return Factuality("reported" if src is not None else "asserted", src,
                                      demand=True)
                if word in ("would", "'d") and near and _report_head(tok) is not None:
                    future = True  # reported future: "said it would allow"
                    continue
                if word in _HYPO_AUX and near:
                    return Factuality("hypothetical")
                if word in _FUTURE_AUX:
                    future = True
        if step > 0:
            lemma = tok.lemma_.lower()
            if lemma in _THREAT:
                return Factuality("threatened", _subject(tok), True)
            if lemma in _MODAL_WORDS and tok.pos_ in ("ADJ", "NOUN"):
                return Factuality("hypothetical")
            if _intent_word(tok):
                return Factuality("planned", _subject(tok), True)
            if lemma in _PLAN or (tok.pos_ == "NOUN" and lemma in {"plan", "intention", "bid"}):
                return Factuality("planned", _subject(tok), lemma not in _NOT_INTENT)
            if lemma in _REFUSE:
                return Factuality("negated", refusal=lemma == "fail")
            if lemma in _DENY:
                return Factuality("denied", _subject(tok))
            if lemma in _ALLEGE and (lemma != "hold" or any(
                    c.lower_ in ("responsible", "accountable", "liable") for c in tok.children)):
                return Factuality("alleged", _subject(tok))
            if lemma in _REQUEST and not (lemma == "order" and trigger.head is tok
                                          and trigger.dep_ == "dobj"):  # "ordered a probe"
                return Factuality("hypothetical", _subject(tok), True)
            if lemma in _REPORT and tok.pos_ == "VERB":
                src = _subject(tok)
                return Factuality("reported", src, future)
        if tok.head is tok or (tok.dep_ not in _CLIMB and not _in_light_phrase(tok)):
            break
        if is_embedding_link(tok):
            break  # "vowed to retaliate for the airstrikes": the airstrikes happened
        tok = tok.head
    src = _according_to(sent)
    if src is not None:
        return Factuality("reported", src, future)
    return Factuality("asserted", None, future)
