"""PolNeAR scorer: quote content, source and cue spans against brat gold.

Data layout (as distributed): ``<data>/text/<article>.txt`` and
``<data>/attributions/<article>_<annotator>.ann``.  Where an article has
several annotators, the annotation file whose name sorts first is used
(deterministic; PolNeAR's double annotation exists only to measure
agreement).  A discontinuous gold span ("s1 e1;s2 e2") counts as its parts.

Measures (precision/recall/F1 per role):

* overlap: a predicted span is correct if it overlaps a gold span of the same
  role; a gold span is found if some predicted span overlaps it;
* exact: the same with identical offsets, after trimming whitespace and
  surrounding punctuation (``,`` ``.`` ``:``) on both sides;
* attribution F1: a predicted quote matches a gold attribution when its
  content overlaps the gold content and its speaker span overlaps the gold
  source (gold attributions without a source match on content alone).

What is scored is the product: the ``quotes`` of the records ``dateline
extract`` writes with default settings (:func:`dateline.eval.product.extract_records`):
content ``start``/``end``, ``speaker_start``/``speaker_end`` and
``cue_start``/``cue_end``.  Their offsets refer to the record's cleaned
``article.text``; gold spans are mapped onto it once per article
(:mod:`dateline.eval.align`), and a gold span in text that cleaning removed is
a miss.  The cost of quotes and actors against spaCy is measured by
``bench/throughput.py`` (``quotes_actors_share_of_nlp``), not here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.eval.align import Alignment, align
from dateline.eval.product import GoldDocument, extract_records

Spans = list[tuple[int, int]]
Span = tuple[int, int]
_STRIP = " \t\n,.:;"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations of one brat .ann file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            pieces = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in offs.split(";")))
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    def get(rel: dict[str, str], role: str) -> tuple[tuple[int, int], ...]:
        tid = rel.get(role)
        return spans[tid][1] if tid is not None and tid in spans else ()

    for rel in relations:
        if get(rel, "Content"):
            out.append(GoldAttribution(get(rel, "Content"), get(rel, "Source"), get(rel, "Cue")))
    return out


def articles(data: Path) -> list[tuple[str, Path, Path]]:
    """(name, text path, chosen .ann path) for every annotated article, sorted."""
    anns: dict[str, Path] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    return [(n, data / "text" / f"{n}.txt", a) for n, a in sorted(anns.items())
            if (data / "text" / f"{n}.txt").is_file()]


def _norm(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class _Counts:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = {}

    def add(self, key: str, pred: Spans, gold: list[Span | None], text: str) -> None:
        """Count one article; ``gold`` spans are already in ``text`` (None: removed by cleaning,
        a miss)."""
        row = self.c.setdefault(key, [0, 0, 0, 0, 0, 0, 0, 0])  # ov tp_p,n_p,tp_g,n_g ; ex ...
        kept = [g for g in gold if g is not None]
        pn = [_norm(text, s) for s in pred]
        gn = [_norm(text, s) for s in kept]
        row[0] += sum(any(_overlaps(p, g) for g in kept) for p in pred)
        row[1] += len(pred)
        row[2] += sum(any(_overlaps(p, g) for p in pred) for g in kept)
        row[3] += len(gold)
        row[4] += sum(p in gn for p in pn)
        row[5] += len(pred)
        row[6] += sum(g in pn for g in gn)
        row[7] += len(gold)

    def scores(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for key, r in self.c.items():
            for mode, off in (("overlap", 0), ("exact", 4)):
                p, rec, f = _prf(r[off], r[off + 1], r[off + 2], r[off + 3])
                out[f"{key}_precision_{mode}"] = round(p, 4)
                out[f"{key}_recall_{mode}"] = round(rec, 4)
                out[f"{key}_f1_{mode}"] = round(f, 4)
        return out


def _mapped(spans: tuple[Span, ...], alignment: Alignment) -> tuple[Span, ...]:
    """The gold spans that survive cleaning, in the record's text."""
    return tuple(m for m in (alignment.span(a, b) for a, b in spans) if m is not None)


def _attribution_counts(quotes: list[dict[str, Any]], gold: list[GoldAttribution],
                        alignment: Alignment) -> tuple[int, int, int]:
    """(matched predictions, predictions, gold) counts, one-to-one greedy; gold spans are
    mapped onto the record's text (a gold attribution whose content was removed matches none)."""
    mapped = [(_mapped(g.content, alignment), _mapped(g.source, alignment), bool(g.source))
              for g in gold]
    used: set[int] = set()
    tp = 0
    for q in quotes:
        for i, (content, source, has_source) in enumerate(mapped):
            if i in used:
                continue
            if not any(_overlaps((q["start"], q["end"]), c) for c in content):
                continue
            if has_source:
                if q["speaker_start"] is None or q["speaker_end"] is None:
                    continue
                if not any(_overlaps((q["speaker_start"], q["speaker_end"]), s) for s in source):
                    continue
            used.add(i)
            tp += 1
            break
    return tp, len(quotes), len(gold)


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Score the product's quotes on a PolNeAR split folder (``.../dev``)."""
    root = Path(data)
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        raise FileNotFoundError(f"{data}: expected text/ and attributions/ folders (PolNeAR split)")
    items = articles(root)[: limit if limit is not None else None]
    counts = _Counts()
    a_tp = a_np = a_ng = n_removed = 0
    t0 = time.perf_counter()
    texts = {name: txt_path.read_text(encoding="utf-8") for name, txt_path, _ in items}
    records = extract_records(GoldDocument(name, texts[name]) for name, _, _ in items)
    for (name, _txt_path, ann_path), rec in zip(items, records, strict=True):
        text: str = rec["article"]["text"]
        quotes: list[dict[str, Any]] = rec["quotes"]
        alignment = align(texts[name], text)
        gold = read_ann(ann_path)
        gold_spans = {role: alignment.spans([s for g in gold for s in getattr(g, role)])
                      for role in ("content", "source", "cue")}
        n_removed += sum(m is None for spans in gold_spans.values() for m in spans)
        counts.add("content", [(q["start"], q["end"]) for q in quotes], gold_spans["content"], text)
        counts.add("source", [(q["speaker_start"], q["speaker_end"]) for q in quotes
                              if q["speaker_start"] is not None and q["speaker_end"] is not None],
                   gold_spans["source"], text)
        counts.add("cue", [(q["cue_start"], q["cue_end"]) for q in quotes
                           if q["cue_start"] is not None and q["cue_end"] is not None],
                   gold_spans["cue"], text)
        tp, n_p, n_g = _attribution_counts(quotes, gold, alignment)
        a_tp, a_np, a_ng = a_tp + tp, a_np + n_p, a_ng + n_g
    s = counts.scores()
    _, _, attr_f1 = _prf(a_tp, a_np, a_tp, a_ng)
    report: dict[str, Any] = {
        "dataset": "polnear", "data": data, "n_docs": len(items),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    for key in ("content_f1_overlap", "source_f1_overlap", "cue_f1_overlap",
                "content_f1_exact", "source_f1_exact", "cue_f1_exact"):
        report[key] = s.get(key, 0.0)
    report["attribution_f1"] = round(attr_f1, 4)
    report.update({k: v for k, v in s.items() if k not in report})
    report["n_gold_attributions"] = a_ng
    report["n_predicted_quotes"] = a_np
    report["n_gold_spans_removed_by_cleaning"] = n_removed
    return report
