"""Train the ACLED event-type model (``dateline train events``).

Training data, read at build time:

- the team's corpus (``training/events/corpus/**/*.jsonl``: ``text`` and ``acled``, a CASE 2021
  code or NONE), news-style sentences written for dateline;
- UCDP GED headlines (a CSV with ``source_headline`` and ``type_of_violence``), weak positives:
  a first model trained on the other sources labels each headline, and a headline is kept, with
  that label and a lower weight, only where the label fits UCDP's type of violence (one-sided
  violence: violence against civilians or a remote/explosive attack; state-based or non-state:
  a battle or a remote/explosive attack);
- a user's ACLED export (a CSV with ``notes`` and ``sub_event_type``): sub-event names map to
  the CASE 2021 codes.

Everything is deterministic: sources are read in a fixed order, duplicates keep their first
label, the vocabulary is sorted, the solver runs on one thread, weights are written as float16.
The same inputs give the same bytes (``tests/test_event_model.py`` rebuilds the shipped model).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dateline.eval.acled_split import is_heldout
from dateline.extract.events.acled import ACLED_CODES
from dateline.extract.events.model import (
    CLASSES,
    FEATURE_VERSION,
    NONE,
    EventTypeModel,
    features,
    save_model,
)

CORPUS_DIR = Path("training/events/corpus")
UCDP_DEFAULT = Path("../shared/train/ucdp-ged-syria")
CHAR_MIN, CHAR_MAX = 3, 5
MIN_DF = 2
MAX_FEATURES = 120_000
C = 20.0
WEAK_WEIGHT = 0.3
UCDP_SHARE = 0.5  # the weak headlines of a class weigh at most half a median corpus class
NONE_SHARE = 2.0  # NONE (three kinds of non-event) weighs as much as two event classes

#: ACLED sub_event_type (as ACLED's export writes it) -> CASE 2021 code.
ACLED_SUBTYPE_CODES: dict[str, str] = {sub.lower(): code for code, (_, sub) in ACLED_CODES.items()}

_BATTLE_OR_REMOTE = ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "AIR_STRIKE",
                     "ART_MISS_ATTACK", "REM_EXPLOS", "SUIC_BOMB", "GRENADE", "CHEM_WEAP")
_CIVILIANS_OR_REMOTE = ("ATTACK", "ABDUCT_DISSAP", "SEX_VIOL", "AIR_STRIKE", "ART_MISS_ATTACK",
                        "REM_EXPLOS", "SUIC_BOMB", "GRENADE", "CHEM_WEAP")
#: UCDP type_of_violence -> the classes a headline of that type may take.
UCDP_FITS: dict[str, tuple[str, ...]] = {"1": _BATTLE_OR_REMOTE, "2": _BATTLE_OR_REMOTE,
                                         "3": _CIVILIANS_OR_REMOTE}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    source: str  # "corpus", "acled", "ucdp"
    weight: float = 1.0


# -- readers -------------------------------------------------------------------------------------

def read_corpus(folder: Path) -> list[Example]:
    """Every ``*.jsonl`` under ``folder`` (sorted paths; rows in file order)."""
    out: list[Example] = []
    files = sorted(folder.rglob("*.jsonl")) if folder.is_dir() else [folder]
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = str(row["acled"])
            if label not in CLASSES:
                raise ValueError(f"{file}:{n}: class {label!r} is not one of {CLASSES}")
            out.append(Example(str(row["text"]), label, "corpus"))
    return out


def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def read_acled(rows: Iterable[dict[str, str]]) -> tuple[list[Example], Counter[str]]:
    """ACLED export rows -> examples (text = notes); unknown sub-event names are counted, skipped."""
    out: list[Example] = []
    skipped: Counter[str] = Counter()
    for row in rows:
        code = ACLED_SUBTYPE_CODES.get((row.get("sub_event_type") or "").strip().lower())
        text = (row.get("notes") or "").strip()
        if code is None or not text:
            skipped[row.get("sub_event_type") or ""] += 1
            continue
        out.append(Example(text, code, "acled"))
    return out, skipped


def read_ucdp(path: Path) -> list[tuple[str, str]]:
    """(headline, type_of_violence) of a UCDP GED CSV (or the folder holding one), unique headlines."""
    if path.is_dir():
        found = sorted(path.glob("*.csv"))
        if not found:
            raise FileNotFoundError(f"no UCDP GED CSV in {path}")
        path = found[0]
    _, rows = _csv_rows(path)
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for row in rows:
        head = (row.get("source_headline") or "").split(";")[0].strip()
        if len(head.split()) < 4 or head in seen:
            continue
        seen.add(head)
        out.append((head, str(row.get("type_of_violence", "")).strip()))
    return out


@dataclass
class TrainingData:
    examples: list[Example]
    ucdp: list[tuple[str, str]]
    sources: list[dict[str, Any]]


def gather(data: Sequence[Path], corpus: Path | None, ucdp_default: Path | None,
           skip_held_out: bool = False) -> TrainingData:
    """Read the corpus and every ``--data`` path (an ACLED export CSV, a UCDP GED CSV or folder,
    or team-style JSONL); with no ``--data``, the UCDP GED folder at ``ucdp_default``.
    ``skip_held_out`` leaves out the ACLED rows of the held-out fifth
    (:func:`dateline.eval.acled_split.is_heldout`), to score the model on them afterwards."""
    examples: list[Example] = []
    ucdp: list[tuple[str, str]] = []
    sources: list[dict[str, Any]] = []
    if corpus is not None:
        rows = read_corpus(corpus)
        examples += rows
        sources.append({"kind": "corpus", "path": corpus.as_posix(), "examples": len(rows),
                        "licence": "written by the dateline team for dateline (MIT, as the project)"})
    paths = list(data) or ([ucdp_default] if ucdp_default is not None else [])
    for path in paths:
        if path.is_dir() or path.suffix.lower() == ".jsonl":
            if path.is_dir() and any(path.glob("*.csv")):
                heads = read_ucdp(path)
                ucdp += heads
                sources.append(_ucdp_source(path, len(heads)))
                continue
            rows = read_corpus(path)
            examples += rows
            sources.append({"kind": "corpus", "path": path.name, "examples": len(rows)})
            continue
        fields, csv_rows = _csv_rows(path)
        if {"notes", "sub_event_type"} <= set(fields):
            n_rows = len(csv_rows)
            if skip_held_out:
                csv_rows = [r for r in csv_rows if not is_heldout(r.get("event_id_cnty", ""))]
            rows, skipped = read_acled(csv_rows)
            examples += rows
            sources.append({"kind": "acled-export", "path": path.name, "rows": n_rows,
                            "examples": len(rows), "skipped": sum(skipped.values()),
                            "held_out_fifth_left_out": skip_held_out})
        elif {"source_headline", "type_of_violence"} <= set(fields):
            heads = read_ucdp(path)
            ucdp += heads
            sources.append(_ucdp_source(path, len(heads)))
        else:
            raise ValueError(f"{path}: neither an ACLED export (notes, sub_event_type) nor a UCDP GED "
                             "CSV (source_headline, type_of_violence) nor JSONL")
    return TrainingData(examples, ucdp, sources)


def _ucdp_source(path: Path, n: int) -> dict[str, Any]:
    return {"kind": "ucdp-ged", "path": path.name, "headlines": n,
            "licence": "CC BY 4.0; Sundberg & Melander 2013, Davies et al. 2024"}


# -- features and fitting ------------------------------------------------------------------------

def build_vocab(texts: Sequence[str], min_df: int = MIN_DF, max_features: int = MAX_FEATURES) -> list[str]:
    df: Counter[str] = Counter()
    for t in texts:
        df.update(features(t, CHAR_MIN, CHAR_MAX))
    kept = sorted((f for f, n in df.items() if n >= min_df), key=lambda f: (-df[f], f))[:max_features]
    return sorted(kept)


def matrix(texts: Sequence[str], index: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    cols: list[int] = []
    vals: list[float] = []
    for t in texts:
        row = sorted(i for f in features(t, CHAR_MIN, CHAR_MAX) if (i := index.get(f)) is not None)
        cols += row
        vals += [1.0 / math.sqrt(len(row))] * len(row)
        indptr.append(len(cols))
    return csr_matrix((np.array(vals, dtype=np.float64), np.array(cols, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)), shape=(len(texts), len(index)))


def fit(examples: Sequence[Example], c: float = C) -> EventTypeModel:
    """Fit one model on ``examples`` (vocabulary from them; classes: those present)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    texts = [e.text for e in examples]
    vocab = build_vocab(texts)
    index = {f: i for i, f in enumerate(vocab)}
    present = set(e.label for e in examples)
    classes = tuple(k for k in CLASSES if k in present)
    y = np.array([classes.index(e.label) for e in examples])
    x = matrix(texts, index)
    with threadpool_limits(1):
        clf = LogisticRegression(C=c, max_iter=1000, tol=1e-4)
        clf.fit(x, y, sample_weight=np.array([e.weight for e in examples]))
    weights = clf.coef_.T.astype(np.float16)
    bias = clf.intercept_.astype(np.float32)
    if len(classes) == 2:  # binary: scikit-learn keeps one row; make it a two-class softmax
        weights = np.hstack([-weights / 2, weights / 2]).astype(np.float16)
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    meta = {"features": {"version": FEATURE_VERSION, "char_min": CHAR_MIN, "char_max": CHAR_MAX}}
    return EventTypeModel(classes, vocab, weights.astype(np.float32), bias, meta)


