"""Event coder: detect and code every event mention (PLOVER, CAMEO, ACLED).

Pipeline per article, all on the spaCy Doc already parsed (no second parse):

1. triggers  (event_triggers)   lexicon lookup over verbs, nouns and two-word phrases
2. roles     (event_actors)     actor / recipient heads from the dependency parse;
                                pronouns ("Hungary said it will ...") resolved to the
                                governing subject; parties in prepositions or clauses
                                as recipients ("demanded that the US ...")
3. factuality (event_factuality) negation, modality, threat/plan/blame/report verbs
4. sense adjustments            armed vs. protester actors, weapon words, and what is
                                said of the act (codebook rules): promised cooperation
                                is AGREE, announced coercion is THREATEN, "Y must" is a
                                REQUEST by the speaker, refused cooperation is REJECT
5. casualties (event_casualties) dead / injured / arrested from victim phrases
6. merging                      "airstrikes that killed 25", "killed in a bombing",
                                "died in police firing", "shot dead when police opened
                                fire" become one event; "the firing" takes the actor of
                                the firing reported just before
7. anchoring (event_anchor)     governing date and place, else article defaults
8. mapping   (event_mappings)   ACLED type / sub-type, PLOVER context

Negated events ("there are no plans to evacuate") are not emitted, except refused
cooperation, which is coded REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dateline.extract.base import DocContext
from dateline.extract.events.actors import (
    ActorBuilder,
    ActorResolver,
    noun_roles,
    pronoun_antecedent,
    recipient_fallback,
    verb_roles,
)
from dateline.extract.events.anchor import Scope, event_location, event_time, fallback_times
from dateline.extract.events.casualties import victim_count
from dateline.extract.events.embedding import (
    background_marked,
    embedded_scope,
    is_sequence_phrase,
    relative_antecedent,
)
from dateline.extract.events.factuality import SPEECH_ACTS, Factuality, assess
from dateline.extract.events.lexicon import Lexicon, Sense, load_lexicon
from dateline.extract.events.mappings import acled_for, contexts_for, type_with_model
from dateline.extract.events.model import EventTypeModel, Prediction
from dateline.extract.events.participants import (
    clean_heads,
    dateline_tokens,
    path_object,
    way_idiom,
)
from dateline.extract.events.triggers import Mention, find_triggers
from dateline.modes import modes_fit
from dateline.records import ActorRef, Entity, Event, Place, Quote, Span, TimeExpr

if TYPE_CHECKING:
    from dateline.extract.actors import ActorKB, ArticleActors

_COOPERATIVE = {"SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "CONSULT"}
# Refusing a cooperative act is REJECT (codebook: "All rejections and refusals").
_REFUSABLE = _COOPERATIVE | {"AGREE"}
# Announced future coercion is a threat (codebook THREATEN: "threaten to impose sanctions,
# restrictions, curfew, boycotts, protests ... to use violence").
_THREATENABLE = {"SANCTION", "COERCE", "PROTEST", "ASSAULT"}
# Guests whose withdrawal ends an international presence (SANCTION, or a threat of it)
# rather than a military retreat.
_GUESTS = {"inspector", "observer", "peacekeeper", "monitor", "diplomat", "ambassador", "envoy",
           "worker", "staff", "mission", "delegation", "personnel", "volunteer", "agency"}
_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
_ARMED = {"military", "police", "militia", "rebels", "armed group", "government", "insurgent"}
_ALLEGE_VERBS = {"blame", "accuse", "charge", "hold"}
_CAUSE_PREPS = {"in", "during", "from", "by", "due", "after", "following", "because", "as"}
# Verbs that only report a death ("died in police firing", "succumbed to injuries"):
# kept only when folded into the attack that caused it.
_DEATH_ONLY = {"die", "succumb", "perish"}
_RIOT_MODES = {"primitive", "destroy", "beat", None}
_LOCATIVE = {"in", "near", "at", "outside", "inside", "around", "across", "from", "to", "into",
             "on", "throughout", "towards", "toward"}
_MOVE_TYPES = {"MOBILIZE", "AID"}  # the object is what is sent, not the recipient
_MATERIAL = {"ASSAULT", "COERCE"}  # recipients are the victims (casualty counts read them)


@dataclass(slots=True)
class _Draft:
    """An event being built (internal, mutable until turned into an Event)."""

    mention: Mention
    sense: Sense
    actor_heads: tuple[int, ...]
    recipient_heads: tuple[int, ...]
    fact: Factuality
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    size_text: dict[str, str] = field(default_factory=dict)
    merged_into: int | None = None  # head token of the draft this one was merged into
    extra_heads: tuple[int, ...] = ()


def _roles(tok: Token, lex: Lexicon, nominal: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if nominal:
        r = noun_roles(tok, lex)
    else:
        r = verb_roles(tok)
    actor, recipient = r.actor, r.recipient
    head = tok.head
    # "X blamed the attack on Y": Y is the alleged perpetrator
    if tok.dep_ == "dobj" and head.lemma_.lower() in _ALLEGE_VERBS:
        on = _prep_pobj(tok, "on") or _prep_pobj(head, "on")
        if on is not None:
            actor, recipient = (on.i,), tuple(i for i in recipient if i != on.i)
    # "accused Iran of orchestrating an attack": Iran is the alleged actor
    if tok.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_.lower() in _ALLEGE_VERBS:
        obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            actor = (obj.i,)
    return actor, recipient


def _mention_roles(m: Mention, tok: Token, fact: Factuality, lex: Lexicon,
                   ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Actor and recipient heads of one mention, after the special cases."""
    doc = tok.doc
    actor_h, recip_h = _roles(tok, lex, m.nominal)
    if tok.lemma_.lower() in _DEATH_ONLY:  # "four men died": the dead, not the agent
        actor_h, recip_h = (), actor_h
    if m.partner is not None:
        recip_h = tuple(i for i in recip_h if i != m.partner)
        if not recip_h and not m.nominal:  # "opened fire on the crowd"
            on = _prep_pobj(tok, "on") or _prep_pobj(tok, "at") or _prep_pobj(tok, "against")
            recip_h = (on.i,) if on is not None else ()
        if doc[m.partner].lemma_.lower() not in lex.sectors:  # "police firing": the actor
            actor_h = tuple(i for i in actor_h if i != m.partner)
    if m.sense.event_type in _MOVE_TYPES and tok.pos_ == "VERB":
        dest = _prep_pobj(tok, "to") or _prep_pobj(tok, "against")
        dative = next((c for c in tok.children if c.dep_ == "dative"), None)
        recip_h = tuple(t.i for t in (dest, dative) if t is not None)
    if m.sense.event_type not in _MATERIAL:
        recip_h = recipient_fallback(tok, recip_h, lex)
    if fact.demand:  # "X said Y must withdraw": X demands, Y is asked
        recip_h = actor_h
        actor_h = (fact.source.i,) if fact.source is not None else ()
    actor_h = tuple(_resolve_pronoun(doc, i) for i in actor_h)
    # "blew himself up": a reflexive object is the actor itself, not a target
    recip_h = tuple(i for i in recip_h if doc[i].lower_ not in _REFLEXIVES)
    return actor_h, recip_h


