"""Score police-action detection on IndiaPoliceEvents (sentence level).

Data: ``docs.jsonl``, ``sents.jsonl`` and ``metadata.jsonl`` under ``data``.
Every document's full text goes through the product as one article
(:func:`dateline.eval.product.extract_records`: the records of ``dateline
extract`` with default settings), with the document's date as ``published``;
the product repairs the corpus's mojibake itself.  Each gold sentence is then
located in the record's cleaned ``article.text`` (in order, comparing ASCII
letters and digits only, so whitespace, repaired mojibake and a sentence
boundary that cut a mojibake sequence in two do not matter), and a
sentence is predicted positive for a class when an event of the record whose
trigger (else its first evidence span) lies in that sentence is a police
action:

- KILL: an ASSAULT with deaths (``dead`` > 0 or a killing trigger) by police;
- ARREST: a COERCE "arrest" event by police or with no stated agent (in these
  reports arrests are made by the police);
- FORCE: an ASSAULT by police (firing, lathi charge, tear gas, beating), or a
  COERCE crowd dispersal by police; crowd-control weapons with no stated user
  ("tear-gas shells were burst") count as police use.

"By police" means an actor with sector ``police`` or whose text names the
police.  A rejected record predicts nothing for its sentences.  Measures:
precision, recall and F1 per class (``kill_f1``, ``arrest_f1``, ``force_f1``
first), ``n_rejected`` and ``n_unlocated`` (gold sentences not found in the
cleaned text, e.g. dropped as boilerplate: they predict nothing).  ``limit``
keeps the first N documents (sorted by ``doc_id``).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dateline.eval.product import GoldDocument, extract_records

CLASSES = ("KILL", "ARREST", "FORCE")
_POLICE_WORDS = ("police", "cop", "constable", "rpf", "crpf", "srp", "rap", "bsf", "jawan",
                 "force", "army", "troops", "paramilitary", "officer")
_KILL_TRIGGERS = {"kill", "killed", "shot", "death", "killing", "gun", "murder"}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold document: its full text, date and labelled sentences in order."""

    doc_id: int
    text: str
    published: str | None
    sentences: tuple[tuple[str, frozenset[str]], ...]  # (sentence text, gold labels)


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _iso_date(value: Any) -> str | None:
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def load_gold(data: str, limit: int | None = None) -> list[GoldArticle]:
    """The gold documents sorted by ``doc_id`` (the first ``limit`` if given)."""
    folder = Path(data)
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rec in _jsonl(folder / "sents.jsonl"):
        by_doc[int(rec["doc_id"])].append(rec)
    texts = {int(d["doc_id"]): str(d.get("doc_text") or "") for d in _jsonl(folder / "docs.jsonl")}
    dates: dict[int, str | None] = {}
    meta = folder / "metadata.jsonl"
    if meta.is_file():
        dates = {int(m["doc_id"]): _iso_date(m.get("date")) for m in _jsonl(meta)}
    doc_ids = sorted(by_doc)
    if limit is not None:
        doc_ids = doc_ids[:limit]
    out: list[GoldArticle] = []
    for doc_id in doc_ids:
        sents = sorted(by_doc[doc_id], key=lambda r: int(r["sent_id"]))
        pairs = tuple((str(s["sent_text"]), frozenset(s.get("sent_labels") or [])) for s in sents)
        text = texts.get(doc_id) or " ".join(t.strip() for t, _ in pairs)
        out.append(GoldArticle(doc_id, text, dates.get(doc_id), pairs))
    return out


def gold_documents(gold: list[GoldArticle]) -> list[GoldDocument]:
    """What the product receives: each document's full text and date."""
    return [GoldDocument(id=str(g.doc_id), text=g.text, published=g.published) for g in gold]