def weak_ucdp(first: EventTypeModel, heads: Sequence[tuple[str, str]],
              ref: float) -> tuple[list[Example], Counter[str]]:
    """UCDP headlines the first model labels with a class their type of violence allows.

    Each weighs ``WEAK_WEIGHT``, less where a class gets many: a class's headlines together weigh
    at most ``UCDP_SHARE * ref`` (``ref``: the median corpus class size), so that a thousand
    "air strikes" headlines do not set the class priors (measured: better on the corpus's
    held-out fifth and on the ACLED sample's held-out part than the flat weight or no UCDP)."""
    kept: list[tuple[str, str]] = []
    labels: Counter[str] = Counter()
    for head, kind in heads:
        allowed = UCDP_FITS.get(kind)
        if allowed is None:
            continue
        label = first.predict(head).label
        if label in allowed:
            kept.append((head, label))
            labels[label] += 1
    out = [Example(head, label, "ucdp", round(min(WEAK_WEIGHT, UCDP_SHARE * ref / labels[label]), 6))
           for head, label in kept]
    return out, labels


def _median_class(examples: Sequence[Example]) -> float:
    counts = sorted(Counter(e.label for e in examples if e.source == "corpus").values())
    return float(counts[len(counts) // 2]) if counts else 1.0


def balance_corpus(examples: Sequence[Example]) -> list[Example]:
    """Weigh the corpus classes alike: a class with more written examples than the median class
    gets proportionally lower weights (NONE: ``NONE_SHARE`` times the median). Without this the
    large NONE class wins every doubtful sentence ("truck drivers held demonstrations against
    fuel prices" read as non-political). Other sources keep their own weights."""
    counts = Counter(e.label for e in examples if e.source == "corpus")
    if not counts:
        return list(examples)
    ref = _median_class(examples)
    out: list[Example] = []
    for e in examples:
        if e.source == "corpus":
            share = ref * (NONE_SHARE if e.label == NONE else 1.0)
            e = Example(e.text, e.label, e.source, round(e.weight * min(1.0, share / counts[e.label]), 6))
        out.append(e)
    return out


def _dedupe(examples: Iterable[Example]) -> list[Example]:
    seen: set[str] = set()
    out: list[Example] = []
    for e in examples:
        key = " ".join(e.text.split()).lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def internal_fold(text: str) -> bool:
    """The fifth of the training texts held out for meta.json's accuracy (by sha1 of the text)."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 5 == 0


def _scores(model: EventTypeModel, rows: Sequence[Example]) -> dict[str, float]:
    from dateline.eval.case2021 import classification_report

    gold = [e.label for e in rows]
    pred = [model.predict(e.text).label for e in rows]
    rep = classification_report(gold, pred)
    return {"n": len(rows), "accuracy": rep["accuracy"], "weighted_f1": rep["weighted_f1"],
            "macro_f1": rep["macro_f1"]}


def train(data: TrainingData, c: float = C) -> tuple[EventTypeModel, dict[str, Any]]:
    """Fit the model (two passes with UCDP: labeller, then final) and measure it on a held-out fifth."""
    base = balance_corpus(_dedupe(data.examples))
    weak: list[Example] = []
    weak_labels: Counter[str] = Counter()
    if data.ucdp:
        weak, weak_labels = weak_ucdp(fit(base, c), data.ucdp, _median_class(base))
    rows = _dedupe(base + weak)
    held = [e for e in base if internal_fold(e.text)]
    held_keys = {e.text for e in held}
    probe = fit([e for e in rows if e.text not in held_keys], c)
    model = fit(rows, c)
    counts = Counter(e.label for e in rows)
    info = {
        "training": {"examples": len(rows), "by_source": dict(sorted(Counter(e.source for e in rows).items())),
                     "by_class": dict(sorted(counts.items())),
                     "ucdp_weak_labels": dict(sorted(weak_labels.items())),
                     "ucdp_weight": f"{WEAK_WEIGHT:g} each, a class at most {UCDP_SHARE:g}x a median corpus class",
                     "corpus_weights": "classes balanced to the median class size; NONE "
                                       f"{NONE_SHARE:g}x that"},
        "measured": {"held_out_fifth": _scores(probe, held),
                     "how": "model trained on the other four fifths of the corpus/export rows "
                            "(and the weak UCDP rows), scored on the fifth whose sha1(text) first "
                            "byte % 5 == 0; the shipped weights are then fitted on all rows"},
    }
    return model, info


def write(model: EventTypeModel, info: dict[str, Any], sources: list[dict[str, Any]], out: Path,
          c: float = C) -> dict[str, Any]:
    vocab = sorted(model.index, key=model.index.__getitem__)
    meta = {
        **model.meta,
        "name": "dateline ACLED event-type model",
        "model": {"kind": "multinomial logistic regression (scikit-learn LogisticRegression, lbfgs)",
                  "C": c, "min_df": MIN_DF, "max_features": MAX_FEATURES,
                  "n_features": len(vocab), "n_classes": len(model.classes)},
        "sources": sources,
        "licence": "MIT (dateline) for the corpus and code; derived from UCDP GED (CC BY 4.0: "
                   "Sundberg & Melander 2013; Davies et al. 2024) where UCDP headlines were used",
        **info,
    }
    save_model(out, model.classes, vocab, model.weights, model.bias, meta)
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    return {"out": out.as_posix(), "bytes": sizes, "total_bytes": sum(sizes.values())}


def run(data: Sequence[Path], out: Path, corpus: Path | None = CORPUS_DIR,
        ucdp_default: Path | None = UCDP_DEFAULT, c: float = C,
        skip_held_out: bool = False) -> dict[str, Any]:
    start = time.perf_counter()
    gathered = gather(data, corpus, ucdp_default, skip_held_out)
    model, info = train(gathered, c)
    written = write(model, info, gathered.sources, out, c)
    return {**written, "measured": info["measured"], "examples": info["training"]["examples"],
            "seconds": round(time.perf_counter() - start, 1)}
