"""Which parsed phrases can be event participants, and what they stand for.

The parse hands the event coder subjects and objects that are no party at all:

- the dateline ("KIRKUK, Iraq — More than 30 rockets struck ...": the parser
  makes "KIRKUK" the subject and the real subject an apposition of it);
- numbers and bare amounts ("killed 25 of the group's fighters", "wounding
  dozens", "Thousands of protesters"): the party is the "of" phrase, and a bare
  amount names none (its count already went to ``dead`` / ``injured``);
- weapons ("30 rockets struck"): an instrument, not an agent;
- idioms ("forced their way into the compound"): "their way" is a path;
- abstract nouns heading an infinitive ("developing plans to attack"): the
  planner is the subject of the verb that governs "plans".

This module maps such heads to the party they stand for, or drops them.  It is
pure parse-reading (no state), called by ``events.extract_events``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from dateline.extract.events.lexicon import Lexicon

_DASHES = {"—", "–", "--", "-", "―"}
_DATELINE_MAX_TOKENS = 8  # "WASHINGTON (Reuters) —", "KIRKUK, Iraq —"
# Amount words that head a phrase ("dozens of protesters", "some", "many").
_AMOUNTS = {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand",
            "thousands", "million", "millions", "many", "several", "some", "few", "most",
            "all", "more", "others", "number", "lot", "lots", "tens", "handful", "both",
            "none", "each", "majority", "rest"}
# Abstract nouns that are never an agent or a target in themselves.
_NOT_PARTY_NOUNS = {"way", "plan", "statement", "report", "chant", "slogan", "appeal",
                    "decision", "effort", "attempt", "bid", "move", "order", "call",
                    "warning", "threat", "promise", "pledge", "vow", "intention", "demand",
                    "request", "proposal", "idea", "step", "measure", "action", "safety",
                    "control", "refuge", "time", "place"}
# Weapon words that name people, who are agents ("gunmen opened fire").
_ARMED_PEOPLE = {"gunman", "gunmen", "bomber", "sniper"}
_PATH_PREPS = {"into", "onto", "through", "inside", "to", "toward", "towards", "past",
               "across", "out", "in"}


def dateline_tokens(doc: Doc, span: tuple[int, int] | None) -> frozenset[int]:
    """Token indices of datelines: the article's ``dateline_span`` and, at the start of
    any line, a short capitalised prefix closed by a dash ("BAGHDAD —")."""
    out: set[int] = set()
    if span is not None:
        out.update(t.i for t in doc if span[0] <= t.idx < span[1])
    line_start = True
    for tok in doc:
        if line_start and tok.text.strip():
            prefix = _dash_prefix(doc, tok.i)
            if prefix is not None:
                out.update(range(tok.i, prefix + 1))
            line_start = False
        if "\n" in tok.text or "\n" in tok.whitespace_:
            line_start = True
    return frozenset(out)


def _dash_prefix(doc: Doc, start: int) -> int | None:
    """Index of the dash closing a dateline that starts at ``start``, if any."""
    first = doc[start]
    if not (first.is_alpha and first.text.isupper() and len(first.text) >= 2):
        return None
    for i in range(start + 1, min(len(doc), start + _DATELINE_MAX_TOKENS + 1)):
        tok = doc[i]
        if tok.text in _DASHES:
            return i
        if "\n" in tok.text or "\n" in tok.whitespace_ or tok.text in (".", "!", "?"):
            return None
    return None


def _of_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def is_amount(tok: Token) -> bool:
    """A number or an amount word heading its phrase ("25", "dozens", "some")."""
    return (tok.like_num or tok.pos_ == "NUM" or tok.lower_ in _AMOUNTS) and tok.pos_ != "PROPN"


def way_idiom(tok: Token) -> Token | None:
    """ "forced their way into X": the "way" object, if the trigger has one."""
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() == "way" and any(
                p.dep_ == "poss" for p in c.children):
            return c
    return None


def path_object(tok: Token) -> Token | None:
    """The destination of a "their way into X" idiom: X."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _PATH_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _planner(tok: Token) -> Token | None:
    """ "developed plans to attack": the subject of the verb governing "plans"."""
    gov = tok.head
    if gov is tok or gov.pos_ not in ("VERB", "AUX"):
        return None
    for c in gov.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:
            return c
    return None


def clean_heads(heads: Iterable[int], doc: Doc, blocked: frozenset[int], lex: Lexicon,
                actor: bool) -> tuple[int, ...]:
    """Replace non-party heads by the party they stand for, or drop them.

    ``blocked`` are dateline tokens; ``actor`` says whether the heads are agents
    (weapons are then instruments and dropped)."""
    out: list[int] = []
    for i in heads:
        j = _party(doc[i], blocked, lex, actor, 0)
        if j is not None and j not in out:
            out.append(j)
    return tuple(out)


def _party(tok: Token, blocked: frozenset[int], lex: Lexicon, actor: bool,
           depth: int) -> int | None:
    if depth > 3:
        return None
    if tok.i in blocked:  # the parser's subject is the dateline: take its apposition
        for c in tok.children:
            if c.dep_ in ("appos", "conj", "dep") and c.i not in blocked and c.pos_ in (
                    "NOUN", "PROPN", "NUM", "PRON"):
                return _party(c, blocked, lex, actor, depth + 1)
        for c in tok.head.children:  # "BAGHDAD — Hundreds of ... broke": a second subject
            if c.dep_ == tok.dep_ and c.i > tok.i and c.i not in blocked:
                return _party(c, blocked, lex, actor, depth + 1)
        return None
    lemma = tok.lemma_.lower()
    if is_amount(tok):
        of = _of_object(tok)
        return _party(of, blocked, lex, actor, depth + 1) if of is not None else None
    if lemma in _NOT_PARTY_NOUNS and tok.pos_ == "NOUN" and tok.ent_type_ == "" and (
            actor or lemma == "way"):  # "rejected the proposal" keeps its target
        if actor and any(c.dep_ in ("acl", "relcl") for c in tok.children):
            planner = _planner(tok)
            if planner is not None:
                return _party(planner, blocked, lex, actor, depth + 1)
        return None
    if actor and lemma in lex.weapons and lemma not in _ARMED_PEOPLE and tok.pos_ == "NOUN" and not _owned(tok, lex):
        return None  # "30 rockets struck": an instrument, not an agent
    return tok.i


def _owned(tok: Token, lex: Lexicon) -> bool:
    """ "U.S. F-15 fighter jets", "Israeli drones": a weapon with a named owner."""
    for c in tok.subtree:
        if c.i == tok.i:
            continue
        if c.ent_type_ in ("GPE", "NORP", "ORG") or c.lower_ in lex.demonyms:
            return True
    return False
