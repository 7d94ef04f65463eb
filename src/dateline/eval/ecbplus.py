"""ECB+ scorer: cross-document event coreference and story (document) clustering.

Setup (Cybulska & Vossen 2015, as used by Barhom et al. 2019): mentions in the
validated sentences only; singletons kept; documents are first clustered into
stories (topic-blind, not by gold topics).  Reported split: the standard dev
topics 2, 5, 12, 18, 21, 23, 34, 35 (weights and thresholds were chosen on the
other topics of 1-35: ``--fit`` and ``--fit-docs``).  A copy of the data
without those topics (e.g. a held-out half with topics 36-45) is scored on all
its topics.

What is scored is what the product builds.  Every document (its corpus tokens
joined by single spaces) goes through :func:`dateline.eval.product.extract_records`
(the records ``dateline extract`` writes, default settings), and the records
through :func:`dateline.stories.build_stories` (the streaming
:class:`StoryIndex` that ``dateline brief`` and the API use):

* ``topic_b3_f1``: B³ F1 of the product's stories against the gold sub-topics
  (each ECB+ topic holds two seminal events, ecb / ecbplus);
* ``conll_f1_product_events`` (and its MUC, B³, CEAF-e): the product's
  cross-document event coreference, i.e. the canonical events that
  :func:`dateline.stories.merge_events` builds inside each story.  Each event
  of a record whose trigger lies in a validated sentence is a system mention;
  it takes the gold mention its trigger span overlaps most (one-to-one, gold
  spans mapped onto the record's cleaned text by :mod:`dateline.eval.align`),
  else it is a spurious mention.  CoNLL F1 over these system mentions against
  all gold mentions; the same-lemma baseline on the same mentions and stories,
  and the mentions' precision and recall, beside it.

Diagnostics (``diagnostic_*`` keys, not the product): the word-level trigger
clusterer of :mod:`dateline.eval.trigger_coref` on gold mentions and on spaCy's
verbs and event nominals, inside the product's stories (the product takes no
mentions as input, so a gold-mention figure cannot come from it), and the batch
reference clusterer :func:`dateline.stories.doc_cluster.cluster_docs`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dateline.eval.align import align
from dateline.eval.product import GoldDocument, extract_records
from dateline.eval.trigger_coref import (
    TriggerCorefModel,
    cluster_triggers,
    fit_weights,
    lemma_baseline,
)
from dateline.stories import Story, build_stories
from dateline.stories.cluster import StoryConfig
from dateline.stories.coref_metrics import as_clusters, b_cubed, conll_scores
from dateline.stories.doc_cluster import DocClusterConfig, cluster_docs
from dateline.stories.ecb import EcbDoc, read_corpus
from dateline.stories.ecb_features import (
    MentionFeatures,
    event_features,
    gold_clusters,
    mention_features,
    parse_documents,
    parse_sentences,
)
from dateline.stories.text import fold
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


def product_records(pipeline: Any, docs: Sequence[EcbDoc], parsed_docs: dict[str, Doc]
                    ) -> dict[str, dict[str, Any]]:
    """Document name → the product's record of it (``dateline extract``, default settings);
    the input text is the corpus tokens joined by single spaces (the text of ``parsed_docs``)."""
    gold_docs = (GoldDocument(d.name, parsed_docs[d.name].text) for d in docs)
    return {d.name: rec for d, rec in zip(docs, extract_records(gold_docs, pipeline), strict=True)}


def product_stories(records: Sequence[dict[str, Any]], config: StoryConfig | None = None
                    ) -> list[Story]:
    """The product's stories of the ``status: ok`` records (sorted by ``build_stories``)."""
    return build_stories([r for r in records if r["status"] == "ok"], config)


