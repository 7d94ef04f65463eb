"""Score the ACLED sub-event classifier on CASE 2021 Task 2 snippets.

Data: a TSV with a header and columns ``id``, ``EventSnippet``, ``SubType``
(the CASE 2021 Task 2 test-set format; ``data`` is the file or the folder
holding ``snippets.tsv``).  Every snippet is classified by the shipped ACLED event-type model
(:meth:`dateline.extract.events.model.EventTypeModel.classify`: its most probable class other
than NONE) and compared with its gold code.

Reported: ``weighted_f1`` (the official CASE 2021 Task 2 ranking measure),
``macro_f1``, ``accuracy`` and ``per_class`` precision/recall/F1/support.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dateline.extract.events.model import EventTypeModel

DATASET = "case2021-task2"
_FILE_NAME = "snippets.tsv"


def read_snippets(data: str) -> list[tuple[str, str, str]]:
    """Read ``(id, snippet, gold code)`` rows from the TSV file or its folder."""
    path = Path(data)
    if path.is_dir():
        path = path / _FILE_NAME
    if not path.is_file():
        raise FileNotFoundError(f"no CASE 2021 Task 2 TSV at {path}; pass the file or its folder")
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        for row in reader:
            rows.append((row["id"], row["EventSnippet"], row["SubType"].strip()))
    return rows


def classification_report(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Weighted/macro F1, accuracy and per-class precision/recall/F1/support."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter(pred)
    support: Counter[str] = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
    per_class: dict[str, dict[str, float | int]] = {}
    # Over gold and predicted labels alike, as scikit-learn's f1_score does
    # (the CASE 2021 scorer): a class only ever predicted scores F1 0.
    for code in sorted(set(support) | set(n_pred)):
        precision = tp[code] / n_pred[code] if n_pred[code] else 0.0
        recall = tp[code] / support[code] if support[code] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[code] = {"precision": round(precision, 4), "recall": round(recall, 4),
                           "f1": round(f1, 4), "support": support[code]}
    total = len(gold)
    weighted = sum(float(v["f1"]) * int(v["support"]) for v in per_class.values()) / total if total else 0.0
    macro = sum(float(v["f1"]) for v in per_class.values()) / len(per_class) if per_class else 0.0
    accuracy = sum(tp.values()) / total if total else 0.0
    return {"weighted_f1": round(weighted, 4), "macro_f1": round(macro, 4),
            "accuracy": round(accuracy, 4), "per_class": per_class}


def evaluate(data: str, limit: int | None = None, model: EventTypeModel | None = None) -> dict[str, Any]:
    """Classify every snippet in ``data`` (first ``limit`` if given) and score it."""
    rows = read_snippets(data)
    if limit is not None:
        rows = rows[:limit]
    model = model or EventTypeModel.load_default()
    start = time.perf_counter()
    pred = [model.classify(text).label for _, text, _ in rows]
    seconds = time.perf_counter() - start
    report = classification_report([g for _, _, g in rows], pred)
    return {"dataset": DATASET, "data": data, "n_docs": len(rows),
            "seconds": round(seconds, 3), **report}
