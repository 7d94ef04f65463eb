"""The learned ACLED event-type model: which CASE 2021 class a sentence reports, or NONE.

A multinomial logistic regression over word uni/bigrams and character 3-5-grams (inside word
boundaries) of the lower-cased text, digits folded to ``0``. Each feature present counts once;
the row is L2-normalised; class scores are ``x @ W + b`` and probabilities their softmax.

The model is stored without pickle in a folder (see :func:`save_model` and docs/MODEL.md):

    meta.json      sources, licence, sizes, measured accuracy, the classes and the feature settings
    vocab.json     the feature strings, in column order
    weights.npy    float16, (n_features, n_classes)
    bias.npy       float32, (n_classes,)

Training (scikit-learn) lives in :mod:`dateline.extract.events.training`; this module needs numpy only.
A :class:`EventTypeModel` is loaded once by whoever owns it (a ``Pipeline``) and passed down.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from dateline.extract.events.acled import ALL_CODES, AcledLabel, label_for

NONE = "NONE"
#: Every class the model may predict: the 25 ACLED sub-event codes, the five CASE 2021 classes
#: outside ACLED, and NONE (figurative, non-political, hypothetical: not an event).
CLASSES: tuple[str, ...] = ALL_CODES + (NONE,)
FEATURE_VERSION = 1

_WORD = re.compile(r"[a-z0]+(?:'[a-z]+)?")
_DIGITS = re.compile(r"[0-9]+")


def normalize(text: str) -> str:
    """Lower case, unified quotes and dashes, every run of digits as ``0``."""
    low = (text.lower().replace("\u2019", "'").replace("\u2018", "'")
           .replace("\u2013", "-").replace("\u2014", "-"))
    return _DIGITS.sub("0", low)


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def word_features(word: str, char_min: int = 3, char_max: int = 5) -> list[str]:
    """The features one word gives on its own: ``w:`` the word, ``c:`` its char n-grams."""
    out = ["w:" + word]
    padded = " " + word + " "
    for n in range(char_min, char_max + 1):
        for i in range(len(padded) - n + 1):
            out.append("c:" + padded[i:i + n])
    return out


def features(text: str, char_min: int = 3, char_max: int = 5) -> set[str]:
    """The distinct feature strings of ``text``: ``w:`` words, ``b:`` word bigrams, ``c:`` char n-grams."""
    ws = words(text)
    out: set[str] = set()
    for k, w in enumerate(ws):
        out.update(word_features(w, char_min, char_max))
        if k:
            out.add("b:" + ws[k - 1] + " " + w)
    return out


_MEMO_MAX = 100_000


@dataclass(frozen=True, slots=True)
class Prediction:
    """Class probabilities for one text (``probs`` follows ``classes``)."""

    classes: tuple[str, ...]
    probs: tuple[float, ...]

    @property
    def label(self) -> str:
        return self.classes[int(np.argmax(self.probs))]

    @property
    def confidence(self) -> float:
        return float(max(self.probs))

    def prob(self, code: str) -> float:
        return self.probs[self.classes.index(code)] if code in self.classes else 0.0

    def best_of(self, codes: Iterable[str]) -> tuple[str, float] | None:
        """The most probable class among ``codes`` and its probability (None if none known)."""
        scored = [(self.prob(c), c) for c in codes if c in self.classes]
        if not scored:
            return None
        p, c = max(scored, key=lambda pc: (pc[0], -self.classes.index(pc[1])))
        return c, p


class EventTypeModel:
    """A loaded model folder; :meth:`predict` is a pure function of the text."""

    def __init__(self, classes: tuple[str, ...], vocab: list[str], weights: np.ndarray,
                 bias: np.ndarray, meta: dict[str, Any], path: str = "<memory>") -> None:
        unknown = [c for c in classes if c not in CLASSES]
        if unknown:
            raise ValueError(f"{path}: unknown classes {unknown}; expected some of {CLASSES}")
        if weights.shape != (len(vocab), len(classes)) or bias.shape != (len(classes),):
            raise ValueError(f"{path}: weights {weights.shape} / bias {bias.shape} do not fit "
                             f"{len(vocab)} features x {len(classes)} classes")
        self.classes = classes
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.meta = meta
        self.path = path
        feats = meta.get("features", {})
        self.char_min = int(feats.get("char_min", 3))
        self.char_max = int(feats.get("char_max", 5))
        # word -> the columns of its own features (a cache: the same words recur in every text)
        self._word_cols: dict[str, tuple[int, ...]] = {}

    # -- loading ------------------------------------------------------------
    @classmethod
    def load(cls, folder: str | Path) -> EventTypeModel:
        path = Path(folder)
        meta_file = path / "meta.json"
        if not meta_file.is_file():
            raise FileNotFoundError(f"no event-type model at {path} (meta.json missing); "
                                    "build one with `dateline train events -o DIR`")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if int(meta.get("features", {}).get("version", -1)) != FEATURE_VERSION:
            raise ValueError(f"{path}: feature version {meta.get('features')} is not {FEATURE_VERSION}")
        vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        weights = np.load(path / "weights.npy", allow_pickle=False)
        bias = np.load(path / "bias.npy", allow_pickle=False)
        return cls(tuple(meta["classes"]), vocab, weights, bias, meta, str(path))

    @classmethod
    def load_default(cls) -> EventTypeModel:
        """The model shipped in the package (``dateline/data/models/events``)."""
        return cls.load(Path(str(resources.files("dateline") / "data" / "models" / "events")))

    # -- inference ----------------------------------------------------------
    def columns(self, text: str) -> list[int]:
        """Sorted columns of the features of ``text`` in the vocabulary (the same as looking up
        every string of :func:`features`, with each word's own features cached)."""
        ws = words(text)
        found: set[int] = set()
        memo = self._word_cols
        for k, w in enumerate(ws):
            own = memo.get(w)
            if own is None:
                if len(memo) >= _MEMO_MAX:
                    memo.clear()
                own = memo[w] = tuple(i for f in word_features(w, self.char_min, self.char_max)
                                      if (i := self.index.get(f)) is not None)
            found.update(own)
            if k and (i := self.index.get("b:" + ws[k - 1] + " " + w)) is not None:
                found.add(i)
        return sorted(found)

    def scores(self, text: str) -> np.ndarray:
        cols = self.columns(text)
        if not cols:
            return self.bias.copy()
        return self.weights[cols].sum(axis=0) / np.float32(np.sqrt(len(cols))) + self.bias

    def predict(self, text: str) -> Prediction:
        z = self.scores(text)
        z = np.exp(z - z.max())
        p = z / z.sum()
        return Prediction(self.classes, tuple(round(float(v), 6) for v in p))

    def classify(self, text: str) -> AcledLabel:
        """The CASE 2021 class of a snippet (never NONE: the CASE scorer needs an event class)."""
        pred = self.predict(text)
        best = pred.best_of(c for c in self.classes if c != NONE)
        code, p = best if best is not None else ("ARMED_CLASH", 0.0)
        return label_for(code, round(p, 4))


def save_model(folder: str | Path, classes: tuple[str, ...], vocab: list[str], weights: np.ndarray,
               bias: np.ndarray, meta: dict[str, Any]) -> None:
    """Write a model folder byte-for-byte deterministically (sorted JSON, fixed dtypes)."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=True, separators=(",", ":")) + "\n",
                                     encoding="utf-8")
    np.save(path / "weights.npy", np.ascontiguousarray(weights, dtype=np.float16), allow_pickle=False)
    np.save(path / "bias.npy", np.ascontiguousarray(bias, dtype=np.float32), allow_pickle=False)
    files = {name: (path / name).stat().st_size for name in ("vocab.json", "weights.npy", "bias.npy")}
    meta = {**meta, "classes": list(classes), "file_bytes": files}
    (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
