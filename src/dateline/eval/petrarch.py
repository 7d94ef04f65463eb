"""Score CAMEO who-did-what-to-whom on the PETRARCH2 validation records.

Data (``data`` = the petrarch2-unittests folder): ``PETR.UnitTest.records.xml``
(stylized sentences with fictional actors and expected CAMEO codings) and the
small ``PETR.Validate.actors.txt`` / ``PETR.Validate.agents.txt`` dictionaries.
The dictionaries are read at evaluation time and layered over the actor
knowledge base as a user extension (never copied into the package).

Per expected coding (sentences flagged ``noevents`` or with an ``error``
attribute are scored separately):

- ``event_code_accuracy``: some event coded in the sentence has the expected
  CAMEO root (first two digits);
- ``event_code3_accuracy``: ... the same three-digit prefix;
- ``triple_accuracy``: one event matches the root code *and* its actor and
  recipient carry the expected source and target country codes (the first
  three characters of the PETRARCH codes; "---" = none expected);
- ``dyad_accuracy``: some coded event carries the expected source and target
  countries, whatever its code (the suite's codes come from its own
  validation verb dictionary, which we do not use, so this isolates the
  who-to-whom part);
- ``noevent_accuracy``: share of no-event sentences where nothing is coded.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.extract.actors import ActorKB
from dateline.extract.events.actors import ActorInfoLike
from dateline.extract.events.runner import code_texts
from dateline.records import ActorRef, Event

_ENTRY = re.compile(r"^([^\s#\[][^\[#]*?)\s*(\[[^\]]*\])?\s*(#.*)?$")


@dataclass(frozen=True, slots=True)
class _Info:
    canonical: str
    kind: str | None
    country: str | None


class DictionaryResolver:
    """Actor lookup from PETRARCH-style dictionaries, falling back to a KB."""

    def __init__(self, actors: dict[str, str], agents: dict[str, str], kb: ActorKB | None) -> None:
        self.actors = actors
        self.agents = agents
        self.kb = kb

    @staticmethod
    def _norm(text: str) -> str:
        return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "

    def resolve(self, text: str) -> ActorInfoLike | None:
        norm = self._norm(text)
        country: str | None = None
        best = 0
        for name, code in self.actors.items():
            if name in norm and len(name) > best:
                country, best = code, len(name)
        agent: str | None = None
        best_a = 0
        for name, code in self.agents.items():
            if name in norm and len(name) > best_a:
                agent, best_a = code, len(name)
        if country is None and agent is None:
            return self.kb.resolve(text) if self.kb is not None else None
        canonical = (country or "---") + (agent or "")
        return _Info(canonical=canonical, kind=agent, country=country[:3] if country else None)


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
                out[DictionaryResolver._norm(name.replace("_", " "))] = last
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
        out[DictionaryResolver._norm(name)] = code
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


def _has_country(refs: tuple[ActorRef, ...], code: str) -> bool:
    want = code[:3]
    if want == "---":
        return True
    return any((r.country or "")[:3] == want or (r.name or "")[:3] == want for r in refs)


def _matches(events: tuple[Event, ...], code: str, digits: int) -> list[Event]:
    return [e for e in events if e.cameo and e.cameo[:digits] == code[:digits]]


def evaluate(data: str, limit: int | None = None) -> dict[str, Any]:
    """Score against the PETRARCH2 validation records (see module docstring)."""
    t0 = time.perf_counter()
    folder = Path(data)
    records = load_records(folder)
    if limit is not None:
        records = records[:limit]
    kb = ActorKB.load_default()
    resolver = DictionaryResolver(
        load_dictionary(folder / "PETR.Validate.actors.txt", agent=False),
        load_dictionary(folder / "PETR.Validate.agents.txt", agent=True), kb)
    n_cod = code2 = code3 = triples = dyads = 0
    n_none = none_ok = 0
    for rec, (_doc, events) in zip(records, code_texts([r["text"] for r in records], kb=kb,
                                                       resolver=resolver), strict=True):
        if rec["noevents"]:
            n_none += 1
            none_ok += not events
            continue
        for src, tgt, code in rec["codings"]:
            n_cod += 1
            root_hits = _matches(events, code, 2)
            code2 += bool(root_hits)
            code3 += bool(_matches(events, code, 3))
            dyads += any(_has_country(e.actor, src) and _has_country(e.recipient, tgt)
                         for e in events)
            triples += any(_has_country(e.actor, src) and _has_country(e.recipient, tgt)
                           for e in root_hits)
    return {
        "dataset": "petrarch2-unittests",
        "data": data,
        "n_docs": len(records),
        "seconds": round(time.perf_counter() - t0, 2),
        "triple_accuracy": round(triples / n_cod, 4) if n_cod else 0.0,
        "event_code_accuracy": round(code2 / n_cod, 4) if n_cod else 0.0,
        "event_code3_accuracy": round(code3 / n_cod, 4) if n_cod else 0.0,
        "dyad_accuracy": round(dyads / n_cod, 4) if n_cod else 0.0,
        "noevent_accuracy": round(none_ok / n_none, 4) if n_none else 0.0,
        "n_codings": n_cod,
        "n_noevent_sentences": n_none,
    }