def story_documents(records: Sequence[dict[str, Any]], config: StoryConfig | None = None,
                    stories: Sequence[Story] | None = None) -> dict[str, str]:
    """Document name → story id from the product path; a rejected record is a story alone."""
    built = product_stories(records, config) if stories is None else stories
    out = {name: story.id for story in built for name in story.article_ids}
    for r in records:
        out.setdefault(str(r["id"]), f"rejected:{r['id']}")
    return out


@dataclass(frozen=True, slots=True)
class ProductMention:
    """One product event as an ECB+ system mention."""

    key: Hashable  # the gold mention's key when matched, else ("spurious", doc, event id)
    event: tuple[str, str]  # (article id, event id): the stories' EventMention.key
    lemma: str  # of the trigger's first corpus token (for the same-lemma baseline)
    matched: bool


def product_mentions(records: dict[str, dict[str, Any]], docs: Sequence[EcbDoc],
                     parsed_docs: dict[str, Doc]) -> list[ProductMention]:
    """The event mentions of the product's records (each incident's ``mentions``) whose trigger
    lies in a validated sentence, each matched one-to-one to the gold mention its trigger overlaps most (spans compared in the
    record's cleaned text)."""
    out: list[ProductMention] = []
    for d in docs:
        rec, doc = records[d.name], parsed_docs[d.name]
        if rec["status"] != "ok":
            continue
        alignment = align(doc.text, rec["article"]["text"])
        tokens = [(alignment.span(t.idx, t.idx + len(t.text)), d.tokens[t.i], t) for t in doc]
        index_of = {tid: i for i, (tid, _, _) in enumerate(d.tokens)}
        gold: list[tuple[tuple[int, int], Hashable]] = []
        for m in d.events:
            first, last = tokens[index_of[m.token_ids[0]]][0], tokens[index_of[m.token_ids[-1]]][0]
            if first is not None and last is not None:
                gold.append(((first[0], last[1]), m.key))
        used: set[Hashable] = set()
        # An incident (dateline/2) is the product's within-article coreference: each of its
        # mentions is a system mention, all of them in the incident's cluster.
        triggers = sorted(((m["trigger_start"], m["trigger_end"], str(ev["id"]))
                           for ev in rec["events"]
                           for m in (ev.get("mentions") or [ev])
                           if m.get("trigger_start") is not None and m.get("trigger_end") is not None),
                          key=lambda t: (t[0], t[1], t[2]))
        for ts, te, ev_id in triggers:
            covered = [(tok, t) for span, tok, t in tokens if span is not None and span[0] < te and ts < span[1]]
            if not covered or any(tok[1] not in d.validated for tok, _ in covered):
                continue
            shared = sorted(((min(te, g[1]) - max(ts, g[0]), g[0], key) for g, key in gold
                             if g[0] < te and ts < g[1] and key not in used),
                            key=lambda x: (-x[0], x[1]))
            key: Hashable = shared[0][2] if shared else ("spurious", d.name, ev_id, ts)
            if shared:
                used.add(key)
            out.append(ProductMention(key, (d.name, ev_id), fold(covered[0][1].lemma_), bool(shared)))
    return out


def product_event_clusters(stories: Sequence[Story], mentions: Sequence[ProductMention]
                           ) -> list[list[Hashable]]:
    """The product's canonical events as clusters of system-mention keys (a mention no
    canonical event holds stays alone)."""
    keys_of: dict[tuple[str, str], list[Hashable]] = {}
    for m in mentions:
        keys_of.setdefault(m.event, []).append(m.key)
    clusters: list[list[Hashable]] = []
    placed: set[Hashable] = set()
    for story in stories:
        for event in story.events:
            keys = [k for m in event.mentions for k in keys_of.get(m.key, ())]
            if keys:
                clusters.append(keys)
                placed.update(keys)
    clusters.extend([m.key] for m in mentions if m.key not in placed)
    return clusters


