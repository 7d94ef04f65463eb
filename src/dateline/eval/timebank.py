"""Score the product's time expressions on TempEval-3 TimeML (TimeBank + AQUAINT).

Reads every ``.tml`` file under a folder (recursively).  The document creation
time is the TIMEX3 with ``functionInDocument="CREATION_TIME"``; it goes in as
the article's ``published`` date.  The text is the ``<TEXT>`` element's content
with tags stripped and XML entities decoded; gold TIMEX3 offsets are recorded
in that stripped text.  What is scored is the ``times`` of the records
``dateline extract`` writes with default settings
(:func:`dateline.eval.product.extract_records`); their offsets refer to the
record's cleaned ``article.text``, so gold spans are mapped onto it
(:mod:`dateline.eval.align`) and a gold span in removed text is a miss.

Measures follow the TempEval-3 task definition (UzZaman et al., 2013):

* strict match: identical character span; relaxed match: overlapping spans.
  Precision = matched system spans / system spans, recall = matched gold
  spans / gold spans (one-to-one matching), F1 their harmonic mean.
* attribute F1 (``type_f1``, ``value_f1``) = relaxed F1 × attribute accuracy,
  where accuracy is the share of relaxed matches whose attribute equals the
  gold one exactly (string equality of ``type`` / ``value``).  This is what the
  official TE3 script reports as "type/value F1".
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dateline.eval.align import align
from dateline.eval.product import GoldDocument, extract_records

DATASET = "timebank"

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')
_TEXT_ELEMENT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: offsets into the stripped text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """One TimeML document: stripped text, creation date, gold timexes."""

    name: str
    text: str
    dct: date | None
    gold: tuple[GoldTimex, ...]


def parse_tml(raw: str, name: str = "") -> TimeMLDoc:
    """Parse one TimeML file into stripped text, creation date and gold TIMEX3s."""
    dct: date | None = None
    dct_tag = _DCT.search(raw)
    if dct_tag:
        attrs = dict(_ATTR.findall(dct_tag.group(0)))
        value = attrs.get("value", "")
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
    body = _TEXT_ELEMENT.search(raw)
    content = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(content):
        chunk = html.unescape(content[pos:tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name_, attr_text, selfclosing = tag.groups()
        if name_ != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attr_text)))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(content[pos:]))
    return TimeMLDoc(name, "".join(parts), dct, tuple(gold))


def read_corpus(data: str) -> list[TimeMLDoc]:
    """All ``.tml`` documents under ``data``, sorted by path (deterministic)."""
    root = Path(data)
    if not root.exists():
        raise FileNotFoundError(f"no TimeML data at {data!r}: pass the folder holding .tml files")
    paths = sorted(root.rglob("*.tml")) if root.is_dir() else [root]
    return [parse_tml(p.read_text(encoding="utf-8"), p.name) for p in paths]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(
    system: list[dict[str, Any]], gold: list[tuple[GoldTimex, tuple[int, int] | None]], strict: bool
) -> list[tuple[dict[str, Any], GoldTimex]]:
    """One-to-one matching of record times to (gold, gold span in the record's text):
    each gold span takes the first free system span; an unmapped gold span matches nothing."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], GoldTimex]] = []
    for g, span in gold:
        if span is None:
            continue
        for i, s in enumerate(system):
            if i in used:
                continue
            ok = (s["start"] == span[0] and s["end"] == span[1]) if strict else (
                s["start"] < span[1] and span[0] < s["end"])
            if ok:
                used.add(i)
                pairs.append((s, g))
                break
    return pairs


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Run the product over the TimeML corpus at ``data`` and score its ``times`` (TE3)."""
    t0 = time.perf_counter()
    docs = read_corpus(data)
    if limit is not None:
        docs = docs[:limit]
    n_sys = n_gold = strict_hits = relaxed_hits = type_ok = value_ok = n_removed = 0
    per_type: dict[str, Counter[str]] = {}
    records = extract_records(
        GoldDocument(d.name, d.text, published=d.dct.isoformat() if d.dct else None) for d in docs)
    for doc, rec in zip(docs, records, strict=True):
        system: list[dict[str, Any]] = rec["times"]
        alignment = align(doc.text, rec["article"]["text"])
        gold = [(g, alignment.span(g.start, g.end)) for g in doc.gold]
        n_removed += sum(span is None for _, span in gold)
        n_sys += len(system)
        n_gold += len(doc.gold)
        strict_hits += len(_match(system, gold, strict=True))
        relaxed = _match(system, gold, strict=False)
        relaxed_hits += len(relaxed)
        for g in doc.gold:
            per_type.setdefault(g.type, Counter())["gold"] += 1
        for s, g in relaxed:
            c = per_type.setdefault(g.type, Counter())
            c["relaxed"] += 1
            type_ok += s["type"] == g.type
            value_ok += s["value"] == g.value
            c["type_ok"] += s["type"] == g.type
            c["value_ok"] += s["value"] == g.value
        for s in system:
            per_type.setdefault(s["type"], Counter())["system"] += 1
    sp = strict_hits / n_sys if n_sys else 0.0
    sr = strict_hits / n_gold if n_gold else 0.0
    rp = relaxed_hits / n_sys if n_sys else 0.0
    rr = relaxed_hits / n_gold if n_gold else 0.0
    relaxed_f1 = _f1(rp, rr)
    type_acc = type_ok / relaxed_hits if relaxed_hits else 0.0
    value_acc = value_ok / relaxed_hits if relaxed_hits else 0.0
    breakdown = {
        t: {
            "gold": c["gold"], "system": c["system"], "relaxed_recall": round(c["relaxed"] / c["gold"], 4)
            if c["gold"] else 0.0,
            "value_accuracy": round(c["value_ok"] / c["relaxed"], 4) if c["relaxed"] else 0.0,
            "type_accuracy": round(c["type_ok"] / c["relaxed"], 4) if c["relaxed"] else 0.0,
        }
        for t, c in sorted(per_type.items())
    }
    return {
        "dataset": DATASET,
        "data": data,
        "n_docs": len(docs),
        "seconds": round(time.perf_counter() - t0, 2),
        "strict_f1": round(_f1(sp, sr), 4),
        "relaxed_f1": round(relaxed_f1, 4),
        "type_f1": round(relaxed_f1 * type_acc, 4),
        "value_f1": round(relaxed_f1 * value_acc, 4),
        "strict_precision": round(sp, 4),
        "strict_recall": round(sr, 4),
        "relaxed_precision": round(rp, 4),
        "relaxed_recall": round(rr, 4),
        "type_accuracy": round(type_acc, 4),
        "value_accuracy": round(value_acc, 4),
        "n_gold": n_gold,
        "n_system": n_sys,
        "n_gold_removed_by_cleaning": n_removed,
        "per_type": breakdown,
    }
