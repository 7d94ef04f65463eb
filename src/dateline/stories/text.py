"""Plain-text helpers for stories: terms for content vectors, sentences for citations.

Stdlib only, so that clustering works on records without loading spaCy.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")

STOP_WORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves said says say told according would could may might
one two three new last first year years week day days monday tuesday wednesday thursday friday
saturday sunday mr mrs ms us via per since among amid including
""".split())


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching names written differently."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower().strip()


def content_terms(text: str, max_terms: int | None = None) -> list[str]:
    """Content words of ``text``: folded, stop words and 1-2 letter words dropped.

    A light suffix trim ("attacks" → "attack") lets inflected forms share a term.
    """
    out: list[str] = []
    for m in _WORD.finditer(text):
        w = fold(m.group(0)).strip("'’-")
        if len(w) < 3 or w in STOP_WORDS:
            continue
        out.append(stem(w))
        if max_terms is not None and len(out) >= max_terms:
            break
    return out


def stem(word: str) -> str:
    """A deliberately small English suffix trimmer (not Porter: predictable and fast)."""
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            base = word[: len(word) - len(suf)] + rep
            if suf == "s" and word.endswith(("ss", "us", "is")):
                return word
            return base
    return word


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) character spans of ``text``: a regex splitter on . ! ? and newlines."""
    bounds: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENT_END.finditer(para.group(0)):
            end = para.start() + m.start()
            if end > start:
                bounds.append((start, end))
            start = para.start() + m.end()
        if para.end() > start:
            bounds.append((start, para.end()))
    return bounds


def sentence_around(text: str, start: int | None, end: int | None,
                    bounds: list[tuple[int, int]] | None = None) -> tuple[str, int | None, int | None]:
    """The sentence(s) of ``text`` covering [start, end), stripped, with its offsets.

    With no offsets, returns ("", None, None): a citation without a sentence is
    shown as a bare source number, never invented.
    """
    if start is None or not text:
        return "", None, None
    end = start if end is None else end
    spans = bounds if bounds is not None else sentence_bounds(text)
    s0, e0 = start, max(end, start)
    for s, e in spans:
        if s <= start < e or (s < end <= e):
            s0, e0 = min(s0, s), max(e0, e)
    s0, e0 = max(0, s0), min(len(text), e0)
    chunk = text[s0:e0]
    lead = len(chunk) - len(chunk.lstrip())
    return chunk.strip(), s0 + lead, s0 + lead + len(chunk.strip())
