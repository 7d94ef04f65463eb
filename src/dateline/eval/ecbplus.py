"""ECB+ scorer: cross-document event coreference and story (document) clustering.

Setup (Cybulska & Vossen 2015, as used by Barhom et al. 2019): mentions in the
validated sentences only; singletons kept; documents are first clustered into
stories (topic-blind, not by gold topics), then event mentions are clustered
inside each story.  The stories are the product's: every document goes through
the pipeline and its records through :func:`dateline.stories.build_stories`
(the streaming :class:`StoryIndex` that ``dateline brief`` and the API use).
Reported split: the standard dev topics 2, 5, 12, 18, 21, 23, 34, 35 (weights
and thresholds were chosen on the other topics of 1-35: ``--fit`` and
``--fit-docs``).  A copy of the data without those topics (e.g. a held-out
half with topics 36-45) is scored on all its topics.

Measures: MUC, B³, CEAF-e and CoNLL F1 from gold mentions; the same-lemma
baseline through the same scorer; CoNLL F1 from system mentions of two kinds:
spaCy verbs and event nominals, and the triggers of the project's event coder
(with the same-lemma baseline on those same mentions, and the coder's mention
precision and recall); B³ F1 of the document clusters against the gold
sub-topics (each ECB+ topic holds two seminal events, ecb / ecbplus), also for
the batch reference clusterer :func:`dateline.stories.doc_cluster.cluster_docs`
(spaCy lemmas, one cut per topic) for comparison.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from dateline.stories import build_stories
from dateline.stories.cluster import StoryConfig
from dateline.stories.coref_metrics import as_clusters, b_cubed, conll_scores
from dateline.stories.doc_cluster import DocClusterConfig, cluster_docs
from dateline.stories.ecb import EcbDoc, read_corpus
from dateline.stories.ecb_coder import coder_mentions, coder_record
from dateline.stories.ecb_features import (
    MentionFeatures,
    event_features,
    gold_clusters,
    mention_features,
    parse_documents,
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


def cluster_documents(parsed_docs: dict[str, Any], config: DocClusterConfig | None = None
                      ) -> dict[str, str]:
    """Document name → story id from the batch two-stage clusterer (:mod:`doc_cluster`)."""
    return {name: f"story-{k}" for k, names in enumerate(cluster_docs(parsed_docs, config))
            for name in names}


def story_documents(records: Sequence[Any], config: StoryConfig | None = None) -> dict[str, str]:
    """Document name → story id from the product path: pipeline records through
    :func:`dateline.stories.build_stories` (records sorted there, so order does not matter)."""
    return {name: story.id for story in build_stories(records, config) for name in story.article_ids}


def _by_cluster(feats: Sequence[MentionFeatures], doc_cluster: dict[str, str]
                ) -> dict[str, list[MentionFeatures]]:
    groups: dict[str, list[MentionFeatures]] = defaultdict(list)
    for f in feats:
        groups[doc_cluster[f.doc]].append(f)
    return groups


def _not_an_event(tok: Any) -> bool:
    """Tokens that look like event words but are not: dates and times ("Monday morning")
    and the idiom "according to"."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return bool(tok.lemma_.lower() == "accord" and nxt is not None and nxt.lower_ == "to")


def _span_end(tok: Any) -> int:
    """Last token index of a mention headed by ``tok``: a phrasal verb keeps its adjacent
    particle ("checked in", "broke out"), as ECB+ annotates it."""
    if tok.pos_ == "VERB" and tok.i + 1 < len(tok.doc):
        nxt = tok.nbor(1)
        if nxt.dep_ == "prt" and nxt.head.i == tok.i:
            return int(nxt.i)
    return int(tok.i)


def system_mentions(docs: Sequence[EcbDoc], parsed: dict[tuple[str, int], Any]) -> list[MentionFeatures]:
    """Event mentions found by spaCy alone: main verbs (with their particle) and event
    nominals, dates and "according to" left out."""
    out = []
    for d in docs:
        for s in sorted(d.validated):
            sdoc = parsed.get((d.name, s))
            if sdoc is None:
                continue
            tids = sdoc.user_data["t_ids"]
            for tok in sdoc:
                lemma = tok.lemma_.lower()
                if _not_an_event(tok):
                    continue
                if tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and (
                        lemma in WORD_CLASS or lemma.endswith(_NOMINAL_SUFFIXES))):
                    end = _span_end(tok)
                    span = tids[tok.i: end + 1]
                    out.append(mention_features((d.name, span[0], span[-1]), span, sdoc))
    return out


def _response(groups: dict[str, list[MentionFeatures]], model: TriggerCorefModel
              ) -> list[list[Hashable]]:
    return [c for k in sorted(groups) for c in cluster_triggers(groups[k], model)]


