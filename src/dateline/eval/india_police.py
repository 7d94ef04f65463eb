"""Score police-action detection on IndiaPoliceEvents (sentence level).

Data: ``docs.jsonl`` and ``sents.jsonl`` under ``data``.  Sentence texts are
repaired with ftfy (the corpus has UTF-8 read as cp1252), joined per document
so the parser sees context, and coded once.  A sentence is predicted positive
for a class when an event whose trigger lies in it is a police action:

- KILL: an ASSAULT with deaths (``dead`` > 0 or a killing trigger) by police;
- ARREST: a COERCE "arrest" event by police or with no stated agent (in these
  reports arrests are made by the police);
- FORCE: an ASSAULT by police (firing, lathi charge, tear gas, beating), or a
  COERCE crowd dispersal by police; crowd-control weapons with no stated user
  ("tear-gas shells were burst") count as police use.

"By police" means an actor with sector ``police`` or whose text names the
police.  Measures: precision, recall and F1 per class (``kill_f1``,
``arrest_f1``, ``force_f1`` first).  ``limit`` keeps the first N documents.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import ftfy

from dateline.extract.events.runner import code_texts
from dateline.records import Event

CLASSES = ("KILL", "ARREST", "FORCE")
_POLICE_WORDS = ("police", "cop", "constable", "rpf", "crpf", "srp", "rap", "bsf", "jawan",
                 "force", "army", "troops", "paramilitary", "officer")
_KILL_TRIGGERS = {"kill", "killed", "shot", "death", "killing", "gun", "murder"}


def _sentences(data: str) -> dict[int, list[dict[str, Any]]]:
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    with (Path(data) / "sents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            by_doc[int(rec["doc_id"])].append(rec)
    for sents in by_doc.values():
        sents.sort(key=lambda r: int(r["sent_id"]))
    return by_doc


def _is_police(event: Event) -> bool:
    for a in event.actor:
        if a.sector == "police":
            return True
        if any(w in a.text.lower() for w in _POLICE_WORDS):
            return True
    return False


def classify(event: Event) -> set[str]:
    """Which police-action classes one coded event supports."""
    out: set[str] = set()
    police = _is_police(event)
    if event.factuality in ("negated", "hypothetical", "threatened", "planned"):
        return out
    if event.event_type == "COERCE" and event.mode == "arrest" and (police or not event.actor):
        out.add("ARREST")
    # Crowd-control weapons (tear gas, lathi charges) are police tools in these reports.
    if event.event_type == "ASSAULT" and event.mode == "crowd-control" and not event.actor:
        police = True
    if event.event_type == "ASSAULT" and police:
        out.add("FORCE")
        trig = (event.trigger or "").lower().split()
        if event.dead or "dead" in event.size_text or any(t in _KILL_TRIGGERS for t in trig):
            out.add("KILL")
    if event.event_type == "COERCE" and police and event.mode in (None, "restrict"):
        out.add("FORCE")
    return out


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Sentence-level P/R/F1 for KILL, ARREST and FORCE."""
    t0 = time.perf_counter()
    by_doc = _sentences(data)
    doc_ids = sorted(by_doc)
    if limit is not None:
        doc_ids = doc_ids[:limit]
    texts: list[str] = []
    bounds: list[list[tuple[int, int, set[str]]]] = []
    for doc_id in doc_ids:
        parts: list[str] = []
        spans: list[tuple[int, int, set[str]]] = []
        pos = 0
        for s in by_doc[doc_id]:
            text = ftfy.fix_text(str(s["sent_text"])).replace("\n", " ").strip()
            spans.append((pos, pos + len(text), set(s.get("sent_labels") or [])))
            parts.append(text)
            pos += len(text) + 1
        texts.append(" ".join(parts))
        bounds.append(spans)
    counts = {c: [0, 0, 0] for c in CLASSES}  # tp, fp, fn
    n_sents = 0
    for spans, (_doc, events) in zip(bounds, code_texts(texts, batch_size=16), strict=True):
        predicted: list[set[str]] = [set() for _ in spans]
        for e in events:
            labels = classify(e)
            if not labels or e.trigger_start is None:
                continue
            for i, (lo, hi, _) in enumerate(spans):
                if lo <= e.trigger_start < hi:
                    predicted[i] |= labels
                    break
        for (_, _, gold), pred in zip(spans, predicted, strict=True):
            n_sents += 1
            for c in CLASSES:
                if c in pred and c in gold:
                    counts[c][0] += 1
                elif c in pred:
                    counts[c][1] += 1
                elif c in gold:
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
        "dataset": "india-police-events",
        "data": data,
        "n_docs": len(doc_ids),
        "seconds": round(time.perf_counter() - t0, 2),
        "kill_f1": scores["kill_f1"],
        "arrest_f1": scores["arrest_f1"],
        "force_f1": scores["force_f1"],
        **{k: v for k, v in scores.items() if not k.endswith("_f1")},
        "n_sentences": n_sents,
        "gold_positives": {c: counts[c][0] + counts[c][2] for c in CLASSES},
    }
