"""Who did it and to whom: actor and recipient of an event trigger.

Reads the dependency parse around the trigger: subject / object for active
verbs, the "by"-agent and the passive subject for passive ones, the subject
of the governing verb for infinitives ("vowed to force") and conjoined verbs,
the noun a relative clause modifies, possessors and nationality modifiers of
nominal triggers ("U.S. airstrikes"), "on/against" objects ("attack on the
embassy"), coordination ("Abdul Mahdi and Barham Salih"), "supporters of X",
and generic nouns ("the group") resolved to a named antecedent earlier in the
article.  Names come from the actor knowledge base when it knows the mention,
else from the lexicon's demonyms and head-noun sectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Doc, Span, Token

from dateline.extract.events.lexicon import Lexicon
from dateline.records import ActorRef, Entity

if TYPE_CHECKING:
    from dateline.extract.actors import ArticleActors


class ActorInfoLike(Protocol):
    """Read-only view of an actor KB answer (``ActorInfo`` fits)."""

    @property
    def canonical(self) -> str: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


class ActorResolver(Protocol):
    """What the coder needs from an actor knowledge base (``ActorKB`` fits)."""

    def resolve(self, text: str) -> ActorInfoLike | None: ...


_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_RECIPIENT_PREPS = {"against", "on", "at", "upon", "toward", "towards", "with", "to", "into"}
_LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "hold", "mount", "make", "begin",
                "continue", "unleash", "start", "wage", "lead", "organize", "organise",
                "step", "issue", "lodge", "file", "open", "order", "announce", "impose",
                "resort", "use", "indulge", "engage", "undertake", "give", "pay", "sign",
                "reach", "declare", "conclude", "initiate", "resume", "enforce", "complete",
                "renew", "arrive", "return", "come", "go", "speed", "intensify", "escalate"}
_PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "we", "our", "them",
             "him"}
_GENERIC_GROUP = {"group", "militia", "organization", "organisation", "movement",
                  "faction", "outfit", "force", "party", "government"}
_FOLLOWER = {"supporter", "follower", "loyalist", "member", "fighter", "partisan"}
_COMBATANTS = {"fighter", "member", "militant", "gunman", "loyalist", "cadre", "operative"}
_RELATIVE = {"which", "that", "who", "whom"}
_BACKED = {"back", "sponsor", "ally", "link", "support", "align", "affiliate", "base"}
_STOP_LEFT = {"det", "punct", "cc", "preconj", "predet"}
_PRONOUN_PERSON = {"he", "she", "him", "her"}
_PRONOUN_GROUP = {"they", "them"}
_GROUP_LOOKBACK = 80  # tokens searched back for the group a "they" refers to


@dataclass(frozen=True, slots=True)
class Roles:
    """Head tokens of the actor and recipient phrases, plus how they were found."""

    actor: tuple[int, ...]
    recipient: tuple[int, ...]
    passive: bool


def _child(tok: Token, deps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, inherited from governing verbs where it has none."""
    subj = _child(verb, {"nsubj", "csubj"})
    if subj is not None:
        if subj.lemma_.lower() in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return subj
    if depth > 4 or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ in ("ADJ", "VERB") and head.dep_ == "acomp" \
            and head.head.pos_ in ("VERB", "AUX"):
        return clause_subject(head.head, depth + 1)  # "Norway is willing to send"
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp":  # "urged the demonstrators to refrain": object controls
            obj = _child(verb.head, {"dobj"})
            if obj is not None and verb.head.lemma_ in {"urge", "ask", "order", "force",
                                                        "call", "tell", "allow", "press"}:
                return obj
        return clause_subject(verb.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl",))


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            pobj = _child(c, {"pobj"})
            if pobj is not None:
                return pobj
    return None


def verb_roles(verb: Token) -> Roles:
    """Actor/recipient heads for a verbal trigger."""
    if _is_passive(verb):
        agent = _child(verb, {"agent"})
        actor = _child(agent, {"pobj"}) if agent is not None else None
        patient = _child(verb, {"nsubjpass"})
        if patient is None and verb.dep_ == "acl":
            patient = verb.head
        if patient is not None and patient.lemma_.lower() in _RELATIVE and verb.dep_ == "relcl":
            patient = verb.head
        return Roles(_heads(actor), _heads(patient), True)
    actor = clause_subject(verb)
    obj = _child(verb, {"dobj"}) or _prep_object(verb, _RECIPIENT_PREPS)
    return Roles(_heads(actor), _heads(obj), False)


def noun_roles(noun: Token, lex: Lexicon) -> Roles:
    """Actor/recipient heads for a nominal trigger ("U.S. airstrikes against X")."""
    actor: Token | None = _child(noun, {"poss"})
    if actor is None:
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod") and (
                c.ent_type_ in ("GPE", "NORP", "ORG") or c.lower_ in lex.demonyms
                or (c.dep_ == "compound" and c.lemma_.lower() in lex.sectors)  # "police firing"
            ):
                actor = c
                break
    if actor is None:
        agent = _prep_object(noun, {"by"})
        actor = agent
    if actor is None and noun.pos_ == "VERB":  # "police firing" parsed as subject + gerund
        actor = _child(noun, {"nsubj"})
    if actor is None and noun.dep_ == "acl" and noun.head.lemma_.lower() in lex.sectors:
        actor = noun.head  # "police firing" parsed as a gerund modifying "police"
    if actor is None and noun.i > 0:  # "police firing" with the two words parsed apart
        prev = noun.doc[noun.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and prev.lemma_.lower() in lex.sectors:
            actor = prev
    recipient = _prep_object(noun, {"against", "on", "upon", "at"})
    head = noun.head
    if head.pos_ == "ADP" and head.lower_ in _SEQUENCE_PREPS:
        head = noun  # "opened fire after the explosion": another event, not the verb's object
    if head is not noun and noun.dep_ in ("dobj", "pobj", "pcomp", "nsubjpass") and head.pos_ in ("VERB", "ADP"):
        verb = head.head if head.pos_ == "ADP" else head
        if verb.lemma_.lower() in _LIGHT_VERBS or head.pos_ == "ADP":
            if actor is None and verb.pos_ == "VERB" and verb.lemma_.lower() in _LIGHT_VERBS:
                actor = clause_subject(verb)
            if recipient is None and verb.lemma_.lower() in _LIGHT_VERBS:
                recipient = _prep_object(verb, {"against", "on", "upon", "at"})
    return Roles(_heads(actor), _heads(recipient), False)


# Prepositions that put an event before, after or around another one.
_SEQUENCE_PREPS = {"after", "before", "following", "since", "during", "amid", "amidst",
                   "until", "despite", "prior"}
_PARTY_PREPS = {"to", "with", "between", "from", "for", "against", "on", "at", "toward",
                "towards", "into", "upon"}
_NOT_PARTY = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "today", "yesterday", "tomorrow", "week", "month", "year", "day", "night"}


