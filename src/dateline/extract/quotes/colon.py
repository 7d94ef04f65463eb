"""Colon introductions: "Cruz went even further: “…”" and a paragraph that ends
"… released the following statement:" with the statement in the next one.

PolNeAR marks such a clause's subject as the source and the clause up to the
colon as the cue, whatever the verb ("gave a back-handed compliment:",
"called them on it:"); the content is what follows the colon, in the same
paragraph or, where the colon ends it, the next paragraph.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract.actors import PERSON_ROLE_NOUNS
from dateline.extract.quotes.frames import PERSON_LABELS, Frame, cue_span, source_span, subject, trim

_SPEAKER_PRON = frozenset({"he", "she", "they", "we", "i", "it"})
_GROUPS = frozenset({"campaign", "party", "government", "ministry", "committee", "group", "protester",
                     "people", "voter", "supporter", "critic", "family", "company", "agency"})


def _speaker_like(tok: Token) -> bool:
    """A subject that can speak: a pronoun, a name, an organisation, a role
    ("the governor") or a group of people ("the protesters")."""
    if tok.lower_ in _SPEAKER_PRON or tok.lemma_.lower() in PERSON_ROLE_NOUNS | _GROUPS:
        return True
    return any(t.ent_type_ in PERSON_LABELS or t.pos_ == "PROPN" for t in tok.subtree)


def _governing_verb(colon: Token) -> Token | None:
    """The verb the colon closes: its head, or the verb above a noun head
    ("issued the following statement:"), left of the colon."""
    tok = colon.head
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") and tok.i < colon.i:
            return tok
        if tok.head is tok or tok.dep_ not in ("dobj", "pobj", "prep", "attr"):
            return None
        tok = tok.head
    return None


def colon_frames(doc: Doc, paras: list[tuple[int, int]], text: str) -> list[Frame]:
    """Frames for verb clauses closed by a colon (see the module doc)."""
    out: list[Frame] = []
    for n, (lo, hi) in enumerate(paras):
        line = text[lo:hi].rstrip()
        colon = line.rfind(":")
        if colon < 0:
            continue
        pos = lo + colon
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None:
            continue
        tok = span[0]
        verb = _governing_verb(tok)
        if verb is None:
            continue
        src = subject(verb)
        if src is None or not _speaker_like(src):
            continue
        if tok.idx + 1 >= lo + len(line):  # the colon ends the paragraph
            if n + 1 >= len(paras):
                continue
            start, end = trim(text, *paras[n + 1])
        else:
            start, end = trim(text, tok.idx + 1, hi)
        if end - start < 3 or len(text[start:end].split()) < 3:
            continue
        cue = (cue_span(verb)[0], tok.idx + 1)
        out.append(Frame(start, end, cue, src, source_span(src, lo, hi, text), 2))
    return out