def _doc_clusters(assignment: dict[str, str]) -> list[frozenset[Hashable]]:
    sets: dict[str, set[str]] = defaultdict(set)
    for name, sid in assignment.items():
        sets[sid].add(name)
    return as_clusters(sets.values())


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Score story clustering and event coreference on an ECB+ folder (see module doc)."""
    from dateline.pipeline import Pipeline

    t0 = time.perf_counter()
    docs = select_docs(read_corpus(data), limit)
    pipeline = Pipeline()  # first: its actor patterns join the NER of every parse below
    nlp = pipeline.nlp
    parsed_docs = parse_documents(nlp, docs)
    records = {d.name: coder_record(pipeline, d, parsed_docs[d.name]) for d in docs}
    doc_cluster = story_documents(list(records.values()))
    batch = cluster_documents(parsed_docs)
    parsed = parse_sentences(nlp, docs)
    gold = gold_clusters(m for d in docs for m in d.events)
    feats = event_features(docs, parsed)
    groups = _by_cluster(feats, doc_cluster)
    model = TriggerCorefModel()
    scores = conll_scores(gold, _response(groups, model))
    baseline = conll_scores(gold, [c for k in sorted(groups) for c in lemma_baseline(groups[k])])
    sys_groups = _by_cluster(system_mentions(docs, parsed), doc_cluster)
    sys_scores = conll_scores(gold, _response(sys_groups, model))
    sys_base = conll_scores(gold, [c for k in sorted(sys_groups) for c in lemma_baseline(sys_groups[k])])
    coder = coder_mentions(records, docs, parsed_docs, parsed)
    coder_groups = _by_cluster(coder, doc_cluster)
    coder_scores = conll_scores(gold, _response(coder_groups, model))
    coder_base = conll_scores(gold, [c for k in sorted(coder_groups)
                                     for c in lemma_baseline(coder_groups[k])])
    gold_keys = {m.key for d in docs for m in d.events}
    coder_hits = sum(1 for f in coder if f.key in gold_keys)
    sub_sets: dict[str, set[str]] = defaultdict(set)
    topic_sets: dict[int, set[str]] = defaultdict(set)
    for d in docs:
        sub_sets[d.subtopic].add(d.name)
        topic_sets[d.topic].add(d.name)
    resp_docs = _doc_clusters(doc_cluster)
    gold_sub = as_clusters(sub_sets.values())
    return {
        "dataset": "ecbplus", "data": data, "n_docs": len(docs),
        "seconds": round(time.perf_counter() - t0, 2),
        "conll_f1_gold_mentions": round(scores["conll_f1"], 4),
        "muc_f1_gold_mentions": round(scores["muc_f1"], 4),
        "b3_f1_gold_mentions": round(scores["b3_f1"], 4),
        "ceafe_f1_gold_mentions": round(scores["ceafe_f1"], 4),
        "conll_f1_system_mentions": round(sys_scores["conll_f1"], 4),
        "lemma_baseline_conll_f1_system_mentions": round(sys_base["conll_f1"], 4),
        "lemma_baseline_conll_f1_gold_mentions": round(baseline["conll_f1"], 4),
        "conll_f1_coder_mentions": round(coder_scores["conll_f1"], 4),
        "lemma_baseline_conll_f1_coder_mentions": round(coder_base["conll_f1"], 4),
        "coder_mention_precision": round(coder_hits / len(coder), 4) if coder else 0.0,
        "coder_mention_recall": round(coder_hits / len(gold_keys), 4) if gold_keys else 0.0,
        "topic_b3_f1": round(b_cubed(gold_sub, resp_docs).f1, 4),
        "topic_b3_f1_coarse_topics": round(b_cubed(as_clusters(topic_sets.values()), resp_docs).f1, 4),
        "topic_b3_f1_batch_reference": round(b_cubed(gold_sub, _doc_clusters(batch)).f1, 4),
        "topics": sorted(topic_sets),
        "n_event_mentions": sum(len(d.events) for d in docs),
        "n_stories": len(resp_docs),
    }


def fit(data: str) -> tuple[float, ...]:
    """Refit the trigger-coreference weights on the training topics (1-35 minus dev)."""
    from dateline.pipeline import Pipeline

    docs = [d for d in read_corpus(data) if d.topic not in DEV_TOPICS]
    feats = event_features(docs, parse_sentences(Pipeline().nlp, docs))
    sub = {d.name: d.subtopic for d in docs}
    gold = {m.key: m.gold for d in docs for m in d.events}
    by: dict[str, list[MentionFeatures]] = defaultdict(list)
    for f in feats:
        by[sub[f.doc]].append(f)
    pairs = [(a, b, gold[a.key] == gold[b.key])
             for g in by.values() for a, b in itertools.combinations(g, 2)]
    return fit_weights(pairs)


def fit_docs(data: str) -> list[dict[str, float]]:
    """Grid of the story clusterer's two thresholds (:class:`StoryConfig` ``threshold``, the
    topic join, and ``split_ncut``, the division) on the training topics (1-35 minus dev),
    through the product path: sub-topic B³ F1 per setting, best first."""
    from dateline.pipeline import Pipeline

    docs = [d for d in read_corpus(data) if d.topic not in DEV_TOPICS]
    pipeline = Pipeline()
    parsed_docs = parse_documents(pipeline.nlp, docs)
    records = [coder_record(pipeline, d, parsed_docs[d.name]) for d in docs]
    sub_sets: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        sub_sets[d.subtopic].add(d.name)
    gold_sub = as_clusters(sub_sets.values())
    rows = []
    for threshold, split_ncut in itertools.product((0.06, 0.08, 0.1, 0.12, 0.14),
                                                   (0.7, 0.75, 0.8, 0.85, 0.9)):
        config = StoryConfig(threshold=threshold, split_ncut=split_ncut)
        f1 = b_cubed(gold_sub, _doc_clusters(story_documents(records, config))).f1
        rows.append({"threshold": threshold, "split_ncut": split_ncut,
                     "train_topic_b3_f1": round(f1, 4)})
    return sorted(rows, key=lambda r: -r["train_topic_b3_f1"])


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/eval/ecbplus")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--fit", action="store_true", help="refit weights on the train topics and print them")
    ap.add_argument("--fit-docs", action="store_true",
                    help="grid of the story clusterer's thresholds on the train topics")
    args = ap.parse_args(argv)
    if args.fit_docs:
        print(json.dumps(fit_docs(args.data)))
        return
    if args.fit:
        print(json.dumps({"weights": fit(args.data)}))
        return
    print(json.dumps(evaluate(args.data, args.limit)))


if __name__ == "__main__":
    main()
