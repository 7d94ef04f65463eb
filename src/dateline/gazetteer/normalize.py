"""Name normalisation shared by the gazetteer build script and run-time lookups.

Both sides must fold names the same way, so this is the one place that decides
what counts as "the same name": case, diacritics, apostrophes, dots and
hyphens are folded ("Al-Qa'im", "al Qaim" -> "al qaim"; "U.S." -> "us").
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[.'\u2019\u2018`\u02bc\u02bb\u00b4]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015,/()&]+")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|adh) ")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, collapse separators to one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_like = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_like = ascii_like.replace("ı", "i").replace("ß", "ss").replace("ø", "o").replace("đ", "d")
    ascii_like = _DROP.sub("", ascii_like.lower())
    return _SPACE.sub(" ", ascii_like).strip()


def name_keys(text: str, strip_article: bool = False) -> tuple[str, ...]:
    """Index keys for one name: the folded form, plus forms without 'the' and,
    where ``strip_article`` (Arabic-speaking countries), without al-/el-/ad-..."""
    key = fold(text)
    if not key:
        return ()
    keys = [key]
    if key.startswith("the ") and len(key) > 4:
        keys.append(key[4:])
    stripped = _ARABIC_ARTICLE.sub("", key) if strip_article else key
    if stripped != key and len(stripped) >= 3:
        keys.append(stripped)
    return tuple(dict.fromkeys(keys))
