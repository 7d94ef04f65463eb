"""Score CAMEO who-did-what-to-whom on the PETRARCH2 validation records.

Data (``data`` = the petrarch2-unittests folder): ``PETR.UnitTest.records.xml``
(stylized sentences with fictional actors and expected CAMEO codings) and the
small ``PETR.Validate.actors.txt`` / ``PETR.Validate.agents.txt`` dictionaries.

Every sentence goes through the product as one article
(:func:`dateline.eval.product.extract_records`: the records of ``dateline
extract`` with default settings) and the records' events are scored.  The
suite's actors are fictional, so the scorer (not the product) reads the
dictionaries at evaluation time to turn each record actor's text into the
suite's country code, falling back to the country and name the record gives
(never copied into the package).  A regression check, not a target.

Per expected coding (sentences flagged ``noevents`` or with an ``error``
attribute are scored separately):

- ``event_code_accuracy``: some event of the record has the expected CAMEO
  root (first two digits);
- ``event_code3_accuracy``: ... the same three-digit prefix;
- ``triple_accuracy``: one event matches the root code *and* its actor and
  recipient carry the expected source and target country codes (the first
  three characters of the PETRARCH codes; "---" = none expected);
- ``dyad_accuracy``: some event carries the expected source and target
  countries, whatever its code (the suite's codes come from its own
  validation verb dictionary, which we do not use, so this isolates the
  who-to-whom part);
- ``main_event_code_accuracy``: the record's main event (``events[0]``) has
  the expected root;
- ``noevent_accuracy``: share of no-event sentences whose record has no event;
- ``n_rejected``: records the product rejected (they have no event).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.eval.product import GoldDocument, extract_records, main_event

_ENTRY = re.compile(r"^([^\s#\[][^\[#]*?)\s*(\[[^\]]*\])?\s*(#.*)?$")


class DictionaryCodes:
    """The suite's country code of an actor text, from PETRARCH-style dictionaries."""

    def __init__(self, actors: dict[str, str]) -> None:
        self.actors = actors

    @staticmethod
    def _norm(text: str) -> str:
        return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "

    def country(self, text: str) -> str | None:
        """The code of the longest dictionary name inside ``text`` (first three characters)."""
        norm = self._norm(text)
        country: str | None = None
        best = 0
        for name, code in self.actors.items():
            if name in norm and len(name) > best:
                country, best = code, len(name)
        return country[:3] if country else None


def load_dictionary(path: Path, agent: bool) -> dict[str, str]:
    """NAME [CODE] lines (``+SYNONYM`` lines share the previous code)."""
    out: dict[str, str] = {}
    last: str | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith(("<!--", "#", "-->", "!")):
            continue
        if line.startswith("+"):
            name = line[1:].split("#")[0].strip()
            if last and name:
                out[DictionaryCodes._norm(name.replace("_", " "))] = last
            continue
        m = _ENTRY.match(line)
        if not m or not m.group(2):
            last = None
            continue
        code = m.group(2).strip("[]").split()[0] if m.group(2).strip("[]") else ""
        if agent:
            code = code.lstrip("~")
        if not code or code.startswith("-"):
            last = None
            continue
        name = m.group(1).split("{")[0].replace("_", " ").strip()
        out[DictionaryCodes._norm(name)] = code
        last = code
    return out


def load_records(folder: Path) -> list[dict[str, Any]]:
    root = ET.parse(folder / "PETR.UnitTest.records.xml").getroot()
    records: list[dict[str, Any]] = []
    for sent in root.iter("Sentence"):
        text_el = sent.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        codings = []
        noevents = False
        for ec in sent.findall("EventCoding"):
            if ec.get("noevents"):
                noevents = True
            elif ec.get("error"):
                noevents = True
            elif ec.get("eventcode"):
                codings.append((ec.get("sourcecode", "---"), ec.get("targetcode", "---"),
                                ec.get("eventcode", "")))
        text = " ".join((text_el.text or "").split())
        records.append({"id": sent.get("id"), "text": text, "codings": codings,
                        "noevents": noevents and not codings})
    return records


def _has_country(refs: Iterable[dict[str, Any]], code: str, codes: DictionaryCodes) -> bool:
    want = code[:3]
    if want == "---":
        return True
    for r in refs:
        found = {codes.country(str(r.get("text") or "")), (r.get("country") or "")[:3],
                 (r.get("name") or "")[:3]}
        if want in found:
            return True
    return False


def _matches(events: list[dict[str, Any]], code: str, digits: int) -> list[dict[str, Any]]:
    return [e for e in events if e.get("cameo") and str(e["cameo"])[:digits] == code[:digits]]


def gold_documents(records: list[dict[str, Any]]) -> list[GoldDocument]:
    """One product input per test sentence."""
    return [GoldDocument(id=str(r["id"] or i), text=r["text"]) for i, r in enumerate(records)]


def score(outputs: Iterable[dict[str, Any]], records: list[dict[str, Any]],
          codes: DictionaryCodes) -> dict[str, Any]:
    """Score product records (one per test sentence, in order); see the module docstring."""
    outs = list(outputs)
    if len(outs) != len(records):
        raise ValueError(f"{len(outs)} product records for {len(records)} test sentences")
    n_cod = code2 = code3 = triples = dyads = main2 = 0
    n_none = none_ok = 0
    for rec, out in zip(records, outs, strict=True):
        events: list[dict[str, Any]] = list(out.get("events") or []) if out.get("status") == "ok" else []
        if rec["noevents"]:
            n_none += 1
            none_ok += not events
            continue
        main = main_event(out) if events else None
        for src, tgt, code in rec["codings"]:
            n_cod += 1
            root_hits = _matches(events, code, 2)
            code2 += bool(root_hits)
            code3 += bool(_matches(events, code, 3))
            main2 += main is not None and bool(_matches([main], code, 2))
            dyads += any(_has_country(e.get("actor") or [], src, codes)
                         and _has_country(e.get("recipient") or [], tgt, codes) for e in events)
            triples += any(_has_country(e.get("actor") or [], src, codes)
                           and _has_country(e.get("recipient") or [], tgt, codes) for e in root_hits)
    return {
        "triple_accuracy": round(triples / n_cod, 4) if n_cod else 0.0,
        "event_code_accuracy": round(code2 / n_cod, 4) if n_cod else 0.0,
        "event_code3_accuracy": round(code3 / n_cod, 4) if n_cod else 0.0,
        "dyad_accuracy": round(dyads / n_cod, 4) if n_cod else 0.0,
        "main_event_code_accuracy": round(main2 / n_cod, 4) if n_cod else 0.0,
        "noevent_accuracy": round(none_ok / n_none, 4) if n_none else 0.0,
        "n_codings": n_cod,
        "n_noevent_sentences": n_none,
        "n_rejected": sum(o.get("status") != "ok" for o in outs),
    }


def load_codes(folder: Path) -> DictionaryCodes:
    """The suite's actor dictionary (its agents dictionary gives no country, so it is not needed)."""
    return DictionaryCodes(load_dictionary(folder / "PETR.Validate.actors.txt", agent=False))


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Run the product on the PETRARCH2 validation records and score them (see module docstring)."""
    t0 = time.perf_counter()
    folder = Path(data)
    records = load_records(folder)
    if limit is not None:
        records = records[:limit]
    codes = load_codes(folder)
    outs = list(extract_records(gold_documents(records)))
    return {"dataset": "petrarch2-unittests", "data": data, "n_docs": len(records),
            "seconds": round(time.perf_counter() - t0, 2), **score(outs, records, codes)}
