"""GeoWebNews scorer: toponym detection and geocoding on GWN.xml.

Data: a folder (or the GWN.xml file itself) in the GeoWebNews release format
(Gritta et al. 2020): ``<article><text>`` with ``<toponym>`` children giving
``type``, ``start``/``end`` character offsets into the text and gold
``latitude``/``longitude``.

What counts as a toponym for detection: the eight types that GeoWebNews
annotates with coordinates, i.e. literal and associative toponyms --
Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier, Metonymic,
Non_Literal_Modifier, Embedded_Non_Lit (the paper's "toponym" classes, which
include adjectival modifiers such as "Russian hackers").  Excluded: Demonym
and Language (no coordinates; optional in the paper), Homonym and
Non_Toponym (not places here), and Literal_/Non_Lit_Expression (common nouns
like "the city").  Detection is scored strictly (exact offsets); an
overlap-based F1 is reported as an extra.

Geocoding: over gold toponyms that carry coordinates and that a predicted
span overlaps, the great-circle error of the predicted point; a detected but
unresolved toponym counts as the maximum error (20,039 km), as in the paper.
``acc_161`` is the share within 161 km (100 miles), ``median_km`` the median
error, ``auc`` the paper's area under the log-error curve (lower is better).

What is scored is the product: the ``places`` of the records ``dateline
extract`` writes with default settings (:func:`dateline.eval.product.extract_records`),
whose offsets refer to the record's cleaned ``article.text``.  Gold spans are
mapped onto that text once per article (:mod:`dateline.eval.align`); a gold
toponym in text that cleaning removed counts as a miss.  The product's
geoparser counts no demonyms ("Syrian forces" is an actor there) and drops
names the gazetteer lacks; the GeoWebNews mode of the geoparser
(``demonyms=True, keep_unresolved=True``) is not measured here.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.eval.align import align
from dateline.eval.product import GoldDocument, extract_records
from dateline.gazetteer.index import haversine_km

TOPONYM_TYPES = frozenset({
    "Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
})
MAX_ERROR_KM = 20039.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    type: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_gwn(data: str) -> list[GoldArticle]:
    """Articles of a GWN.xml file (``data`` is the file or the folder holding it)."""
    path = Path(data)
    if path.is_dir():
        path = path / "GWN.xml"
    if not path.exists():
        raise FileNotFoundError(f"no GWN.xml at {path}: pass the geowebnews folder or its GWN.xml")
    root = ET.parse(path).getroot()
    out: list[GoldArticle] = []
    for art in root.iter("article"):
        tops: list[GoldToponym] = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            tops.append(GoldToponym(
                int(t.findtext("start") or 0), int(t.findtext("end") or 0), t.findtext("type") or "",
                float(lat) if lat else None, float(lon) if lon else None,
            ))
        out.append(GoldArticle(art.get("file", str(len(out))), art.findtext("text") or "", tuple(tops)))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Score the product's places on GeoWebNews; see the module docstring for the measures."""
    t0 = time.perf_counter()
    articles = read_gwn(data)
    if limit is not None:
        articles = articles[:limit]
    records = extract_records(GoldDocument(a.id, a.text) for a in articles)
    tp = tp_overlap = n_pred = n_gold = n_removed = 0
    errors: list[float] = []
    n_gold_geo = 0
    for art, rec in zip(articles, records, strict=True):
        places: list[dict[str, Any]] = rec["places"]
        alignment = align(art.text, rec["article"]["text"])
        pred = {(p["start"], p["end"]) for p in places}
        gold = [(g, alignment.span(g.start, g.end)) for g in art.toponyms if g.type in TOPONYM_TYPES]
        gold_spans = {(g.start, g.end): m for g, m in gold}  # one count per raw span
        mapped = {m for m in gold_spans.values() if m is not None}
        n_pred += len(pred)
        n_gold += len(gold_spans)
        n_removed += sum(m is None for m in gold_spans.values())
        tp += len(pred & mapped)
        tp_overlap += sum(1 for m in gold_spans.values()
                          if m is not None and any(_overlaps(m, p) for p in pred))
        for g, m in gold:
            if g.lat is None or g.lon is None:
                continue
            n_gold_geo += 1
            hit = _best_overlap(places, m) if m is not None else None
            if hit is None:
                continue
            if hit["lat"] is None or hit["lon"] is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km(hit["lat"], hit["lon"], g.lat, g.lon))
    p, r, f = _prf(tp, n_pred, n_gold)
    _, _, f_overlap = _prf(tp_overlap, n_pred, n_gold)
    return {
        "dataset": "geowebnews",
        "data": data,
        "n_docs": len(articles),
        "seconds": round(time.perf_counter() - t0, 2),
        "detection_precision": round(p, 4),
        "detection_recall": round(r, 4),
        "detection_f1": round(f, 4),
        "acc_161": round(sum(e <= 161.0 for e in errors) / len(errors), 4) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "auc": round(_auc(errors), 4) if errors else None,
        "detection_f1_overlap": round(f_overlap, 4),
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_gold_removed_by_cleaning": n_removed,
        "n_gold_with_coords": n_gold_geo,
        "n_geocoded": len(errors),
        "toponym_types": sorted(TOPONYM_TYPES),
    }


def _best_overlap(places: list[dict[str, Any]], span: tuple[int, int]) -> dict[str, Any] | None:
    """The predicted place sharing the most characters with a (mapped) gold span."""
    best: dict[str, Any] | None = None
    best_len = 0
    for p in places:
        shared = min(p["end"], span[1]) - max(p["start"], span[0])
        if shared > best_len:
            best, best_len = p, shared
    return best


def _auc(errors: list[float]) -> float:
    """Area under the curve of log(1 + error) scaled by log(max error) (Gritta et al.)."""
    scaled = sorted(math.log(1 + e) / math.log(MAX_ERROR_KM) for e in errors)
    return sum(scaled) / len(scaled)