def actor_like(tok: Token, lex: Lexicon) -> bool:
    """A token that can name a party: a named entity, a proper noun or a known group."""
    if tok.lower_ in _NOT_PARTY or tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PROPN":
        return True
    return tok.lemma_.lower() in lex.sectors or tok.lower_ in lex.demonyms


def _party_in_preps(tok: Token, lex: Lexicon) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS:
            for p in c.children:
                if p.dep_ == "pobj" and actor_like(p, lex):
                    return p
    return None


def recipient_fallback(trigger: Token, recipient: tuple[int, ...], lex: Lexicon,
                       ) -> tuple[int, ...]:
    """A party as recipient where the object found is missing or not a party.

    Looks, in order, at prepositional parties of the trigger and of its object
    ("shared evidence with the U.S.", "the removal of X" is not taken), the subject
    of a complement clause ("demanded that the US cancel"), and the object or
    prepositional party of an infinitive ("offered to hand over to Britain")."""
    doc = trigger.doc
    if any(actor_like(doc[i], lex) for i in recipient):
        return recipient
    holders = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
    head = trigger.head
    if trigger.dep_ in ("dobj", "pobj") and head.lemma_.lower() in _LIGHT_VERBS:
        holders.append(head)  # "gave a warm welcome ... to X"
    for h in holders:
        party = _party_in_preps(h, lex)
        if party is not None:
            return _heads(party)
    for c in trigger.children:
        if c.dep_ == "ccomp":
            subj = _child(c, {"nsubj", "nsubjpass"})
            if subj is not None and actor_like(subj, lex):
                return _heads(subj)
        if c.dep_ == "xcomp":
            obj = _child(c, {"dobj"})
            if obj is not None and actor_like(obj, lex):
                return _heads(obj)
            party = _party_in_preps(c, lex)
            if party is not None:
                return _heads(party)
    return recipient


