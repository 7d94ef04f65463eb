"""Map gold character spans of a data set's raw text onto the product's cleaned text.

The product's offsets refer to ``article.text`` of its record: the text after
decoding, mojibake repair and cleaning (spaces collapsed, debris and repeated
lines dropped, paragraphs joined by a blank line).  Gold offsets refer to the
data set's own text.  :class:`Alignment` is built once per document and maps
a gold span onto the cleaned text; a span whose every non-space character was
removed by cleaning maps to ``None`` and is scored as a miss (the user never
sees that text).

The alignment runs :class:`difflib.SequenceMatcher` on whitespace-separated
words (fast, and unambiguous on news text), then on characters inside the
few word blocks that differ (a repaired character, a glued bullet); only
non-space characters are mapped.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")


class Alignment:
    """Character map from a ``source`` text (the gold file's) to a ``target`` (the record's)."""

    __slots__ = ("_map", "identical", "source", "target")

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target
        self.identical = source == target
        self._map: list[int] = [] if self.identical else self._build(source, target)

    @staticmethod
    def _build(source: str, target: str) -> list[int]:
        out = [-1] * len(source)
        sw = [(m.start(), m.end()) for m in _WORD.finditer(source)]
        tw = [(m.start(), m.end()) for m in _WORD.finditer(target)]
        words = SequenceMatcher(None, [source[s:e] for s, e in sw], [target[s:e] for s, e in tw],
                                autojunk=False)
        for tag, i1, i2, j1, j2 in words.get_opcodes():
            if tag == "equal":
                for (s, e), (t, _) in zip(sw[i1:i2], tw[j1:j2], strict=True):
                    for k in range(e - s):
                        out[s + k] = t + k
            elif tag == "replace":
                s0, s1, t0, t1 = sw[i1][0], sw[i2 - 1][1], tw[j1][0], tw[j2 - 1][1]
                chars = SequenceMatcher(None, source[s0:s1], target[t0:t1], autojunk=False)
                for ctag, a1, a2, b1, b2 in chars.get_opcodes():
                    if ctag == "equal" or (ctag == "replace" and a2 - a1 == b2 - b1):
                        for k in range(a2 - a1):
                            out[s0 + a1 + k] = t0 + b1 + k
                    elif ctag == "replace":  # "â€™" → "’": spread over the replacement
                        for k in range(a2 - a1):
                            out[s0 + a1 + k] = t0 + b1 + k * (b2 - b1) // (a2 - a1)
            # "delete": removed by cleaning, stays -1; "insert": nothing in the source
        for i, ch in enumerate(source):
            if ch.isspace():
                out[i] = -1
        return out

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """``(start, end)`` of the gold span in the target, or None when cleaning removed it."""
        if self.identical:
            return (start, end) if start < end else None
        kept = [self._map[i] for i in range(max(start, 0), min(end, len(self._map))) if self._map[i] >= 0]
        if not kept:
            return None
        return min(kept), max(kept) + 1

    def spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
        return [self.span(s, e) for s, e in spans]


def align(source: str, target: str) -> Alignment:
    """The alignment of one document (build it once, map all its gold spans through it)."""
    return Alignment(source, target)
