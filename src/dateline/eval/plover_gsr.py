"""Score the event coder on the PLOVER gold-standard records (plover-gsr).

Data: ``PLOVER_GSR_CAMEO.json`` (a JSON array; the first record is a DOCUMENT
header) under ``data`` (a folder or the file itself).  Each record is one
sentence with one coded event in PLOVER 0.5 categories, mapped to the 16
PLOVER 2 types as: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT,
and INVESTIGATE -> ACCUSE (PLOVER 2 folds investigations into ACCUSE with
mode "investigate"; ``event_type_accuracy_no_investigate`` leaves those
records out instead).

Every sentence goes through the product as one article
(:func:`dateline.eval.product.extract_records`: the records of ``dateline
extract`` with default settings); the sentence's predicted type and actors
are those of the record's *main event* (``events[0]``, the most confident).
A rejected record or one with no event predicts nothing.  Measures:

- ``event_type_accuracy``: main event type == gold type, over all records
  (a sentence with no coded event counts as wrong);
- ``event_type_any_accuracy``: gold type among any event of the record;
- ``macro_f1`` and ``f1_<type>``: per-type F1 of the main-event labels;
- ``source_actor_match`` / ``target_actor_match``: over records whose gold
  source (target) is non-empty, the main event's actor (recipient) shares a
  content word with a gold actor text, or has the gold country code;
- ``no_event_rate`` (records with no event, rejected ones included) and
  ``n_rejected``.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.eval.product import GoldDocument, extract_records, main_event

V05_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
             "INVESTIGATE": "ACCUSE"}
_STOP = {"the", "a", "an", "of", "in", "and", "s", "'s", "on", "to", "for", "by", "at", "its",
         "their", "his", "her", "new", "senior", "officials", "official"}
_WORD = re.compile(r"[a-z0-9]+")


def _file(data: str) -> Path:
    p = Path(data)
    return p / "PLOVER_GSR_CAMEO.json" if p.is_dir() else p


def load_records(data: str) -> list[dict[str, Any]]:
    """The coded sentences (header records dropped)."""
    records = json.loads(_file(data).read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def gold_type(event: str) -> str:
    return V05_TO_V2.get(event, event)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def actor_match(pred: Iterable[dict[str, Any]], gold: list[dict[str, Any]]) -> bool:
    """Predicted actors (record actor dicts) share a content word or a country code with a gold actor."""
    refs = list(pred)
    for g in gold:
        g_words = _words(str(g.get("actorText", "")))
        g_code = str(g.get("code", ""))[:3].upper()
        for p in refs:
            if g_words & (_words(str(p.get("text") or "")) | _words(str(p.get("name") or ""))):
                return True
            if p.get("country") and p.get("country") == g_code:
                return True
    return False


def _gold_actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def gold_documents(records: list[dict[str, Any]]) -> list[GoldDocument]:
    """One product input per coded sentence."""
    return [GoldDocument(id=str(r.get("id") or i), text=str(r["text"])) for i, r in enumerate(records)]


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Run the product on plover-gsr and score it; see the module docstring for the measures."""
    t0 = time.perf_counter()
    records = load_records(data)
    if limit is not None:
        records = records[:limit]
    out = list(extract_records(gold_documents(records)))
    return {"dataset": "plover-gsr", "data": data, "n_docs": len(records),
            "seconds": round(time.perf_counter() - t0, 2), **score(out, records)}


def score(outputs: Iterable[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Score product records (one per gold sentence, in order) against the gold records."""
    outs = list(outputs)
    if len(outs) != len(records):
        raise ValueError(f"{len(outs)} product records for {len(records)} gold sentences")
    gold = [gold_type(r["event"]) for r in records]
    pred: list[str | None] = []
    any_hit = src_hit = src_n = tgt_hit = tgt_n = 0
    no_inv_hit = no_inv_n = 0
    for r, g, out in zip(records, gold, outs, strict=True):
        events = (out.get("events") or []) if out.get("status") == "ok" else []
        main = main_event(out) if events else None
        p = str(main["event_type"]) if main else None
        pred.append(p)
        any_hit += any(e.get("event_type") == g for e in events)
        if r["event"] != "INVESTIGATE":
            no_inv_n += 1
            no_inv_hit += p == g
        src, tgt = _gold_actors(r.get("source")), _gold_actors(r.get("target"))
        if src:
            src_n += 1
            src_hit += main is not None and actor_match(main.get("actor") or [], src)
        if tgt:
            tgt_n += 1
            tgt_hit += main is not None and actor_match(main.get("recipient") or [], tgt)
    n = len(records)
    types = sorted(set(gold))
    per_type: dict[str, float] = {}
    for t in types:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == t and p == t)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != t and p == t)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == t and p != t)
        per_type[f"f1_{t.lower()}"] = round(_f1(tp, fp, fn), 4)
    confusions = Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "event_type_accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 4) if n else 0.0,
        "source_actor_match": round(src_hit / src_n, 4) if src_n else 0.0,
        "target_actor_match": round(tgt_hit / tgt_n, 4) if tgt_n else 0.0,
        "macro_f1": round(sum(per_type.values()) / len(per_type), 4) if per_type else 0.0,
        **per_type,
        "event_type_any_accuracy": round(any_hit / n, 4) if n else 0.0,
        "event_type_accuracy_no_investigate": round(no_inv_hit / no_inv_n, 4) if no_inv_n else 0.0,
        "no_event_rate": round(sum(p is None for p in pred) / n, 4) if n else 0.0,
        "n_rejected": sum(o.get("status") != "ok" for o in outs),
        "top_confusions": dict(confusions.most_common(8)),
    }
