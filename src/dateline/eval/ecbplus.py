"""ECB+ scorer: cross-document event coreference and story (document) clustering.

Setup (Cybulska & Vossen 2015, as used by Barhom et al. 2019): mentions in the
validated sentences only; singletons kept; documents are first clustered
(here by :class:`dateline.stories.StoryIndex`, not by gold topics), then event
mentions are clustered inside each document cluster.  Reported split: the
standard dev topics 2, 5, 12, 18, 21, 23, 34, 35 (weights were fitted on the
other topics of 1-35).  A copy of the data without those topics (e.g. a
held-out half with topics 36-45) is scored on all its topics.

Measures: MUC, B³, CEAF-e and CoNLL F1 from gold mentions; the same-lemma
baseline through the same scorer; CoNLL F1 from system mentions (spaCy verbs
and event nominals: the project's event coder works at the PLOVER-event level,
not on ECB+'s word-level mentions); B³ F1 of the document clusters against
the gold sub-topics (each ECB+ topic holds two seminal events, ecb / ecbplus).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from dateline.stories.cluster import StoryConfig, StoryIndex
from dateline.stories.coref_metrics import as_clusters, b_cubed, conll_scores
from dateline.stories.ecb import EcbDoc, read_corpus
from dateline.stories.ecb_features import (
    MentionFeatures,
    event_features,
    gold_clusters,
    mention_features,
    parse_sentences,
)
from dateline.stories.trigger_coref import (
    TriggerCorefModel,
    cluster_triggers,
    fit_weights,
    lemma_baseline,
)
from dateline.stories.trigger_lexicon import WORD_CLASS

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ure", "ing", "al")


def select_docs(docs: Sequence[EcbDoc], limit: int | None) -> list[EcbDoc]:
    """The dev-topic documents if present, else all; the first ``limit`` by (topic, name)."""
    present = {d.topic for d in docs}
    topics = DEV_TOPICS & present or present
    chosen = sorted((d for d in docs if d.topic in topics), key=lambda d: (d.topic, d.name))
    return chosen[:limit] if limit is not None else chosen


def capitalized_names(d: EcbDoc) -> list[str]:
    """Runs of capitalized words not opening a sentence: a cheap stand-in for NER entities."""
    out: list[str] = []
    run: list[str] = []
    prev = None
    for _, s, w in d.tokens:
        opening, prev = s != prev, s
        if not opening and len(w) > 1 and w.isalpha() and w[0].isupper():
            run.append(w)
            continue
        if run:
            out.append(" ".join(run))
            run = []
    if run:
        out.append(" ".join(run))
    return out


def doc_record(d: EcbDoc) -> dict[str, Any]:
    """An ECB+ document as a minimal article record (text and name entities, no date)."""
    return {"id": d.name, "status": "ok",
            "article": {"text": " ".join(w for _, _, w in d.tokens), "published": None},
            "entities": [{"text": n, "label": "NAME"} for n in capitalized_names(d)]}


def cluster_documents(docs: Sequence[EcbDoc], config: StoryConfig | None = None) -> dict[str, str]:
    """Document name → story id: stream documents in (topic-blind) name order, then refine
    (the batch path of :func:`dateline.stories.build_stories`)."""
    index = StoryIndex(config)
    for d in sorted(docs, key=lambda d: d.name):
        index.add(doc_record(d))
    index.refine()
    return {name: story.id for story in index.stories() for name in story.article_ids}


def _by_cluster(feats: Sequence[MentionFeatures], doc_cluster: dict[str, str]
                ) -> dict[str, list[MentionFeatures]]:
    groups: dict[str, list[MentionFeatures]] = defaultdict(list)
    for f in feats:
        groups[doc_cluster[f.doc]].append(f)
    return groups


def system_mentions(docs: Sequence[EcbDoc], parsed: dict[tuple[str, int], Any]) -> list[MentionFeatures]:
    """Event mentions found by spaCy alone: main verbs and event nominals (one token each)."""
    out = []
    for d in docs:
        for s in sorted(d.validated):
            sdoc = parsed.get((d.name, s))
            if sdoc is None:
                continue
            tids = sdoc.user_data["t_ids"]
            for tok in sdoc:
                lemma = tok.lemma_.lower()
                if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and (
                        lemma in WORD_CLASS or lemma.endswith(_NOMINAL_SUFFIXES))):
                    t = tids[tok.i]
                    out.append(mention_features((d.name, t, t), [t], sdoc))
    return out


def _response(groups: dict[str, list[MentionFeatures]], model: TriggerCorefModel
              ) -> list[list[Hashable]]:
    return [c for k in sorted(groups) for c in cluster_triggers(groups[k], model)]


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Score story clustering and event coreference on an ECB+ folder (see module doc)."""
    from dateline.nlp import load_model

    t0 = time.perf_counter()
    docs = select_docs(read_corpus(data), limit)
    doc_cluster = cluster_documents(docs)
    parsed = parse_sentences(load_model(), docs)
    gold = gold_clusters(m for d in docs for m in d.events)
    feats = event_features(docs, parsed)
    groups = _by_cluster(feats, doc_cluster)
    model = TriggerCorefModel()
    scores = conll_scores(gold, _response(groups, model))
    baseline = conll_scores(gold, [c for k in sorted(groups) for c in lemma_baseline(groups[k])])
    sys_groups = _by_cluster(system_mentions(docs, parsed), doc_cluster)
    sys_scores = conll_scores(gold, _response(sys_groups, model))
    story_sets: dict[str, set[str]] = defaultdict(set)
    for name, sid in doc_cluster.items():
        story_sets[sid].add(name)
    sub_sets: dict[str, set[str]] = defaultdict(set)
    topic_sets: dict[int, set[str]] = defaultdict(set)
    for d in docs:
        sub_sets[d.subtopic].add(d.name)
        topic_sets[d.topic].add(d.name)
    resp_docs = as_clusters(story_sets.values())
    return {
        "dataset": "ecbplus", "data": data, "n_docs": len(docs),
        "seconds": round(time.perf_counter() - t0, 2),
        "conll_f1_gold_mentions": round(scores["conll_f1"], 4),
        "muc_f1_gold_mentions": round(scores["muc_f1"], 4),
        "b3_f1_gold_mentions": round(scores["b3_f1"], 4),
        "ceafe_f1_gold_mentions": round(scores["ceafe_f1"], 4),
        "conll_f1_system_mentions": round(sys_scores["conll_f1"], 4),
        "lemma_baseline_conll_f1_gold_mentions": round(baseline["conll_f1"], 4),
        "topic_b3_f1": round(b_cubed(as_clusters(sub_sets.values()), resp_docs).f1, 4),
        "topic_b3_f1_coarse_topics": round(b_cubed(as_clusters(topic_sets.values()), resp_docs).f1, 4),
        "topics": sorted(topic_sets),
        "n_event_mentions": sum(len(d.events) for d in docs),
        "n_stories": len(resp_docs),
    }


def fit(data: str) -> tuple[float, ...]:
    """Refit the trigger-coreference weights on the training topics (1-35 minus dev)."""
    from dateline.nlp import load_model

    docs = [d for d in read_corpus(data) if d.topic not in DEV_TOPICS]
    feats = event_features(docs, parse_sentences(load_model(), docs))
    sub = {d.name: d.subtopic for d in docs}
    gold = {m.key: m.gold for d in docs for m in d.events}
    by: dict[str, list[MentionFeatures]] = defaultdict(list)
    for f in feats:
        by[sub[f.doc]].append(f)
    pairs = [(a, b, gold[a.key] == gold[b.key])
             for g in by.values() for a, b in itertools.combinations(g, 2)]
    return fit_weights(pairs)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/ecbplus")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--fit", action="store_true", help="refit weights on the train topics and print them")
    args = ap.parse_args(argv)
    if args.fit:
        print(json.dumps({"weights": fit(args.data)}))
        return
    print(json.dumps(evaluate(args.data, args.limit)))


if __name__ == "__main__":
    main()
