"""Score the product's ACLED sub-event type on CASE 2021 Task 2 snippets.

Data: a TSV with a header and columns ``id``, ``EventSnippet``, ``SubType``
(the CASE 2021 Task 2 test-set format; ``data`` is the file or the folder
holding ``snippets.tsv``).  Every snippet goes through the product as one
article (:func:`dateline.eval.product.extract_records`: the records of
``dateline extract`` with default settings), and the predicted label is the
CASE 2021 code of the record's *main event* (``events[0]``, the most
confident) ``acled_sub_event_type``.  A record with no event, a main event
with no ACLED sub-type, or a rejected record predicts :data:`NO_LABEL`, which
counts as a wrong prediction (and as a class with precision 0 in the macro
average when it occurs).  The five classes outside ACLED (ORG_CRIME, DIPLO...)
have no ACLED sub-type in a record, so they always score 0 here.

Reported: ``weighted_f1`` (the official CASE 2021 Task 2 ranking measure),
``macro_f1``, ``accuracy``, ``per_class`` precision/recall/F1/support,
``no_label_rate`` and ``n_rejected``.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.eval.product import GoldDocument, extract_records, main_event
from dateline.extract.events import ACLED_CODES

#: The predicted label of a snippet whose record gives no ACLED sub-event type.
NO_LABEL = "NONE"
#: ACLED sub-event type name (as a record writes it) -> CASE 2021 code.
CODE_OF_SUB_EVENT: dict[str, str] = {sub: code for code, (_type, sub) in ACLED_CODES.items()}

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


def gold_documents(rows: list[tuple[str, str, str]]) -> list[GoldDocument]:
    """One product input per snippet (no publication date: the data set gives none)."""
    return [GoldDocument(id=rid, text=text) for rid, text, _ in rows]


def predicted_label(record: dict[str, Any]) -> str:
    """The CASE 2021 code of the record's main event, or :data:`NO_LABEL`."""
    if record.get("status") != "ok":
        return NO_LABEL
    event = main_event(record)
    sub = event.get("acled_sub_event_type") if event else None
    return CODE_OF_SUB_EVENT.get(sub, NO_LABEL) if sub else NO_LABEL


def score(records: Iterable[dict[str, Any]], rows: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Score product records (one per snippet, in order) against the gold rows."""
    recs = list(records)
    if len(recs) != len(rows):
        raise ValueError(f"{len(recs)} records for {len(rows)} snippets")
    pred = [predicted_label(r) for r in recs]
    report = classification_report([g for _, _, g in rows], pred)
    return {**report,
            "no_label_rate": round(pred.count(NO_LABEL) / len(pred), 4) if pred else 0.0,
            "n_rejected": sum(r.get("status") != "ok" for r in recs)}


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Run the product on every snippet in ``data`` (first ``limit`` if given) and score it."""
    rows = read_snippets(data)
    if limit is not None:
        rows = rows[:limit]
    start = time.perf_counter()
    records = list(extract_records(gold_documents(rows)))
    seconds = time.perf_counter() - start
    return {"dataset": DATASET, "data": data, "n_docs": len(rows),
            "seconds": round(seconds, 3), **score(records, rows)}
