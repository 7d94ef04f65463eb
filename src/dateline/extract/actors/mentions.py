"""Within-article actor identity: entity mentions, name clusters, roles, credits.

Built once per article by :meth:`dateline.extract.actors.ActorKB.analyze` from
the spaCy Doc it is given (no second parse).  The mechanisms are general:

* a short name joins the longest full name in the article that ends with it
  ("Esper" -> "Mark T. Esper", "Abdul Mahdi" -> "Adel Abdul Mahdi");
* "X, better known as/by (his nom de guerre) Y" / "also known as" / "whose
  real name is" link two names into one person;
* a name the small model mislabels (ORG/GPE for a person) becomes PERSON when a
  person-role noun sits next to it ("spokeswoman Morgan Ortagus", "Hadi
  al-Amiri, leader of ...");
* single-word organisation names that are only part of a person's title
  ("Defense" in "Defense Secretary Mark T. Esper") are not actors;
* roles come from premodifiers ("Defense Secretary") and appositions ("a
  Kataib Hezbollah spokesman").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.lang.en import English
from spacy.tokens import Span

from dateline.extract.base import DocContext
from dateline.records import Entity

if TYPE_CHECKING:
    from dateline.extract.actors.kb import ActorInfo, ActorKB, ArticleActors

_TITLE_CHAIN_DEPS = frozenset({"compound", "pobj", "prep", "nmod", "amod"})
_ROLE_SKIP_DEPS = frozenset({"det", "punct", "poss", "case", "cc"})
_QUOTE_CHARS = frozenset("\"“”‘’'")


@lru_cache(maxsize=1)
def _tokenizer() -> English:
    return English()


def tokenize_alias(alias: str) -> list[str]:
    """Tokens of an alias as spaCy's English tokenizer splits them."""
    return [t.text for t in _tokenizer().tokenizer(alias) if not t.is_space]


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of photo credits "(Name/Agency)" (inside the brackets)."""
    from dateline.extract.actors.kb import CREDIT_RE

    return [(m.start(1), m.end(2)) for m in CREDIT_RE.finditer(text)]


def caption_ranges(ctx: DocContext, credits: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Lines that are photo captions: marked by cleaning, or ending in a credit."""
    text = ctx.article.text
    ranges = [(c.start, c.end) for c in ctx.article.captions]
    for _, cend in credits:
        line_start = text.rfind("\n", 0, cend) + 1
        line_end = text.find("\n", cend)
        line_end = len(text) if line_end < 0 else line_end
        if text[cend + 1: line_end].strip() == "":
            ranges.append((line_start, line_end))
    return tuple(sorted(set(ranges)))


def _name_tokens(ent: Span) -> list[str]:
    from dateline.extract.actors.kb import PERSON_TITLES

    toks = [t.text for t in ent if not t.is_punct or t.text in ("-", ".")]
    while toks and toks[0].casefold() in PERSON_TITLES:
        toks.pop(0)
    if toks and toks[-1] in ("'s", "’s"):
        toks.pop()
    return toks


def _clean_name(tokens: list[str], ent: Span) -> str:
    text = ent.text
    first = tokens[0] if tokens else ""
    idx = text.find(first) if first else 0
    name = text[idx:] if idx >= 0 else text
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def _is_person_like(ent: Span) -> bool:
    """A non-PERSON span that the syntax says is a person's name."""
    from dateline.extract.actors.kb import ORG_HEAD_WORDS, PERSON_ROLE_NOUNS

    if any(t.lower_ in ORG_HEAD_WORDS for t in ent) or len(ent) > 5:
        return False
    if not all(t.text[:1].isupper() or t.text in ("-", ".", "al", "el", "bin", "ibn", "de")
               for t in ent):
        return False
    if ent.start > 0:
        prev = ent.doc[ent.start - 1]
        if prev.lower_ in PERSON_ROLE_NOUNS and prev.head.i in range(ent.start, ent.end):
            return True
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.lemma_.lower() in PERSON_ROLE_NOUNS:
            return True
    return False


