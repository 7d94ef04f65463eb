"""Stance adjectives: "X is critical of Y", "voters angry about Y", "X is confident that Y".

PolNeAR counts a source's stance as attribution, and English often states a
stance with a predicative adjective rather than a verb.  :func:`adjective_frame`
reads one adjective cue (lexicon class ``adjectives``: lemma -> the
prepositions that introduce its content; ``that``/``to`` for clauses):

* ``acomp``/``oprd`` of a verb ("is critical of", "seemed confident that",
  "grew wary of"): the speaker is the verb's subject (inherited up the clause
  as for verbs);
* ``amod`` of a noun or an appositive adjective ("voters angry about Y",
  "Sanders, critical of Clinton, ..."): the noun is the speaker.

A frame needs both a content (the preposition's object or the clause) and a
speaker; "it is unclear whether ..." (no speaker) is left alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.extract.quotes.frames import Frame, make_frame, subject, subtree_span
from dateline.extract.quotes.lexicon import CueLexicon

_CLAUSE_MARKS = frozenset({"that", "to"})


def _content(adj: Token, preps: frozenset[str]) -> tuple[Token, Token | None] | None:
    """(content head, preposition) hanging off the adjective."""
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj, c
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "aux")}
            if marks & _CLAUSE_MARKS & preps or "that" in preps and not marks and c.dep_ == "ccomp":
                return c, None
    return None


def _holder(adj: Token) -> Token | None:
    """The one whose stance it is."""
    if adj.dep_ in ("acomp", "oprd"):
        src = subject(adj.head) if adj.head.pos_ in ("VERB", "AUX") else None
        if src is not None and src.lower_ in ("it", "there", "this", "that", "which"):
            return None
        return src
    if adj.dep_ in ("amod", "appos") and adj.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return adj.head
    return None


def adjective_frame(adj: Token, lex: CueLexicon, lo: int, hi: int, text: str) -> Frame | None:
    """The stance an adjective cue states, if it has a content and a holder."""
    preps = lex.adjectives.get(adj.lemma_.lower())
    if preps is None or adj.pos_ != "ADJ":
        return None
    found = _content(adj, preps)
    if found is None:
        return None
    head, prep = found
    src = _holder(adj)
    if src is None:
        return None
    cue = (adj.idx, adj.idx + len(adj.text))
    if prep is not None and prep.i == adj.i + 1:
        cue = (cue[0], prep.idx + len(prep.text))
    return make_frame(text, subtree_span(head, lo, hi), cue, src, lo, hi, 1)

