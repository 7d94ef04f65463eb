"""spaCy features of ECB+ event mentions: head lemma, POS and sentence context.

Validated sentences are parsed from the corpus tokens (no re-tokenization), so
token ids map one-to-one to spaCy tokens.  The mention's head is the syntactic
root of its tokens (``Span.root``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.stories.ecb import EcbDoc, EcbMention
from dateline.stories.text import STOP_WORDS, fold


@dataclass(frozen=True, slots=True)
class MentionFeatures:
    key: tuple[str, int, int]
    doc: str
    lemma: str
    pos: str
    text: str
    context: tuple[str, ...]  # content lemmas of the sentence, mention excluded
    names: tuple[str, ...]  # proper nouns / numbers / entities of the sentence
    args: tuple[str, ...] = ()  # the head's participants, time and place words, its governor


#: Dependents of an event head that name its participants, time or place.
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "nmod", "poss",
                       "agent", "attr", "npadvmod"})
_ARG_POS = frozenset({"NOUN", "PROPN", "NUM"})


def head_arguments(head: Token) -> tuple[str, ...]:
    """Folded lemmas of the nouns, names and numbers attached to an event head (through one
    preposition at most), plus ``h:<lemma>`` of the verb or noun governing a nominal head:
    "the Chile quake on Monday" → (chile, monday); "police arrested him" → (police, ...)."""
    out: set[str] = set()
    for child in head.children:
        if child.dep_ == "prep":
            out.update(fold(t.lemma_) for t in child.children if t.pos_ in _ARG_POS)
        elif child.dep_ in _ARG_DEPS and child.pos_ in _ARG_POS:
            out.add(fold(child.lemma_))
    if head.dep_ in ("dobj", "nsubj", "pobj", "nsubjpass") and head.head.pos_ in ("VERB", "NOUN"):
        out.add("h:" + fold(head.head.lemma_))
    return tuple(sorted(out))


def parse_sentences(nlp: Language, docs: Sequence[EcbDoc],
                    sentences: dict[str, set[int]] | None = None) -> dict[tuple[str, int], Doc]:
    """Parse each (doc, sentence) once; ``sentences`` limits which (default: validated ones)."""
    items: list[tuple[tuple[str, int], list[int], list[str]]] = []
    for d in docs:
        wanted = sentences.get(d.name, set()) if sentences is not None else d.validated
        by_sent: dict[int, list[tuple[int, str]]] = {}
        for t, s, w in d.tokens:
            if s in wanted:
                by_sent.setdefault(s, []).append((t, w))
        for s, toks in sorted(by_sent.items()):
            items.append(((d.name, s), [t for t, _ in toks], [w or "_" for _, w in toks]))
    out: dict[tuple[str, int], Doc] = {}
    docs_in = (Doc(nlp.vocab, words=words) for _, _, words in items)
    for (key, tids, _), sdoc in zip(items, nlp.pipe(docs_in, batch_size=64), strict=True):
        sdoc.user_data["t_ids"] = tids
        out[key] = sdoc
    return out


def parse_documents(nlp: Language, docs: Sequence[EcbDoc]) -> dict[str, Doc]:
    """Parse each whole document (all sentences, corpus tokens kept) once, by name."""
    ins = (Doc(nlp.vocab, words=[w or "_" for _, _, w in d.tokens]) for d in docs)
    return {d.name: sdoc for d, sdoc in zip(docs, nlp.pipe(ins, batch_size=32), strict=True)}


def mention_features(m_key: tuple[str, int, int], token_ids: Iterable[int],
                     sdoc: Doc) -> MentionFeatures:
    tids = sdoc.user_data["t_ids"]
    pos_of = {t: i for i, t in enumerate(tids)}
    idx = sorted(pos_of[t] for t in token_ids if t in pos_of)
    span = sdoc[idx[0]: idx[-1] + 1]
    head = span.root
    inside = set(range(idx[0], idx[-1] + 1))
    context = tuple(sorted({fold(t.lemma_) for t in sdoc if t.i not in inside and t.is_alpha
                            and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
                            and fold(t.lemma_) not in STOP_WORDS}))
    names = tuple(sorted({fold(t.text) for t in sdoc if t.i not in inside
                          and (t.pos_ in ("PROPN", "NUM") or t.ent_type_)}))
    return MentionFeatures(m_key, m_key[0], fold(head.lemma_), head.pos_, span.text, context, names,
                           head_arguments(head))


def event_features(docs: Sequence[EcbDoc], parsed: dict[tuple[str, int], Doc]) -> list[MentionFeatures]:
    """Features of the gold event mentions of ``docs``."""
    out = []
    for d in docs:
        for m in d.events:
            sdoc = parsed.get((d.name, m.sentence))
            if sdoc is not None:
                out.append(mention_features(m.key, m.token_ids, sdoc))
    return out


def gold_clusters(mentions: Iterable[EcbMention]) -> list[set[tuple[str, int, int]]]:
    groups: dict[str, set[tuple[str, int, int]]] = {}
    for m in mentions:
        groups.setdefault(m.gold, set()).add(m.key)
    return list(groups.values())
