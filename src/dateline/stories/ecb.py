"""Reader for the ECB+ corpus (CAT/CROMER XML) used to measure event coreference.

Gold event mentions are the ACTION_* and NEG_ACTION_* markables anchored to
tokens.  Their gold cluster is the CROSS_DOC_COREF instance (``note``), else
the INTRA_DOC_COREF chain, else the mention alone (singleton), as in the
usual preprocessing (Cybulska & Vossen 2015; Barhom et al. 2019).  Only
mentions in the validated sentences (ECBplus_coreference_sentences.csv) are
kept.  Nothing from the corpus is copied into the repository.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(frozen=True, slots=True)
class EcbMention:
    doc: str
    m_id: str
    tag: str
    sentence: int
    token_ids: tuple[int, ...]
    gold: str

    @property
    def key(self) -> tuple[str, int, int]:
        """Identity used by the scorer: (doc, first token, last token)."""
        return (self.doc, self.token_ids[0], self.token_ids[-1])


@dataclass(frozen=True, slots=True)
class EcbDoc:
    name: str
    topic: int
    subtopic: str  # "<topic>_ecb" or "<topic>_ecbplus": one seminal event
    tokens: tuple[tuple[int, int, str], ...]  # (t_id, sentence, word)
    validated: frozenset[int]
    events: tuple[EcbMention, ...]

    def sentence_words(self, sentence: int) -> list[tuple[int, str]]:
        return [(t, w) for t, s, w in self.tokens if s == sentence]


def _is_event(tag: str) -> bool:
    return tag.startswith("ACTION") or tag.startswith("NEG_ACTION")


def read_doc(path: Path, validated: frozenset[int]) -> EcbDoc:
    m = _DOC_NAME.match(path.name)
    if not m:
        raise ValueError(f"not an ECB+ document name: {path.name}")
    topic, kind = int(m.group(1)), m.group(3)
    root = ET.parse(path).getroot()
    tokens = tuple((int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
                   for t in root.iter("token"))
    sent_of = {t: s for t, s, _ in tokens}
    gold: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in (relations if relations is not None else []):
        if rel.tag == "CROSS_DOC_COREF":
            cid = "X:" + str(rel.get("note"))
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"I:{path.name}:{rel.get('r_id')}"
        else:
            continue
        for src in rel.findall("source"):
            gold[str(src.get("m_id"))] = cid
    events = []
    markables = root.find("Markables")
    for mk in (markables if markables is not None else []):
        anchors = tuple(sorted(int(a.get("t_id", "0")) for a in mk.findall("token_anchor")))
        if not anchors or not _is_event(mk.tag):
            continue
        sent = sent_of.get(anchors[0], -1)
        if sent not in validated:
            continue
        mid = str(mk.get("m_id"))
        events.append(EcbMention(path.name, mid, mk.tag, sent, anchors,
                                 gold.get(mid, f"S:{path.name}:{mid}")))
    events.sort(key=lambda e: e.token_ids)
    return EcbDoc(path.name, topic, f"{topic}_{kind}", tokens, validated, tuple(events))


def read_validated(csv_path: Path) -> dict[str, frozenset[int]]:
    """Document name → validated sentence numbers."""
    out: dict[str, set[int]] = {}
    with csv_path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = f"{row['Topic'].strip()}_{row['File'].strip()}.xml"
            out.setdefault(name, set()).add(int(row["Sentence Number"]))
    return {k: frozenset(v) for k, v in out.items()}


def read_corpus(data: str | Path, topics: set[int] | None = None) -> list[EcbDoc]:
    """All documents (optionally of some topics) with their validated-sentence event mentions.

    ``data`` is the folder holding ``ECB+/`` and ``ECBplus_coreference_sentences.csv``.
    """
    base = Path(data)
    csv_path = base / "ECBplus_coreference_sentences.csv"
    corpus = base / "ECB+"
    if not csv_path.exists() or not corpus.is_dir():
        raise FileNotFoundError(f"{base} must hold ECB+/ and ECBplus_coreference_sentences.csv")
    validated = read_validated(csv_path)
    docs = []
    for path in sorted(corpus.glob("*/*.xml")):
        m = _DOC_NAME.match(path.name)
        if not m or (topics is not None and int(m.group(1)) not in topics):
            continue
        docs.append(read_doc(path, validated.get(path.name, frozenset())))
    return docs