def pronoun_antecedent(pron: Token) -> Token | None:
    """ "Hungary said it will support ...": the subject of a governing clause.

    Walks up from the pronoun's clause and returns the first non-pronoun subject of
    an ancestor verb (reported speech and control keep the same referent)."""
    if pron.lower_ not in _PRONOUNS:
        return None
    cur = pron.head
    for _ in range(6):
        if cur.head is cur:
            return None
        cur = cur.head
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i and c.pos_ != "PRON" \
                    and not c.is_ancestor(pron):
                return c
    return None


def _heads(tok: Token | None) -> tuple[int, ...]:
    if tok is None:
        return ()
    return tuple(t.i for t in _with_conjuncts(tok)
                 if t.ent_type_ not in ("DATE", "TIME") and t.lower_ not in _RELATIVE
                 and t.lower_ not in _NOT_PARTY and t.pos_ not in ("ADV", "ADP"))


def phrase_tokens(doc: Doc, head: Token) -> Span:
    """The noun phrase of ``head``: its left modifiers, plus an "of"-complement."""
    start = head.i
    for left in head.lefts:
        if left.dep_ in ("cc", "conj", "punct") and left.i < head.i and left.dep_ != "punct":
            continue
        start = min(start, left.left_edge.i)
    for i in range(head.i - 1, start - 1, -1):  # never cross a line break
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    while start < head.i and (doc[start].dep_ in _STOP_LEFT or not doc[start].text.isalnum()
                              and doc[start].text not in ("U.S.", "U.N.", "U.K.")
                              and len(doc[start].text) == 1):
        start += 1
    end = head.i + 1
    if head.lemma_.lower() in _FOLLOWER | _GENERIC_GROUP | {"leader", "head"}:
        of = _prep_object(head, {"of"})
        if of is not None:
            end = max(end, of.i + 1)
    return doc[start:end]


def _is_backer(doc: Doc, ent: Entity) -> bool:
    """True for "Iranian" in "an Iranian-backed militia": the backer, not the actor."""
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.head is not root and root.head.lemma_.lower() in _BACKED and root.i < root.head.i


