"""Cues whose content stands before them: relative and wh-clauses.

"the deal (that) the senator criticized", "what he called corruption",
"the one candidate she wants": the cue verb's object is fronted, so the
complement readers of :mod:`dateline.extract.quotes.frames` find nothing to
its right.  PolNeAR then marks as content the relative word itself ("what",
"which", "that") or, where there is none, the noun the clause modifies; with
"call"/"name" and a predicate ("what they called ''a rush''") the predicate.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.extract.quotes.frames import ADDRESSEE_OBJECT, Frame, cue_span, make_frame
from dateline.extract.quotes.lexicon import CueLexicon, cue_lemma

RELATIVE_WORDS = frozenset({"what", "which", "that", "whom", "who", "whatever"})


def _noun_phrase(noun: Token) -> tuple[int, int]:
    """The noun with its left modifiers ("the only regret")."""
    return noun.left_edge.idx, noun.idx + len(noun.text)


def fronted_object_frame(verb: Token, lex: CueLexicon, lo: int, hi: int, text: str) -> Frame | None:
    """The attribution of a speech/stance verb whose object precedes it."""
    lemma = cue_lemma(verb.lemma_.lower(), verb.lower_)
    if lemma not in lex.speech and lemma not in lex.stance or verb.pos_ != "VERB":
        return None
    kids = list(verb.children)
    if any(c.dep_ in ("ccomp", "xcomp", "nsubjpass") for c in kids):
        return None
    if any(c.dep_ == "dobj" and c.i > verb.i for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in RELATIVE_WORDS:
        return None  # "the man who criticized ...": the noun speaks, no object
    left_obj = next((c for c in kids if c.dep_ == "dobj" and c.i < verb.i), None)
    oprd = next((c for c in kids if c.dep_ == "oprd" and c.i > verb.i), None)
    if left_obj is not None:
        if left_obj.lower_ not in RELATIVE_WORDS:
            return None
        target = oprd if oprd is not None else left_obj
        span = (target.left_edge.idx, target.right_edge.idx + len(target.right_edge.text))
    elif verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and lemma not in ADDRESSEE_OBJECT:
        span = _noun_phrase(verb.head)
    else:
        return None
    return make_frame(text, span, cue_span(verb), subj, lo, hi, lex.priority(lemma))