def product_lemma_baseline(doc_cluster: dict[str, str], mentions: Sequence[ProductMention]
                           ) -> list[list[Hashable]]:
    """Same-lemma baseline on the product's mentions, inside the product's stories."""
    groups: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
    for m in mentions:
        groups[(doc_cluster[m.event[0]], m.lemma)].append(m.key)
    return [groups[k] for k in sorted(groups)]


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
    from dateline.pipeline import Pipeline, Settings

    t0 = time.perf_counter()
    docs = select_docs(read_corpus(data), limit)
    pipeline = Pipeline(Settings())  # first: its actor patterns join the NER of every parse below
    nlp = pipeline.nlp
    parsed_docs = parse_documents(nlp, docs)
    records = product_records(pipeline, docs, parsed_docs)
    stories = product_stories(list(records.values()))
    doc_cluster = story_documents(list(records.values()), stories=stories)
    gold = gold_clusters(m for d in docs for m in d.events)
    gold_keys = {m.key for d in docs for m in d.events}
    # the product: its merged events, matched to gold mentions by trigger overlap
    mentions = product_mentions(records, docs, parsed_docs)
    product = conll_scores(gold, product_event_clusters(stories, mentions))
    product_base = conll_scores(gold, product_lemma_baseline(doc_cluster, mentions))
    n_matched = sum(m.matched for m in mentions)
    # diagnostics: the word-level trigger clusterer inside the product's stories
    batch = cluster_documents(parsed_docs)
    parsed = parse_sentences(nlp, docs)
    groups = _by_cluster(event_features(docs, parsed), doc_cluster)
    model = TriggerCorefModel()
    scores = conll_scores(gold, _response(groups, model))
    baseline = conll_scores(gold, [c for k in sorted(groups) for c in lemma_baseline(groups[k])])
    sys_groups = _by_cluster(system_mentions(docs, parsed), doc_cluster)
    sys_scores = conll_scores(gold, _response(sys_groups, model))
    sys_base = conll_scores(gold, [c for k in sorted(sys_groups) for c in lemma_baseline(sys_groups[k])])
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
        "topic_b3_f1": round(b_cubed(gold_sub, resp_docs).f1, 4),
        "topic_b3_f1_coarse_topics": round(b_cubed(as_clusters(topic_sets.values()), resp_docs).f1, 4),
        "conll_f1_product_events": round(product["conll_f1"], 4),
        "muc_f1_product_events": round(product["muc_f1"], 4),
        "b3_f1_product_events": round(product["b3_f1"], 4),
        "ceafe_f1_product_events": round(product["ceafe_f1"], 4),
        "lemma_baseline_conll_f1_product_events": round(product_base["conll_f1"], 4),
        "product_event_mention_precision": round(n_matched / len(mentions), 4) if mentions else 0.0,
        "product_event_mention_recall": round(n_matched / len(gold_keys), 4) if gold_keys else 0.0,
        "n_product_event_mentions": len(mentions),
        "n_rejected_records": sum(r["status"] != "ok" for r in records.values()),
        "diagnostic_conll_f1_gold_mentions_trigger_coref": round(scores["conll_f1"], 4),
        "diagnostic_muc_f1_gold_mentions_trigger_coref": round(scores["muc_f1"], 4),
        "diagnostic_b3_f1_gold_mentions_trigger_coref": round(scores["b3_f1"], 4),
        "diagnostic_ceafe_f1_gold_mentions_trigger_coref": round(scores["ceafe_f1"], 4),
        "diagnostic_lemma_baseline_conll_f1_gold_mentions": round(baseline["conll_f1"], 4),
        "diagnostic_conll_f1_spacy_mentions_trigger_coref": round(sys_scores["conll_f1"], 4),
        "diagnostic_lemma_baseline_conll_f1_spacy_mentions": round(sys_base["conll_f1"], 4),
        "diagnostic_topic_b3_f1_batch_reference": round(b_cubed(gold_sub, _doc_clusters(batch)).f1, 4),
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
    records = list(product_records(pipeline, docs, parsed_docs).values())
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
