"""How many were killed, injured or arrested: numbers attached to victims.

Reads the victim phrase of a casualty trigger ("killed 25 militia members",
"two people were arrested", "the death of an American contractor") and turns
digits or number words into integers.  Vague amounts ("scores", "dozens",
"many") give no number; their phrase is kept for ``size_text``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "half a dozen": 6, "a hundred": 100, "a couple": 2, "couple": 2,
    "a score": 20, "score": 20, "single": 1,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {"scores", "dozens", "hundreds", "thousands", "many", "several", "some", "numerous",
          "few", "countless", "multiple", "more", "lot", "lots", "tens", "a few"}
_SINGULAR_DET = {"a", "an", "one"}
_NUMBER_RE = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


def parse_number(text: str) -> int | None:
    """``"25"`` -> 25, ``"two"`` -> 2, ``"a dozen"`` -> 12, ``"3,000"`` -> 3000."""
    t = text.lower().strip().replace("-", " ")
    if _NUMBER_RE.match(t):
        return int(t.replace(",", ""))
    if t in _WORDS:
        return _WORDS[t]
    parts = t.split()
    total, current = 0, 0
    for p in parts:
        if p in ("and", "a"):
            continue
        if _NUMBER_RE.match(p):
            current += int(p.replace(",", ""))
        elif p in _SCALE:
            current = max(current, 1) * _SCALE[p]
            if _SCALE[p] >= 1000:
                total, current = total + current, 0
        elif p in _WORDS:
            current += _WORDS[p]
        else:
            return None
    value = total + current
    return value or None


def _nummod(noun: Token) -> tuple[int | None, str | None]:
    for c in noun.children:
        if c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in _VAGUE):
            words = [t for t in c.subtree if t.dep_ != "quantmod" or t.like_num]
            text = " ".join(t.text for t in words if t.like_num or t.lower_ in _WORDS)
            value = parse_number(text) if text else None
            if value is not None:
                return value, None
            return None, c.text
    return None, None


def victim_count(victim: Token) -> tuple[int | None, str | None]:
    """(exact count, vague phrase) for the victim phrase headed by ``victim``."""
    if victim.like_num:
        value = parse_number(victim.text)
        if value is not None:
            return value, None
    if victim.lower_ in _VAGUE:
        of = next((c for c in victim.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return None, victim.text + (" of " + next(
            (p.text for p in of.children if p.dep_ == "pobj"), "") if of is not None else "")
    value, vague = _nummod(victim)
    if value is not None or vague is not None:
        return value, vague
    if victim.tag_ in ("NN", "NNP") and any(
        c.dep_ == "det" and c.lower_ in _SINGULAR_DET for c in victim.children
    ):
        return 1, None
    return None, None
