"""Event coder: detect and code every event mention (PLOVER, CAMEO, ACLED).

Pipeline per article, all on the spaCy Doc already parsed (no second parse):

1. triggers  (event_triggers)   lexicon lookup over verbs, nouns and two-word phrases
2. roles     (event_actors)     actor / recipient heads from the dependency parse
3. factuality (event_factuality) negation, modality, threat/plan/blame/report verbs
4. sense adjustments            armed vs. protester actors, weapon words, future
                                cooperation coded AGREE (PLOVER rule)
5. casualties (event_casualties) dead / injured / arrested from victim phrases
6. merging                      "airstrikes that killed 25", "killed in a bombing"
                                become one event
7. anchoring (event_anchor)     governing date and place, else article defaults
8. mapping   (event_mappings)   ACLED type / sub-type, PLOVER context

Negated events ("there are no plans to evacuate") are not emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from dateline.extract.base import DocContext
from dateline.extract.event_actors import ActorBuilder, ActorResolver, noun_roles, verb_roles
from dateline.extract.event_anchor import event_location, event_time, fallback_times
from dateline.extract.event_casualties import victim_count
from dateline.extract.event_factuality import Factuality, assess
from dateline.extract.event_lexicon import Lexicon, Sense, load_lexicon
from dateline.extract.event_mappings import (
    AcledReading,
    acled_classifier,
    acled_for,
    as_reading,
    contexts_for,
    refine_with_classifier,
)
from dateline.extract.event_triggers import Mention, find_triggers
from dateline.records import ActorRef, Entity, Event, Place, Quote, Span, TimeExpr

if TYPE_CHECKING:
    from dateline.extract.actors import ActorKB
    from dateline.extract.places import Geoparser

_COOPERATIVE = {"SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
_ARMED = {"military", "police", "militia", "rebels", "armed group", "government", "insurgent"}
_ALLEGE_VERBS = {"blame", "accuse", "charge", "hold"}
_CAUSE_PREPS = {"in", "during", "from", "by"}
_RIOT_MODES = {"primitive", "destroy", "beat", None}
_LOCATIVE = {"in", "near", "at", "outside", "inside", "around", "across", "from", "to", "into",
             "on", "throughout", "towards", "toward"}
_MOVE_TYPES = {"MOBILIZE", "AID"}  # the object is what is sent, not the recipient


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
    if fact.future and fact.label in ("asserted", "planned", "reported") and \
            sense.event_type in _COOPERATIVE:
        sense = Sense("AGREE", None, "03" + (sense.cameo or "0")[1:2] if sense.cameo else "030",
                      sense.count)
    return sense


def _victims(tok: Token, draft_recipients: tuple[int, ...], doc: Doc) -> list[Token]:
    if tok.pos_ in ("NOUN", "PROPN"):
        of = _prep_pobj(tok, "of")
        return [of] if of is not None else [doc[i] for i in draft_recipients]
    return [doc[i] for i in draft_recipients]


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


def _merge(drafts: list[_Draft], doc: Doc) -> None:
    """Fold casualty-only triggers into the attack they report on."""
    by_head = {d.mention.head: d for d in drafts}
    for d in drafts:
        if d.sense.count not in ("dead", "injured") or d.sense.event_type != "ASSAULT":
            continue
        tok = doc[d.mention.head]
        target: _Draft | None = None
        for h in d.actor_heads:
            cand = by_head.get(h)
            if cand is not None and cand is not d and cand.sense.event_type == "ASSAULT":
                target = cand
        if target is None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS:
                    for p in c.children:
                        cand = by_head.get(p.i)
                        if cand is not None and cand.sense.event_type == "ASSAULT":
                            target = cand
        if target is None and tok.dep_ in ("relcl", "acl") and tok.head.i in by_head:
            cand = by_head[tok.head.i]
            if cand.sense.event_type == "ASSAULT" and cand is not d:
                target = cand
        if target is None or target.merged_into is not None:
            continue
        for slot in ("dead", "injured", "arrested"):
            if getattr(target, slot) is None and getattr(d, slot) is not None:
                setattr(target, slot, getattr(d, slot))
        for k, v in d.size_text.items():
            target.size_text.setdefault(k, v)
        if not target.recipient_heads:
            target.recipient_heads = d.recipient_heads
        target.extra_heads = target.extra_heads + (d.mention.head,)
        d.merged_into = target.mention.head


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
    geoparser: Geoparser | None,
) -> tuple[Event, ...]:
    """Code every event mention in the article (see the module docstring)."""
    doc = ctx.doc
    lex = load_lexicon()
    mentions = find_triggers(doc, lex)
    if not mentions:
        return ()
    resolver: ActorResolver | None = kb  # type: ignore[assignment]  # ActorKB fits the protocol
    builder = ActorBuilder(doc, entities or _doc_entities(doc), resolver, lex)
    drafts: list[_Draft] = []
    for m in mentions:
        tok = doc[m.head]
        fact = assess(tok)
        if fact.label == "negated":
            continue
        actor_h, recip_h = _roles(tok, lex, m.nominal)
        if m.partner is not None:
            recip_h = tuple(i for i in recip_h if i != m.partner)
            actor_h = tuple(i for i in actor_h if i != m.partner)
        if m.sense.event_type in _MOVE_TYPES and tok.pos_ == "VERB":
            dest = _prep_pobj(tok, "to") or _prep_pobj(tok, "against")
            dative = next((c for c in tok.children if c.dep_ == "dative"), None)
            recip_h = tuple(t.i for t in (dest, dative) if t is not None)
        actor_sectors = {builder.build(i).sector for i in actor_h}
        sense = _adjust(m.sense, tok, fact, actor_sectors, lex)
        draft = _Draft(m, sense, actor_h, recip_h, fact)
        _count(draft, tok, doc)
        drafts.append(draft)
    _merge(drafts, doc)
    if not times:
        times = fallback_times([(e.start_char, e.end_char, e.text) for e in doc.ents
                                if e.label_ == "DATE"], ctx.published)
    gpe_ents = [(e.start_char, e.end_char, e.text) for e in doc.ents
                if e.label_ in ("GPE", "LOC", "FAC") and e.root.dep_ == "pobj"
                and e.root.head.lower_ in _LOCATIVE]
    classify = acled_classifier()
    sent_labels: dict[int, AcledReading | None] = {}
    events: list[Event] = []
    for d in drafts:
        if d.merged_into is not None:
            continue
        events.append(_finish(d, ctx, builder, times, places, gpe_ents, classify, sent_labels))
    return tuple(events)


def _doc_entities(doc: Doc) -> tuple[Entity, ...]:
    return tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)


def _finish(d: _Draft, ctx: DocContext, builder: ActorBuilder, times: tuple[TimeExpr, ...],
            places: tuple[Place, ...], gpe_ents: list[tuple[int, int, str]],
            classify: object, sent_labels: dict[int, AcledReading | None],
            ) -> Event:
    doc = ctx.doc
    tok = doc[d.mention.head]
    sent = tok.sent
    actors = tuple(builder.build(i) for i in d.actor_heads)
    recipients = tuple(builder.build(i) for i in d.recipient_heads)
    t_start, t_end = d.mention.span(doc)
    date_value, precision, date_text, historical = event_time(tok, sent, times, ctx.published)
    excluded = [(a.start, a.end) for a in actors + recipients
                if a.start is not None and a.end is not None]
    core_excluded = [(doc[i].left_edge.idx, doc[i].idx + len(doc[i].text))
                     for i in d.actor_heads + d.recipient_heads]
    location = event_location(tok, sent, places, gpe_ents, core_excluded or excluded,
                              ctx.article.dateline, None)
    if location is not None and location.text is None and ctx.article.dateline is None:
        location = None
    sectors = {a.sector for a in actors}
    r_sectors = {r.sector for r in recipients}
    acled = acled_for(d.sense.event_type, d.sense.mode, sectors, r_sectors,
                      tok.lemma_, d.dead)
    if callable(classify) and d.sense.event_type in ("ASSAULT", "PROTEST", "COERCE"):
        if sent.start not in sent_labels:
            sent_labels[sent.start] = as_reading(classify(sent.text))
        acled, _ = refine_with_classifier(d.sense.event_type, acled, sent_labels[sent.start])
    attributed: str | None = None
    if d.fact.source is not None:
        ref: ActorRef = builder.build(d.fact.source.i)
        attributed = ref.name or ref.text
    caption = _in_caption(tok.idx, ctx)
    confidence = _confidence(tok, d, bool(actors), date_text is not None, caption)
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
