"""Find event trigger words in a parsed Doc by lexicon lookup over tokens.

A trigger is a verb ("stormed", "were killed") or a noun ("airstrikes",
"the protest") whose lemma is in the trigger lexicon, or a head word plus one
dependent that together form a phrase ("open fire", "fired tear gas",
"spoke ... by phone", "a rocket attack").  Phrases win over single words
because they are more specific.  Cost: one pass over tokens and their
children, dictionary lookups only.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.extract.events.lexicon import Lexicon, Sense

# Verbs that only code an event with a particular complement (else too vague).
_NEEDS_COMPLEMENT = {"call", "press", "order", "ask", "back", "hold", "cut", "pull", "mass",
                     "book", "round", "free", "release", "provide", "share", "lift", "ease",
                     "charge", "grant", "supply", "sign", "support", "accept", "allow", "permit",
                     "contribute", "return", "receive", "fund", "finance", "lend", "station",
                     "terminate", "freeze", "prohibit", "forbid", "abuse", "thank",
                     "congratulate", "consult", "repatriate", "swear", "apprehend", "catch",
                     "remand"}
# Verbs that need one particular kind of complement ("swore to fight", not "was sworn in";
# "received the envoy", not "received injuries").
_NEEDS_DEP = {"swear": {"xcomp", "advcl"}, "allow": {"dobj", "xcomp", "ccomp"},
              "accept": {"dobj", "xcomp", "ccomp"}}
_GUEST_OBJECT = {"receive"}
_PERSON_NOUNS = {"person", "people", "man", "woman", "youth", "suspect", "activist", "leader",
                 "member", "worker", "student", "accused", "other", "boy", "men"}
_GUEST_WORDS = {"delegation", "mission", "envoy", "minister", "president", "leader", "team",
                "visitor", "counterpart", "ambassador", "king", "premier", "chancellor",
                "secretary", "official", "emissary", "prince", "emir"}
_COMPLEMENT_DEPS = {"dobj", "xcomp", "ccomp", "prt", "nsubjpass", "dative"}
_PREP_COMPLEMENT = {"call", "press", "ask"}  # "called for", "pressed for", "asked for"
# Objects that make "release"/"free"/"provide" not a prisoner release or aid.
_NON_EVENT_OBJECTS = {"statement", "report", "video", "footage", "figure", "detail", "list",
                      "result", "name", "information", "image", "photo", "picture", "data",
                      "overwatch", "security", "album", "book", "film", "song", "version",
                      "trouble", "danger", "fire", "coach", "ticket", "seat", "room", "flight",
                      "berth", "train", "bus", "hotel", "venue", "hall"}
# Nominal triggers that are not events in these uses ("Death to America",
# "death toll", "strike force").
_NOUN_BLOCK_CHILD = {("death", "to"), ("death", "toll"), ("death", "penalty"),
                     ("death", "sentence"), ("death", "row")}
# Verbs that, with an event noun as object, only report that event ("ordered an
# inquiry", "ordered patrols"): the noun is the event, the verb's subject its actor.
_ORDER_VERBS = {"order"}
_DEP_LINK = {"dobj", "prt", "prep", "compound", "amod", "oprd", "ccomp", "acomp", "advmod",
             "npadvmod", "nsubj", "nsubjpass", "attr"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One trigger occurrence: its head token, the word it pairs with, its sense."""

    head: int  # token index of the trigger head
    sense: Sense
    partner: int | None = None  # token index of the phrase's second word
    nominal: bool = False  # matched as a noun (roles come from the noun phrase)

    def span(self, doc: Doc) -> tuple[int, int]:
        """Character span covering the trigger word(s)."""
        toks = [doc[self.head]] if self.partner is None else [doc[self.head], doc[self.partner]]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return start, end


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _dependents(tok: Token) -> list[Token]:
    """Children, plus objects of prepositions and particles ("by phone", "at bay")."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ not in _DEP_LINK:
            continue
        out.append(child)
        if child.dep_ == "prep":
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _phrase(tok: Token, lex: Lexicon) -> Mention | None:
    head = _lemma(tok)
    for dep in _dependents(tok):
        sense = lex.phrases.get((head, _lemma(dep)))
        if sense is None and dep.dep_ == "pobj":
            continue
        if sense is not None and dep.dep_ in ("prep", "prt") and dep.i > tok.i and (
                head, _lemma(dep)) in lex.dependent_first:
            continue  # "struck a base ... on Friday" is no "on strike"
        if sense is not None:
            return Mention(tok.i, sense, dep.i, nominal=not _is_verbal(tok))
    return None


def _has_complement(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ == "prep" and _lemma(tok) in _PREP_COMPLEMENT and child.lower_ in ("for", "on"):
            return True
        if child.dep_ in _COMPLEMENT_DEPS:
            if child.dep_ in ("dobj", "nsubjpass") and _lemma(child) in _NON_EVENT_OBJECTS:
                return False
            return True
    return False


def _month_name(tok: Token) -> bool:
    if tok.lower_ not in ("march", "may"):
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1) if tok.i > 0 else None
    return tok.ent_type_ == "DATE" or (nxt is not None and nxt.like_num) or (
        prev is not None and prev.like_num)


def _guest_object(tok: Token) -> bool:
    """ "received the envoy": the object is a person, group or delegation."""
    for c in tok.children:
        if c.dep_ == "dobj":
            return c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or _lemma(c) in _GUEST_WORDS
    return False


def _is_verbal(tok: Token) -> bool:
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")


def _held_person(tok: Token) -> bool:
    """ "50 persons were held": a passive "hold" whose patient is people (an arrest)."""
    if _lemma(tok) != "hold" or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return c.ent_type_ == "PERSON" or _lemma(c) in _PERSON_NOUNS or any(
                d.dep_ == "nummod" for d in c.children) or c.like_num
    return False


# Words that make "strike" a labour strike rather than an armed one.
_LABOUR = {"worker", "union", "employee", "teacher", "doctor", "nurse", "driver", "labour",
           "labor", "wage", "salary", "pay", "staff", "miner", "trucker", "pilot", "walkout",
           "picket", "unionist", "trade", "employer", "strikers", "striker"}
_LABOUR_STRIKE = Sense("PROTEST", "boycott", "143", None)


def _labour_strike(tok: Token, lex: Lexicon) -> bool:
    """ "workers began an open-ended strike", "the teachers struck": a labour strike,
    unless a weapon is in the phrase ("missiles struck", "a drone strike")."""
    if _lemma(tok) != "strike":
        return False
    near = list(tok.subtree) + [c for c in tok.head.children if c.dep_ in ("nsubj", "dobj")]
    if any(_lemma(t) in lex.weapons or t.lower_ in ("air", "military", "missile") for t in near):
        return False
    sent = tok.sent
    return any(_lemma(t) in _LABOUR or t.lower_ in _LABOUR for t in sent)


def _single(tok: Token, lex: Lexicon) -> Mention | None:
    lemma = _lemma(tok)
    sense: Sense | None
    if lemma == "strike" and _labour_strike(tok, lex):
        return Mention(tok.i, _LABOUR_STRIKE, nominal=not _is_verbal(tok))
    if _held_person(tok):
        return Mention(tok.i, lex.verbs["detain"])
    if tok.lower_ == "according":  # "according to police" attributes, it is no accord
        return None
    if _is_verbal(tok) and lemma in lex.verbs:
        sense = lex.verbs[lemma]
        if lemma in _NEEDS_COMPLEMENT and not _has_complement(tok):
            return None
        if lemma in _NEEDS_DEP and not any(c.dep_ in _NEEDS_DEP[lemma] for c in tok.children):
            return None
        if lemma in _GUEST_OBJECT and not _guest_object(tok):
            return None
        if tok.dep_ == "amod" and sense.count not in ("dead", "injured"):
            return None  # "the long-threatened invasion", "Iranian-backed", "banned group"
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
                c.dep_ == "det" for c in tok.children):  # "the accused" is a person
            return None
        return Mention(tok.i, sense)
    if tok.pos_ in ("NOUN", "PROPN", "VERB") or tok.tag_.startswith("NN"):
        sense = lex.nouns.get(lemma) or lex.nouns.get(tok.text.lower())
        if sense is None and tok.lower_.endswith("s"):  # "airstrikes" mis-tagged as a verb
            sense = lex.nouns.get(tok.lower_[:-1])
        if sense is not None and tok.pos_ == "VERB" and tok.lower_ in lex.verbs:
            return None
        if sense is None or _month_name(tok):  # "on March 12" is a date, not a march
            return None
        if tok.dep_ == "compound":  # "attack helicopter", "protest movement"
            return None
        if any((lemma, _lemma(c)) in _NOUN_BLOCK_CHILD for c in tok.children):
            return None
        return Mention(tok.i, sense, nominal=True)
    return None


def find_triggers(doc: Doc, lex: Lexicon) -> list[Mention]:
    """All trigger mentions in document order (at most one per head token)."""
    found: list[Mention] = []
    partners: set[int] = set()
    for tok in doc:
        if tok.is_punct or tok.is_space or tok.i in partners:
            continue
        mention = _phrase(tok, lex) or _single(tok, lex)
        if mention is None:
            continue
        if mention.partner is not None:
            partners.add(mention.partner)
            # the partner may already be a single-word trigger ("tear gas" noun)
            found = [m for m in found if m.head != mention.partner]
        found.append(mention)
    return _drop_order_verbs(doc, found)


def _drop_order_verbs(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Drop "ordered" where its object is itself a trigger ("ordered an inquiry")."""
    heads = {m.head for m in found}
    keep: list[Mention] = []
    for m in found:
        tok = doc[m.head]
        if m.partner is None and _lemma(tok) in _ORDER_VERBS and any(
                c.dep_ == "dobj" and c.i in heads for c in tok.children):
            continue
        keep.append(m)
    return keep