def _is_surname_of(tokens: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    """True if ``tokens`` end a longer person name of the article."""
    return bool(tokens) and any(len(n) > len(tokens) and n[-len(tokens):] == tokens for n in names)


def _is_title_part(ent: Span, person_tokens: set[int]) -> bool:
    """'Defense' in 'Defense Secretary Mark T. Esper': part of a title, not an actor."""
    if len(ent) > 2 or ent.root.dep_ not in _TITLE_CHAIN_DEPS:
        return False
    tok = ent.root
    for _ in range(4):
        if tok.dep_ not in _TITLE_CHAIN_DEPS or tok.head is tok:
            return False
        tok = tok.head
        if tok.i in person_tokens:
            return True
    return False


def role_of(ent: Span) -> str | None:
    """A person's role from premodifiers or an apposition, as written."""
    from dateline.extract.actors.kb import PERSON_ROLE_NOUNS, PERSON_TITLES

    doc = ent.doc
    left_edge = ent.root.left_edge.i
    i = ent.start - 1
    first = None
    while i >= left_edge:
        t = doc[i]
        if t.dep_ in _ROLE_SKIP_DEPS or t.text in _QUOTE_CHARS or t.ent_type_ == "PERSON" \
                or "\n" in t.text:
            break
        first = i
        i -= 1
    role_words = PERSON_ROLE_NOUNS | PERSON_TITLES
    if first is not None:
        words = doc[first: ent.start]
        if any(t.lower_ in role_words for t in words):
            return words.text.strip().lstrip("●•·*-–— ")  # a Span's text: Doc.text re-joins the doc
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and (
                child.lemma_.lower() in role_words or child.lower_ in role_words):
            toks = [t for t in child.subtree if t.i >= ent.end]
            end = len(toks)
            for k, t in enumerate(toks):
                if t.dep_ == "relcl" or (t.text == "," and k > 0) or "\n" in t.text:
                    end = k
                    break
            toks = toks[:end]
            while toks and toks[0].dep_ in ("det", "punct"):
                toks.pop(0)
            if toks:
                return doc[toks[0].i: toks[-1].i + 1].text
    return None


def build_article_actors(kb: ActorKB, ctx: DocContext) -> ArticleActors:
    """Entities, clustered mentions and roles for one article."""
    from dateline.extract.actors.kb import ALIAS_LINK_RE, NON_ACTOR_LABELS, ActorInfo, ArticleActors, Mention

    doc, text = ctx.doc, ctx.article.text
    credits = credit_spans(text)
    captions = caption_ranges(ctx, credits)

    def in_caption(pos: int) -> bool:
        return any(s <= pos < e for s, e in captions)

    # 1. decide each entity's label
    kept: list[tuple[Span, str]] = []
    credit_entities: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ in NON_ACTOR_LABELS:
            continue
        if any(ent.start_char < ce and cs < ent.end_char for cs, ce in credits):
            name = ent.text.split("/")[0].strip()
            credit_entities.append(Entity(ent.text, "CREDIT", ent.start_char, ent.end_char,
                                          canonical=name, kind="credit", country=None))
            continue
        if ent.label_ == "PERSON" and ent.end_char < len(text) and text[ent.end_char] == "-":
            continue  # "Mar" of "Mar-a-Lago"
        label = ent.label_
        info = kb.resolve(ent.text) or (kb.resolve(ent.ent_id_) if ent.ent_id_ else None)
        if info is not None and info.kind not in ("country", "person") and label == "PERSON":
            label = "ORG"
        elif info is None and label != "PERSON" and _is_person_like(ent):
            label = "PERSON"
        kept.append((ent, label))

    # 2. text-stated aliases: "X, better known as Y"
    links: dict[int, int] = {}
    for (a, la), (b, lb) in zip(kept, kept[1:], strict=False):
        if ALIAS_LINK_RE.match(text[a.end_char: b.start_char]) and "PERSON" in (la, lb):
            links[a.start] = b.start
    if links:
        relabel = set(links) | set(links.values())
        kept = [(e, "PERSON" if e.start in relabel else lab) for e, lab in kept]

    # a surname the model mislabels ("Nadir" as ORG) after the full name was a PERSON
    person_names = {tuple(_name_tokens(e)) for e, lab in kept if lab == "PERSON"}
    kept = [(e, "PERSON" if lab in ("ORG", "GPE", "NORP") and kb.resolve(e.text) is None
             and _is_surname_of(tuple(t.text for t in e), person_names) else lab)
            for e, lab in kept]
    person_tokens = {t.i for e, lab in kept if lab == "PERSON" for t in e}
    kept = [(e, lab) for e, lab in kept
            if not (lab in ("ORG", "NORP") and _is_title_part(e, person_tokens))]

    # 3. person clusters: short names join the longest full name ending with them
    persons = [(e, _name_tokens(e)) for e, lab in kept if lab == "PERSON"]
    full: dict[tuple[str, ...], str] = {}
    for e, toks in persons:
        key = tuple(toks)
        if len(key) >= 1 and (key not in full):
            full[key] = _clean_name(toks, e)
    canon_of: dict[int, str] = {}
    for e, toks in persons:
        key = tuple(toks)
        best = key
        for other in full:
            if len(other) > len(best) and other[-len(key):] == key:
                best = other
        canon_of[e.start] = full.get(best, e.text)
    for a_start, b_start in links.items():  # the better-known name wins
        a_name, b_name = canon_of.get(a_start), canon_of.get(b_start)
        if a_name and b_name:
            for k, v in list(canon_of.items()):
                if v == a_name:
                    canon_of[k] = b_name

    # 4. roles and infos
    roles: dict[str, str] = {}
    entities: list[Entity] = list(credit_entities)
    mentions: list[Mention] = []
    for ent, label in kept:
        if label == "PERSON":
            canonical = canon_of.get(ent.start, ent.text)
            role = role_of(ent)
            if role and canonical not in roles:
                roles[canonical] = role
            country = _country_in_text(kb, roles.get(canonical, ""))
            info = ActorInfo(canonical, "person", country)
        else:
            info = _non_person_info(kb, ent, label)
        entities.append(Entity(ent.text, label, ent.start_char, ent.end_char,
                               canonical=info.canonical, kind=info.kind, country=info.country))
        mentions.append(Mention(ent.start_char, ent.end_char, ent.start, ent.end, info, label,
                                ent.root.dep_ in ("nsubj", "nsubjpass"), in_caption(ent.start_char)))
    # roles are known only after all mentions: refresh person countries
    mentions = [
        Mention(m.start, m.end, m.token_start, m.token_end,
                ActorInfo(m.info.canonical, m.info.kind,
                          m.info.country or _country_in_text(kb, roles.get(m.info.canonical, ""))),
                m.label, m.is_subject, m.in_caption) if m.label == "PERSON" else m
        for m in mentions
    ]
    entities.sort(key=lambda e: (e.start, e.end))
    return ArticleActors(kb, doc, tuple(entities), tuple(mentions), roles, captions)


def _country_in_text(kb: ActorKB, text: str) -> str | None:
    """Country named in a role ("Iraqi President", "a Kataib Hezbollah spokesman")."""
    if not text:
        return None
    words = text.replace(",", " ").split()
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            info = kb.resolve(" ".join(words[i: i + n]))
            if info is not None and info.country:
                return info.country
    return None


def _non_person_info(kb: ActorKB, ent: Span, label: str) -> ActorInfo:
    from dateline.extract.actors.kb import ActorInfo

    info = kb.resolve(ent.text) or (kb.resolve(ent.ent_id_) if ent.ent_id_ else None)
    acting = ent.root.dep_ in ("nsubj", "nsubjpass", "poss") or (
        ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent")
    if label in ("GPE", "LOC", "FAC") and acting:
        met = kb.metonym(ent.text)
        if met is not None:
            return met
    if info is not None:
        return info
    name = ent.text
    if name[:4].lower() == "the ":
        name = name[4:]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if label in ("GPE", "LOC", "FAC"):
        return ActorInfo(name, None, None)
    kind = kb.sector_of(ent.root.lemma_)
    for tok in reversed(ent):
        if kind is not None:
            break
        kind = kb.sector_of(tok.lemma_) if tok.pos_ in ("NOUN", "PROPN") else None
    if kind is None and label == "ORG":
        kind = "organization"
    country = None
    for tok in ent:
        sub = kb.resolve(tok.text)
        if sub is not None and sub.kind == "country":
            country = sub.country
            break
    if country is None:
        country = _country_in_text(kb, name)
    return ActorInfo(name, kind, country)