def _key(text: str) -> tuple[str, list[int]]:
    """Lower-cased ASCII letters and digits of ``text`` and the index of each in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isalnum():
            chars.append(ch.lower())
            where.append(i)
    return "".join(chars), where


def sentence_starts(article_text: str, sentences: Iterable[str]) -> list[int | None]:
    """Where each gold sentence starts in the cleaned article text, in order.

    None for a sentence not found, and for one with no letter or digit (a bare line break).
    """
    key, where = _key(article_text)
    cursor = 0
    starts: list[int | None] = []
    for sent in sentences:
        skey = _key(sent)[0]
        found = key.find(skey, cursor) if skey else -1
        if found >= 0:
            cursor = found + len(skey)
        starts.append(where[found] if found >= 0 else None)
    return starts


def _is_police(event: dict[str, Any]) -> bool:
    for a in event.get("actor") or []:
        if a.get("sector") == "police":
            return True
        if any(w in str(a.get("text") or "").lower() for w in _POLICE_WORDS):
            return True
    return False


def classify(event: dict[str, Any]) -> set[str]:
    """Which police-action classes one event of a record supports."""
    out: set[str] = set()
    police = _is_police(event)
    if event.get("factuality") in ("negated", "hypothetical", "threatened", "planned"):
        return out
    etype, mode, actors = event.get("event_type"), event.get("mode"), event.get("actor") or []
    if etype == "COERCE" and mode == "arrest" and (police or not actors):
        out.add("ARREST")
    # Crowd-control weapons (tear gas, lathi charges) are police tools in these reports.
    if etype == "ASSAULT" and mode == "crowd-control" and not actors:
        police = True
    if etype == "ASSAULT" and police:
        out.add("FORCE")
        trig = str(event.get("trigger") or "").lower().split()
        if event.get("dead") or "dead" in (event.get("size_text") or {}) \
                or any(t in _KILL_TRIGGERS for t in trig):
            out.add("KILL")
    if etype == "COERCE" and police and mode in (None, "restrict"):
        out.add("FORCE")
    return out


def _anchor(event: dict[str, Any]) -> int | None:
    """Where the event sits in the article: its trigger, else its first evidence span."""
    if event.get("trigger_start") is not None:
        return int(event["trigger_start"])
    evidence = event.get("evidence") or []
    return int(evidence[0]["start"]) if evidence else None


_MENTION_KEYS = ("trigger", "trigger_start", "trigger_end", "evidence", "dead", "injured", "arrested",
                 "event_type", "mode", "actor", "recipient")


def _mention_views(incidents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each mention of each incident (``dateline/2``) as an event of its own sentence: the
    mention's own type, parties, trigger, evidence and figures (the sentence-level labels of
    this data set are about what each sentence says; a ``dateline/1`` event, with no
    ``mentions``, stands for itself)."""
    out: list[dict[str, Any]] = []
    for incident in incidents:
        mentions = incident.get("mentions") or []
        if not mentions:
            out.append(incident)
        out.extend({**incident, **{k: m.get(k) for k in _MENTION_KEYS}} for m in mentions)
    return out


def predict_sentences(record: dict[str, Any], sentences: list[str]) -> tuple[list[set[str]], int]:
    """Predicted classes per gold sentence from one record, and how many sentences were not located."""
    predicted: list[set[str]] = [set() for _ in sentences]
    if record.get("status") != "ok":
        return predicted, 0
    text = str((record.get("article") or {}).get("text") or "")
    starts = sentence_starts(text, sentences)
    located = sorted((s, i) for i, s in enumerate(starts) if s is not None)
    for event in _mention_views(record.get("events") or []):
        labels = classify(event)
        pos = _anchor(event)
        if not labels or pos is None:
            continue
        owner = None
        for s, i in located:  # the last located sentence starting at or before the event
            if s > pos:
                break
            owner = i
        if owner is not None:
            predicted[owner] |= labels
    unlocated = sum(s is None and bool(_key(t)[0]) for s, t in zip(starts, sentences, strict=True))
    return predicted, unlocated


def score(records: Iterable[dict[str, Any]], gold: list[GoldArticle]) -> dict[str, Any]:
    """Sentence-level P/R/F1 of product records (one per gold document, in order)."""
    recs = list(records)
    if len(recs) != len(gold):
        raise ValueError(f"{len(recs)} records for {len(gold)} gold documents")
    counts = {c: [0, 0, 0] for c in CLASSES}  # tp, fp, fn
    n_sents = n_unlocated = 0
    for record, g in zip(recs, gold, strict=True):
        predicted, unlocated = predict_sentences(record, [t for t, _ in g.sentences])
        n_unlocated += unlocated
        for (_, labels), pred in zip(g.sentences, predicted, strict=True):
            n_sents += 1
            for c in CLASSES:
                if c in pred and c in labels:
                    counts[c][0] += 1
                elif c in pred:
                    counts[c][1] += 1
                elif c in labels:
                    counts[c][2] += 1
    scores: dict[str, float] = {}
    for c in CLASSES:
        tp, fp, fn = counts[c]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        scores[f"{c.lower()}_precision"] = round(p, 4)
        scores[f"{c.lower()}_recall"] = round(r, 4)
        scores[f"{c.lower()}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {
        "kill_f1": scores["kill_f1"],
        "arrest_f1": scores["arrest_f1"],
        "force_f1": scores["force_f1"],
        **{k: v for k, v in scores.items() if not k.endswith("_f1")},
        "n_sentences": n_sents,
        "n_unlocated": n_unlocated,
        "n_rejected": sum(r.get("status") != "ok" for r in recs),
        "gold_positives": {c: counts[c][0] + counts[c][2] for c in CLASSES},
    }


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Run the product on the documents and score KILL, ARREST and FORCE per sentence."""
    t0 = time.perf_counter()
    gold = load_gold(data, limit)
    records = list(extract_records(gold_documents(gold)))
    return {"dataset": "india-police-events", "data": data, "n_docs": len(gold),
            "seconds": round(time.perf_counter() - t0, 2), **score(records, gold)}