_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves",
                         "yourself", "yourselves", "oneself"})


def _resolve_pronoun(doc: Doc, i: int) -> int:
    ante = pronoun_antecedent(doc[i])
    return ante.i if ante is not None else i


def _prep_pobj(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _weapon_mode(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """A weapon word on the trigger, its subject or its "with"/"by" phrase."""
    near: list[Token] = list(tok.children)
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "nsubj", "nsubjpass", "dobj", "compound"):
            near.extend(c.subtree)
    for t in near:
        hit = lex.weapons.get(t.lemma_.lower())
        if hit is not None and t.i != tok.i:
            return hit
    return None


def _object_lemmas(tok: Token) -> set[str]:
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.add(c.lemma_.lower())
            out.update(x.lemma_.lower() for x in c.conjuncts)
    return out


def _adjust(sense: Sense, tok: Token, fact: Factuality, actor_sectors: set[str | None],
            lex: Lexicon) -> Sense:
    lemma = tok.lemma_.lower()
    if sense.event_type == "PROTEST" and actor_sectors & _ARMED and "protesters" not in actor_sectors:
        key = lemma
        if key in lex.armed_actor:
            sense = lex.armed_actor[key]
    if sense.event_type == "ASSAULT" and "protesters" in actor_sectors and sense.mode in _RIOT_MODES:
        if lemma not in ("kill", "death", "wound", "injure"):
            sense = Sense("PROTEST", "riot", "145", sense.count)
    if sense.event_type == "ASSAULT" and sense.mode is None:
        hit = _weapon_mode(tok, lex)
        if hit is not None:
            sense = Sense(sense.event_type, hit[0], hit[1], sense.count)
    if sense.event_type == "PROTEST" and lemma == "protest" and any(
            c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        sense = Sense("ACCUSE", "disapprove", "111", None)  # "a group protested that ..."
    if sense.event_type == "RETREAT" and sense.mode == "withdraw" and _object_lemmas(tok) & _GUESTS:
        sense = Sense("SANCTION", "withdraw", "166", None)
    return _intent(sense, fact)


def _intent(sense: Sense, fact: Factuality) -> Sense:
    """Recode by what is said of the act: demanded, refused, promised or threatened."""
    kind = sense.event_type
    if fact.demand and kind != "REQUEST":
        return Sense("REQUEST", None, "100", None)
    if fact.label == "negated":
        if fact.refusal and kind in _REFUSABLE:
            return Sense("REJECT", None, "12" + (sense.cameo or "0")[1:2], None)
        return sense
    if fact.ultimatum and kind not in ("THREATEN", "REQUEST", "REJECT"):
        return Sense("THREATEN", None, "130", None)
    if not fact.future or fact.label not in ("asserted", "planned", "reported"):
        return sense
    if kind in _COOPERATIVE:
        return Sense("AGREE", None, "03" + (sense.cameo or "0")[1:2] if sense.cameo else "030",
                     sense.count)
    if kind in _THREATENABLE:
        mode = "violence" if kind == "ASSAULT" else None
        return Sense("THREATEN", mode, "138" if kind == "ASSAULT" else "130", None)
    return sense


def _victims(tok: Token, draft_recipients: tuple[int, ...], doc: Doc) -> list[Token]:
    if tok.pos_ in ("NOUN", "PROPN"):
        of = _prep_pobj(tok, "of")
        return [of] if of is not None else [doc[i] for i in draft_recipients]
    out = [doc[i] for i in draft_recipients]
    # "killing 13 soldiers and at least 60 civilians" parsed with the second group as a
    # conjunct of the verb: a counted noun conjoined to the verb is a further victim group
    out.extend(c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
               and c.i not in draft_recipients and any(n.dep_ == "nummod" for n in c.children))
    # "injuring 53": a bare number as the object is a head count (NER may call it a DATE)
    out.extend(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.like_num
               and c.i not in draft_recipients)
    return out


def _count(draft: _Draft, tok: Token, doc: Doc) -> None:
    slot = draft.sense.count
    if slot is None:
        return
    total, vague = 0, []
    found = False
    for v in _victims(tok, draft.recipient_heads, doc):
        value, text = victim_count(v)
        if value is not None:
            total += value
            found = True
        elif text:
            vague.append(text)
    if found:
        setattr(draft, slot, total)
    elif vague:
        draft.size_text[slot] = vague[0]
    # "killed or wounded scores of fighters": the conjoined verb shares the victims
    for c in tok.children:
        if c.dep_ == "conj" and c.lemma_.lower() in ("wound", "injure") and slot == "dead":
            if found:
                draft.injured = draft.injured
            elif vague:
                draft.size_text.setdefault("injured", vague[0])


def _cause_objects(tok: Token) -> list[Token]:
    """Objects of cause phrases: "in police firing", "due to firing", "in the course of"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "amod", "advmod") and c.lower_ in _CAUSE_PREPS:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.append(p)
                    out.extend(q for q in p.children if q.dep_ == "acl")  # "police firing"
                    out.extend(q for pp in p.children if pp.dep_ == "prep" for q in pp.children
                               if q.dep_ == "pobj")
                elif p.dep_ == "prep":  # "due to", "because of"
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return out


def _merge_target(d: _Draft, doc: Doc, by_head: dict[int, _Draft]) -> _Draft | None:
    tok = doc[d.mention.head]

    def attack(i: int) -> _Draft | None:
        cand = by_head.get(i)
        if cand is not None and cand is not d and cand.sense.event_type == "ASSAULT" \
                and cand.sense.count != "dead":
            return cand
        return None

    for h in d.actor_heads:
        if (cand := attack(h)) is not None:
            return cand
    for p in _cause_objects(tok):
        if (cand := attack(p.i)) is not None:
            return cand
    if tok.dep_ in ("relcl", "acl"):
        if (cand := attack(tok.head.i)) is not None:
            return cand
        if tok.dep_ == "relcl":  # hung on a higher noun: "retaliation for the rocket attack
            for i in range(tok.i - 1, tok.head.i, -1):  # near Kirkuk on Friday that killed ..."
                if doc[i].pos_ == "NOUN" and (cand := attack(i)) is not None:
                    return cand
    # "police fired 40 rounds, killing two": a participle clause of the attack;
    # "..., killing one and wounding six": a conjoined participle shares it
    while tok.dep_ == "conj" and tok.tag_ == "VBG" and tok.head.tag_ == "VBG":
        tok = tok.head
    if tok.dep_ in ("advcl", "xcomp", "acl") and tok.tag_ == "VBG":
        for gov in (tok.head, tok.head.head):  # "fired 40 rounds, killing two"
            if (cand := attack(gov.i)) is not None:
                return cand
    # "three died when police opened fire": the attack in a "when" clause
    for c in tok.children:
        if c.dep_ == "advcl" and (cand := attack(c.i)) is not None:  # "died due to firing"
            return cand
        if c.dep_ == "advcl" and any(m.lower_ in ("when", "as", "after") for m in c.children
                                     if m.dep_ in ("advmod", "mark")):
            for t in c.subtree:
                if (cand := attack(t.i)) is not None:
                    return cand
    return None


def _merge(drafts: list[_Draft], doc: Doc) -> None:
    """Fold casualty-only triggers into the attack they report on."""
    by_head = {d.mention.head: d for d in drafts}
    for d in drafts:
        if d.sense.count not in ("dead", "injured") or d.sense.event_type != "ASSAULT":
            continue
        target = _merge_target(d, doc, by_head)
        tok = doc[d.mention.head]
        if target is None and tok.dep_ == "conj":  # "killing six and injuring 53": as the first
            first = by_head.get(tok.head.i)
            if first is not None and first.merged_into is not None:
                target = by_head.get(first.merged_into)
        if target is None or target.merged_into is not None:
            continue
        for slot in ("dead", "injured", "arrested"):
            if getattr(target, slot) is None and getattr(d, slot) is not None:
                setattr(target, slot, getattr(d, slot))
        for k, v in d.size_text.items():
            target.size_text.setdefault(k, v)
        if d.sense.count == "dead" and target.dead is None:
            target.size_text.setdefault("dead", doc[d.mention.head].text)
        if not target.recipient_heads:
            target.recipient_heads = d.recipient_heads
        target.extra_heads = target.extra_heads + (d.mention.head,)
        d.merged_into = target.mention.head


_HOSTILE = {"SANCTION", "ASSAULT", "MOBILIZE", "PROTEST"}


def _solicited_hostility(drafts: list[_Draft], doc: Doc) -> None:
    """ "called for sanctions against X", "urged Arabs to mobilize against X": soliciting
    hostile acts against a target is ACCUSE (codebook, DISAPPROVE examples), not REQUEST."""
    by_head = {d.mention.head: d for d in drafts}
    for d in drafts:
        if d.sense.event_type != "REQUEST" or d.fact.demand:
            continue
        tok = doc[d.mention.head]
        asked: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("xcomp", "dobj"):
                asked.append(c)
                asked.extend(c.conjuncts)
            elif c.dep_ == "prep" and c.lower_ in ("for", "on"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        asked.append(p)
                        asked.extend(x for x in p.children if x.dep_ in ("acl", "relcl"))
                        asked.extend(x for x in p.children if x.dep_ == "xcomp")
        for t in asked:
            act = by_head.get(t.i)
            if act is not None and act.sense.event_type in _HOSTILE:
                d.sense = Sense("ACCUSE", "disapprove", "1122", None)
                d.recipient_heads = act.recipient_heads or d.recipient_heads  # the target
                break


_ANAPHOR_WINDOW = 150  # tokens: how far back "the firing" looks for the firing it repeats


def _resolve_definite(drafts: list[_Draft], doc: Doc) -> None:
    """ "the firing" with no stated agent repeats an earlier event of the same kind:
    take that event's actor (e.g. "police opened fire ... two died in the firing")."""
    for k, d in enumerate(drafts):
        tok = doc[d.mention.head]
        if d.actor_heads or not d.mention.nominal or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            continue
        for prev in reversed(drafts[:k]):
            if tok.i - prev.mention.head > _ANAPHOR_WINDOW:
                break
            if prev.actor_heads and prev.sense.event_type == d.sense.event_type and \
                    prev.sense.mode == d.sense.mode:
                d.actor_heads = prev.actor_heads
                break


# Verbs that, with "their way" as object, report a movement ("forced their way into").
_WAY_MOVES = {"force", "push", "make", "work", "elbow", "shove", "fight", "muscle", "bulldoze",
              "wind", "find", "pick", "thread"}
# Nouns of places that are struck, stormed or guarded: a town named in them is the location.
_SITE_NOUNS = {"airport", "airbase", "base", "embassy", "consulate", "compound", "camp", "gate",
               "checkpoint", "market", "mosque", "church", "temple", "school", "hospital",
               "station", "port", "prison", "hotel", "bridge", "square", "street", "avenue",
               "village", "town", "city", "district", "neighborhood", "neighbourhood", "office",
               "headquarters", "barracks", "academy", "university", "stadium", "mall"}
# What a base or a country "hosts" without any visit: troops, bases, refugees.
_HOSTED = {"force", "troop", "soldier", "personnel", "base", "refugee", "contractor", "marine",
           "camp", "facility", "weapon", "missile", "military", "adviser", "advisor"}
_FACILITIES = {"base", "camp", "facility", "airport", "airbase", "compound", "site", "country"}


def _not_an_event(tok: Token, sense: Sense, lex: Lexicon) -> bool:
    """Idioms the lexicon would code: "forced their way into" (a movement), "bases
    hosting American forces" (a presence, not a visit)."""
    lemma = tok.lemma_.lower()
    if lemma in _WAY_MOVES and way_idiom(tok) is not None:
        return True
    if sense.event_type == "CONSULT" and lemma == "host":
        for c in tok.children:
            if c.dep_ == "dobj" and (c.lemma_.lower() in _HOSTED
                                     or lex.sectors.get(c.lemma_.lower()) == "military"):
                return True
        subj = tok.head if tok.dep_ == "acl" else next(
            (c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() in _FACILITIES:
            return True
    return False


_ACCUSING = {"ACCUSE"}
_ANAPHOR_PREPS = {"for", "over", "behind", "after", "about"}


def _drop_anaphors(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """ "condemned the killing", "blamed Iran for the violence", "those behind the
    attack": a definite event noun with no agent or toll of its own, named as the
    object of an accusation, is the accused event, already coded: not a new one."""
    accusing = {d.mention.head for d in drafts if d.sense.event_type in _ACCUSING}
    keep: list[_Draft] = []
    for d in drafts:
        tok = doc[d.mention.head]
        if d.mention.nominal and not d.actor_heads and d.dead is None and d.injured is None \
                and d.arrested is None and not d.size_text and _definite(tok) \
                and _accused_object(tok, accusing):
            continue
        keep.append(d)
    return keep


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "its")
               for c in tok.children)


def _accused_object(tok: Token, accusing: set[int]) -> bool:
    """The noun is the object of an accusation, or in a for/over/behind phrase of it."""
    if tok.dep_ == "dobj" and tok.head.i in accusing:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in _ANAPHOR_PREPS:
        gov = tok.head.head
        if tok.head.lower_ == "behind" or gov.lemma_.lower() == "responsibility":
            return True  # "those behind the attack", "claimed responsibility for the attack"
        return gov.i in accusing or (gov.dep_ in ("dobj", "pobj") and gov.head.i in accusing)
    return False


def _instrument_actors(drafts: list[_Draft]) -> None:
    """ "A U.S. drone strike killed X": an event noun as agent passes down its own actor."""
    by_head = {d.mention.head: d for d in drafts}
    for d in drafts:
        if not any(h in by_head for h in d.actor_heads):
            continue
        heads: list[int] = []
        for h in d.actor_heads:
            src = by_head.get(h)
            if src is None:
                heads.append(h)
            elif src is not d:
                heads.extend(x for x in src.actor_heads if x not in by_head)
        d.actor_heads = tuple(dict.fromkeys(heads))


def _in_caption(start: int, ctx: DocContext) -> bool:
    return any(c.start <= start < c.end for c in ctx.article.captions)


def _confidence(tok: Token, draft: _Draft, has_actor: bool, has_date: bool, caption: bool) -> float:
    score = 0.75 if tok.pos_ == "VERB" else 0.65
    if draft.mention.partner is not None:
        score += 0.1
    if has_actor:
        score += 0.1
    if not has_date:
        score -= 0.05
    if draft.fact.label not in ("asserted", "reported"):
        score -= 0.1
    if caption:
        score *= 0.6
    return round(max(0.05, min(0.95, score)), 2)


def extract_events(
    ctx: DocContext,
    entities: tuple[Entity, ...],
    times: tuple[TimeExpr, ...],
    places: tuple[Place, ...],
    quotes: tuple[Quote, ...],
    kb: ActorKB | ActorResolver | None,
    actors: ArticleActors | None = None,
    model: EventTypeModel | None = None,
) -> tuple[Event, ...]:
    """Code every event mention in the article (see the module docstring).

    ``model`` (the pipeline's ACLED event-type model) types each event for ACLED from its
    sentence, with the article's lead as context; without it the PLOVER mapping alone does."""
    doc = ctx.doc
    lex = load_lexicon()
    mentions = find_triggers(doc, lex)
    if not mentions:
        return ()
    resolver: ActorResolver | None = kb  # type: ignore[assignment]  # ActorKB fits the protocol
    builder = ActorBuilder(doc, entities or _doc_entities(doc), resolver, lex, actors)
    drafts: list[_Draft] = []
    blocked = dateline_tokens(doc, ctx.article.dateline_span)
    sents = list(doc.sents)
    sent_of = _sentence_index(doc, sents)
    for m in mentions:
        tok = doc[m.head]
        fact = assess(tok, sent=sents[sent_of[m.head]])
        if fact.label == "negated" and not (fact.refusal and m.sense.event_type in _REFUSABLE):
            continue
        if _not_an_event(tok, m.sense, lex):
            continue
        actor_h, recip_h = _mention_roles(m, tok, fact, lex)
        actor_h = clean_heads(actor_h, doc, blocked, lex, actor=True)
        way = way_idiom(tok)
        if way is not None:  # "smashed their way into the compound": the compound
            dest = path_object(tok)
            recip_h = tuple(i for i in recip_h if i != way.i) + ((dest.i,) if dest else ())
        actor_sectors = {builder.build(i).sector for i in actor_h}
        sense = _adjust(m.sense, tok, fact, actor_sectors, lex)
        if sense.event_type == "ASSAULT" and sense.count is None and any(
                c.lower_ == "dead" for c in tok.children):  # "shot dead", "hacked dead"
            sense = Sense(sense.event_type, sense.mode, sense.cameo, "dead")
        if fact.label == "negated":  # a refusal, stated as fact
            fact = Factuality("asserted")
        draft = _Draft(m, sense, actor_h, recip_h, fact)
        _count(draft, tok, doc)
        drafts.append(draft)
    drafts = _drop_anaphors(drafts, doc)
    _resolve_definite(drafts, doc)
    _solicited_hostility(drafts, doc)
    _merge(drafts, doc)
    _instrument_actors(drafts)
    if not times:
        times = fallback_times([(e.start_char, e.end_char, e.text) for e in doc.ents
                                if e.label_ == "DATE"], ctx.published)
    gpe_ents = [(e.start_char, e.end_char, e.text) for e in doc.ents
                if e.label_ in ("GPE", "LOC", "FAC") and e.root.dep_ == "pobj"
                and e.root.head.lower_ in _LOCATIVE]
    reader = _SentenceReader(model, sents)
    events: list[Event] = []
    own_scopes = {d.mention.head: embedded_scope(doc[d.mention.head]) for d in drafts}
    others = tuple(sorted({r for h, r in own_scopes.items()
                           if r is not None and not is_sequence_phrase(doc[h])}))
    direct = [q for q in quotes if q.kind == "direct"]
    seen_lemmas: set[str] = set()
    not_where = _non_locative_places(doc, places, blocked)
    definite: list[bool] = []
    for d in drafts:
        if d.merged_into is not None:
            continue
        if doc[d.mention.head].lemma_.lower() in _DEATH_ONLY:
            continue  # a death with no attack to attach it to is not an event here
        d.recipient_heads = clean_heads(d.recipient_heads, doc, blocked, lex, actor=False)
        tok = doc[d.mention.head]
        quote = next((q for q in direct if q.start <= tok.idx < q.end), None)
        own = own_scopes[d.mention.head] or (
            (quote.start, quote.end) if quote is not None else None)
        event = _finish(d, ctx, builder, times, places, gpe_ents, reader,
                        sents[sent_of[d.mention.head]], (own, others), not_where,
                        embedded=own_scopes[d.mention.head] is not None)
        events.append(_background(event, tok, quote, seen_lemmas))
        definite.append(d.mention.nominal and _definite(tok))
        seen_lemmas.add(tok.lemma_.lower())
    return tuple(_inherit_from_antecedents(events, definite))


def _non_locative_places(doc: Doc, places: tuple[Place, ...],
                         dateline: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Place mentions that do not say where something happened: the dateline ("KABUL,
    Afghanistan —": the fallback, never a mention in the sentence), the subject or object of a
    speech or accusation verb ("the Pentagon said", "blaming Tehran": the institution speaks or
    is blamed), the source of "according to", and
    a country used as a noun modifier ("U.S. forces", "Afghan officials": a nationality)."""
    out: list[tuple[int, int]] = []
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if span.start in dateline:
            out.append((p.start, p.end))
        elif root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.head.lemma_.lower() in SPEECH_ACTS:
            out.append((p.start, p.end))  # "the Pentagon said", "blaming Tehran": a government
        elif root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
            out.append((p.start, p.end))  # "according to the Pentagon": a source
        elif p.feature == "country" and root.dep_ in ("compound", "amod", "nmod") \
                and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in _WHERE_ENTS:
            out.append((p.start, p.end))
    return out


_WHERE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


def _inherit_from_antecedents(events: list[Event], definite: list[bool]) -> list[Event]:
    """References to an event the article dates elsewhere take that event's date, and its
    place too where their own is only the dateline or the country around the antecedent's
    place ("died in the blast at the gate, the deadliest day for U.S. forces in Afghanistan").

    A reference is a definite event noun with no date in its own sentence ("the blast", "the
    attack"), or an event with neither date nor place of its own that states a toll.  Its
    antecedent is an event of its type (modes that fit) with a date from the text: one with
    the same toll first, wherever the article tells it; else, for a definite noun, the
    nearest earlier one, else a later one ("the bombing" named before its details)."""
    out = list(events)
    for k, ev in enumerate(events):
        if ev.date_text is not None or ev.historical:
            continue
        # with no date or place of its own, a stated toll names the article's event with that
        # toll ("Iran killed an American contractor", tweeted: the rocket attack that killed one)
        unanchored = ev.dead is not None and (ev.location is None or ev.location.text is None)
        if not definite[k] and not unanchored:
            continue

        def fits(a: Event, ev: Event = ev) -> bool:
            return a.event_type == ev.event_type and a.date_text is not None and not a.historical \
                and modes_fit(a.mode, ev.mode)

        ante = None
        if ev.dead is not None:
            ante = next((a for a in reversed(out[:k]) if fits(a) and a.dead == ev.dead), None) \
                or next((a for a in events[k + 1:] if fits(a) and a.dead == ev.dead), None)
        if ante is None and definite[k]:
            ante = next((a for a in reversed(out[:k]) if fits(a)), None) or next(
                (a for a in events[k + 1:] if fits(a)), None)
        if ante is None:
            continue
        changes: dict[str, object] = {"date": ante.date, "date_precision": ante.date_precision,
                                      "date_text": ante.date_text}
        own, theirs = ev.location, ante.location
        if theirs is not None and theirs.text is not None and (
                own is None or own.text is None
                or (own.precision == "country" and own.country == theirs.country
                    and _PRECISION_RANK.get(theirs.precision, 4) < 4)):
            changes["location"] = theirs
        out[k] = replace(ev, **changes)  # type: ignore[arg-type]
    return out


def _background(event: Event, tok: Token, quote: Quote | None, seen: set[str]) -> Event:
    """Quote attribution, background marking and low value for bare repeated nouns.

    An event inside a direct quote is the speaker's report; one governed by "in the
    past few months", "years ago", "once" is background (historical); a nominal
    trigger with no actor or recipient whose lemma was already coded earlier
    ("the demonstrations", "requests") adds little and gets a low confidence.
    """
    changes: dict[str, object] = {}
    if quote is not None:  # said by someone, named or not
        if event.factuality == "asserted":
            changes["factuality"] = "reported"
        if event.attributed_to is None and quote.speaker:
            changes["attributed_to"] = quote.speaker
    if not event.historical and background_marked(tok):
        changes["historical"] = True
    if (tok.pos_ in ("NOUN", "PROPN") and not event.actor and not event.recipient
            and tok.lemma_.lower() in seen):
        changes["confidence"] = min(event.confidence, 0.45)
    return replace(event, **changes) if changes else event  # type: ignore[arg-type]


def _sentence_index(doc: Doc, sents: list[SpacySpan]) -> list[int]:
    """Sentence number of every token (``Token.sent`` rescans the Doc on each call)."""
    out = [0] * len(doc)
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            out[i] = k
    return out


def _doc_entities(doc: Doc) -> tuple[Entity, ...]:
    return tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)


_VIOLENT = frozenset({"ASSAULT", "COERCE"})
NOT_AN_EVENT_CONFIDENCE = 0.2
CONFIRMED_BONUS = 0.1
LEAD_WEIGHT = 0.25  # share of the lead sentence's reading in a later sentence's


class _SentenceReader:
    """The model's reading of each sentence, computed once per sentence per article.

    A sentence after the lead is read with the lead as context: its probabilities are mixed with
    the lead's (``LEAD_WEIGHT``), since a report's lead names the event later sentences detail
    ("the attack", "the blast")."""

    def __init__(self, model: EventTypeModel | None, sents: list[SpacySpan]) -> None:
        self.model = model
        self.lead = sents[0] if sents else None
        self.memo: dict[int, Prediction] = {}

    def _own(self, sent: SpacySpan) -> Prediction:
        assert self.model is not None
        hit = self.memo.get(sent.start)
        if hit is None:
            hit = self.memo[sent.start] = self.model.predict(sent.text)
        return hit

    def read(self, sent: SpacySpan) -> Prediction | None:
        if self.model is None:
            return None
        own = self._own(sent)
        if self.lead is None or sent.start == self.lead.start or LEAD_WEIGHT <= 0:
            return own
        lead = self._own(self.lead)
        mixed = tuple((1 - LEAD_WEIGHT) * a + LEAD_WEIGHT * b for a, b in zip(own.probs, lead.probs, strict=True))
        return Prediction(own.classes, mixed)


def _finish(d: _Draft, ctx: DocContext, builder: ActorBuilder, times: tuple[TimeExpr, ...],
            places: tuple[Place, ...], gpe_ents: list[tuple[int, int, str]],
            reader: _SentenceReader, sent: SpacySpan,
            scope: Scope = None, not_where: list[tuple[int, int]] | None = None,
            embedded: bool = False) -> Event:
    doc = ctx.doc
    tok = doc[d.mention.head]
    actors = tuple(builder.build(i) for i in d.actor_heads)
    recipients = tuple(builder.build(i) for i in d.recipient_heads)
    t_start, t_end = d.mention.span(doc)
    date_value, precision, date_text, historical = event_time(tok, sent, times, ctx.published,
                                                              scope, embedded)
    excluded = [(a.start, a.end) for a in actors + recipients
                if a.start is not None and a.end is not None]
    core_excluded = [(doc[i].left_edge.idx, doc[i].idx + len(doc[i].text))
                     for i in d.actor_heads + d.recipient_heads]
    # "bombed the Kabul airport": a town inside a struck facility's name is where it happened
    sites = [(doc[i].left_edge.idx, doc[i].idx + len(doc[i].text)) for i in d.recipient_heads
             if doc[i].lemma_.lower() in _SITE_NOUNS]
    site_places = {(p.start, p.end) for p in places if p.feature != "country"
                   and any(s0 <= p.start and p.end <= s1 for s0, s1 in sites)}
    if site_places:
        excluded = [r for r in excluded if not any(r[0] <= a and b <= r[1] for a, b in site_places)]
        core_excluded = [r for r in core_excluded
                         if not any(r[0] <= a and b <= r[1] for a, b in site_places)]
    location = event_location(tok, sent, places, gpe_ents,
                              (core_excluded or excluded) + (not_where or []),
                              ctx.article.dateline, None, scope, embedded)
    if location is not None and location.text is None and ctx.article.dateline is None:
        location = None
    sectors = {a.sector for a in actors}
    r_sectors = {r.sector for r in recipients}
    acled = acled_for(d.sense.event_type, d.sense.mode, sectors, r_sectors,
                      tok.lemma_, d.dead)
    typing = type_with_model(d.sense.event_type, acled, reader.read(sent))
    acled = typing.acled
    attributed: str | None = None
    source = relative_antecedent(d.fact.source) if d.fact.source is not None else None
    if source is not None:
        ref: ActorRef = builder.build(source.i)
        attributed = ref.name or ref.text
    caption = _in_caption(tok.idx, ctx)
    confidence = _confidence(tok, d, bool(actors), date_text is not None, caption)
    if typing.not_an_event and d.sense.event_type in _VIOLENT:
        # "shares shot up", "the court struck down the law": kept (the PLOVER coder found a
        # trigger) but marked unlikely, below every event the model does not doubt
        confidence = min(confidence, NOT_AN_EVENT_CONFIDENCE)
    elif typing.confirmed:  # two readings agree (trigger and sentence): a likelier event
        confidence = round(min(0.95, confidence + CONFIRMED_BONUS), 2)
    return Event(
        id=f"e{t_start}",
        event_type=d.sense.event_type,
        mode=d.sense.mode,
        context=contexts_for(d.sense.event_type, d.sense.mode, sent.text, sectors | r_sectors),
        cameo=d.sense.cameo,
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        actor=actors,
        recipient=recipients,
        date=date_value,
        date_precision=precision,
        date_text=date_text,
        location=location,
        dead=d.dead,
        injured=d.injured,
        arrested=d.arrested,
        factuality=d.fact.label,
        attributed_to=attributed,
        historical=historical,
        evidence=(Span(sent.start_char, sent.end_char),),
        confidence=confidence,
        trigger=ctx.article.text[t_start:t_end],
        trigger_start=t_start,
        trigger_end=t_end,
        size_text=dict(d.size_text),
        caption=caption,
    )