class ActorBuilder:
    """Turns head tokens into ``ActorRef`` records for one article."""

    def __init__(self, doc: Doc, entities: tuple[Entity, ...], kb: ActorResolver | None,
                 lex: Lexicon, actors: ArticleActors | None = None) -> None:
        self.doc = doc
        self.kb = kb
        # The article's actors (the actors stage's mention clusters): the one resolver that
        # quote speakers use too, asked first for pronouns and descriptions ("he", "the group").
        self.actors = actors
        self.lex = lex
        self.entities = sorted(entities, key=lambda e: e.start)
        self._cache: dict[str, ActorInfoLike | None] = {}
        self._built: dict[int, ActorRef] = {}

    def _resolve(self, text: str) -> ActorInfoLike | None:
        if self.kb is None or not text:
            return None
        if text not in self._cache:
            self._cache[text] = self.kb.resolve(text)
        return self._cache[text]

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def _country(self, span: Span) -> str | None:
        for tok in span:
            if tok.head.lemma_.lower() in _BACKED and tok.head is not tok and tok.i < tok.head.i:
                continue  # "Iranian-backed militia" is not Iranian
            code = self.lex.demonyms.get(tok.lower_)
            if code:
                return code
        text = span.text.lower().removeprefix("the ")
        return self.lex.demonyms.get(text)

    def _antecedent(self, head: Token) -> Entity | None:
        """A named group earlier in the article for "the group", "the militia"."""
        best: Entity | None = None
        for ent in self.entities:
            if ent.start >= head.idx:
                break
            if ent.label != "ORG":
                continue
            info = self._resolve(ent.text)
            kind = (info.kind if info else None) or ent.kind
            if kind in ("militia", "rebels", "armed group", "terrorist", "insurgent"):
                best = ent
            elif best is None or best.kind is None:
                nxt = self.doc.char_span(ent.end, ent.end + 1 + len(head.text), alignment_mode="expand")
                if nxt is not None and head.lower_ in nxt.text.lower():
                    best = ent
        return best

    def _owning_group(self, head: Token) -> tuple[str, str | None, str | None] | None:
        """The armed group whose members ``head`` names: a generic possessor or
        modifier ("the group's", "militia") resolved to the group named earlier."""
        for c in head.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and \
                    c.lemma_.lower() in _GENERIC_GROUP:
                ante = self._antecedent(c)
                if ante is None:
                    continue
                info = self._resolve(ante.text)
                name = info.canonical if info else (ante.canonical or ante.text)
                country = (info.country if info else None) or ante.country
                sector = (info.kind if info else None) or ante.kind or "militia"
                return name, country, sector
        return None

    def _person_antecedent(self, head: Token) -> Entity | None:
        best = None
        for ent in self.entities:
            if ent.start >= head.idx:
                break
            if ent.label == "PERSON":
                best = ent
        return best

    def _group_antecedent(self, head: Token) -> Token | None:
        """ "they opened fire": the closest earlier subject or object that names a group
        with a known sector ("the police", "the rioters"), within a few sentences."""
        lo = max(0, head.i - _GROUP_LOOKBACK)
        for deps in ({"nsubj", "nsubjpass"}, {"dobj", "pobj", "conj"}):  # subjects first
            for i in range(head.i - 1, lo - 1, -1):
                tok = self.doc[i]
                if tok.dep_ in deps and tok.pos_ in ("NOUN", "PROPN") and \
                        tok.lemma_.lower() in self.lex.sectors:
                    return tok
        return None

    def build(self, head_i: int) -> ActorRef:
        """The actor record for the phrase headed by token ``head_i`` (memoized)."""
        ref = self._built.get(head_i)
        if ref is None:
            ref = self._build(head_i)
            self._built[head_i] = ref
        return ref

    def _build(self, head_i: int) -> ActorRef:
        doc = self.doc
        head = doc[head_i]
        span = phrase_tokens(doc, head)
        text = span.text
        lemma = head.lemma_.lower()
        info = self._resolve(text)
        if info is not None and info.kind == "country" and head.pos_ != "PROPN" and lemma not in (
                "government", "administration"):
            info = None  # "an Iranian-backed group" is not Iran
        name: str | None = info.canonical if info else None
        country = info.country if info else None
        sector = info.kind if info else None
        inner_of = _prep_object(head, {"of"}) if lemma in _FOLLOWER else None
        if info is None:
            for ent in self._entities_in(span.start_char, span.end_char):
                if _is_backer(self.doc, ent):
                    continue
                if inner_of is not None and ent.start < inner_of.idx - 3 and ent.end <= inner_of.idx:
                    continue
                e_info = self._resolve(ent.text)
                if e_info is not None:
                    name, country, sector = e_info.canonical, e_info.country, e_info.kind
                    break
                if ent.canonical:
                    name, country, sector = ent.canonical, ent.country, ent.kind
                    break
                if ent.label in ("ORG", "PERSON", "GPE") and name is None:
                    name = ent.text.removeprefix("the ")
        if name is None and inner_of is None and self.actors is not None and (
                head.lower_ in _PRONOUN_PERSON or lemma in _GENERIC_GROUP):
            shared = self.actors.resolve_span(span)
            if shared is not None and shared.kind != "country":
                name, country, sector = shared.canonical, shared.country, shared.kind or sector
        if name is None and inner_of is None and lemma in _GENERIC_GROUP and not any(
            t.pos_ == "PROPN" and t.head.lemma_.lower() not in _BACKED for t in span
        ):
            ante = self._antecedent(head)
            if ante is not None:
                a_info = self._resolve(ante.text)
                name = a_info.canonical if a_info else (ante.canonical or ante.text)
                country = (a_info.country if a_info else None) or ante.country
                sector = (a_info.kind if a_info else None) or ante.kind or sector
        if name is None and inner_of is None and lemma in _COMBATANTS:
            group = self._owning_group(head)  # "the group's fighters", "militia fighters"
            if group is not None:
                name, country, sector = group
        if name is None and head.lower_ in _PRONOUN_PERSON:
            ante_p = self._person_antecedent(head)
            if ante_p is not None:
                name = ante_p.canonical or ante_p.text
        if name is None and sector is None and head.lower_ in _PRONOUN_GROUP:
            ante_g = self._group_antecedent(head)
            if ante_g is not None:
                ref = self.build(ante_g.i)
                name, country, sector = ref.name or ref.text, ref.country, ref.sector
        if inner_of is not None:
            inner = self.build(inner_of.i)
            base = inner.name or phrase_tokens(doc, inner_of).text
            name = f"{base} {head.lemma_.lower()}s" if lemma != "member" else f"{base} members"
            country = inner.country
            sector = "protesters" if lemma in {"supporter", "follower", "loyalist", "partisan"} else (
                inner.sector)
        if country is None:
            country = self._country(span)
        if sector is None:
            sector = self.lex.sectors.get(lemma)
            if sector is None and head.ent_type_ == "GPE":
                sector = "government"
        return ActorRef(text=text, name=name, country=country, sector=sector,
                        start=span.start_char, end=span.end_char)
