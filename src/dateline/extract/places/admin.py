"""Administrative patterns: a place named with the units it lies in.

Reports (and coders' summaries) name a small place together with its district
and province: "Saakow (Middle Juba)", "Rish Khor-e Bala area of Chahar Asyab
district, Kabul", "near Salagle town in Saakow district", "Stepova Dolyna,
Mykolaiv region", "Hukam Qala village of Giro district".  The units narrow the
small place's candidates (a "Tripoli" qualified by "North Lebanon" is not in
Libya), and a place the gazetteer lacks is placed at its most specific unit.

``find_groups`` returns, for such a pattern, the spans of the place and of its
qualifiers (most specific first); ``consistent`` says whether a candidate lies
inside a qualifier's reading.  Qualifiers in parentheses or carrying a unit
word ("Giro district") describe the place before them and are not reported as
places of their own; a bare comma qualifier ("Portland, Oregon") is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.gazetteer.index import GazEntry, haversine_km
from dateline.gazetteer.normalize import fold

_NAME = r"[A-Z][\w'\u2019\u2018`\-]*(?:[ \-](?:(?:al|el|de|del|da|do|dos|la|le|e|i|y|wa|bin|ibn|of)[ \-])?[A-Z0-9][\w'\u2019`\-]*){0,5}"
PLACE_WORDS = ("town|city|village|villages|area|areas|locality|neighbourhood|neighborhood|suburb|camp|hamlet|"
               "settlement|kebele|market|IDP camp")
UNIT_WORDS = ("district|districts|region|province|governorate|county|municipality|prefecture|state|oblast|"
              "raion|woreda|zone|department|commune|sub-district|subdistrict|division|tehsil|territory|"
              "sector|chiefdom|LGA|LGA area")
_UNIT_RE = re.compile(rf"\s+(?:{UNIT_WORDS})$", re.I)
# "X (Y, Z)" / "X town (Y, Z)"
_PAREN = re.compile(rf"(?P<x>{_NAME})(?:\s+(?:{PLACE_WORDS}))?\s*\((?P<q>[^()\[\]\n]{{2,120}})\)")
# "X area of Y district, Z" / "X village in the Y region" / "near X town in Y"
_OF = re.compile(
    rf"(?P<x>{_NAME})\s+(?:{PLACE_WORDS})\s+(?:of|in|near)\s+(?:the\s+)?(?P<y>{_NAME}(?:\s+(?:{UNIT_WORDS}))?)"
    rf"(?:\s*,\s*(?:in\s+)?(?:the\s+)?(?P<z>{_NAME}(?:\s+(?:{UNIT_WORDS}))?))?")
# "X, Y region" / "X in Y district" (a unit word makes Y a qualifier)
_COMMA = re.compile(
    rf"(?P<x>{_NAME})(?:\s+(?:{PLACE_WORDS}))?(?:\s*,\s*|\s+in\s+(?:the\s+)?)(?P<y>{_NAME}\s+(?:{UNIT_WORDS}))\b"
    rf"(?:\s*,\s*(?P<z>{_NAME}(?:\s+(?:{UNIT_WORDS}))?))?")
# "in Frontera, Coahuila" / "in Chervone, Donetsk": a bare second name after a locative place
_BARE = re.compile(rf"\b(?:in|near|outside|of)\s+(?P<x>{_NAME})\s*,\s*(?P<y>{_NAME})(?=\s*[.;:)]|\s*,|\s+(?:on|in|at|and|as|after|where|when|to|for|against|while)\b|$)")
_SKIP_QUAL = re.compile(r"^(?:coded|unknown|near|between|and|or|size|possibly|GP\d)", re.I)
_NOT_PLACE = frozenset(
    "on in at of the a an and or near between during after before since as by for with from to".split())


@dataclass(frozen=True, slots=True)
class Group:
    """One place span and its qualifier spans, most specific first; ``drop`` the qualifiers
    that only describe it (in parentheses or with a unit word)."""

    place: tuple[int, int]
    quals: tuple[tuple[int, int], ...]
    drop: tuple[tuple[int, int], ...]
    strict: bool = True  # False: "X, Y" with a bare Y narrows X only if Y reads as a unit


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, a leading "the" and a trailing unit word's whitespace from a span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[start:end].lower().startswith("the "):
        start += 4
    return start, end


def _first_name(text: str, start: int) -> int:
    """Skip a sentence-initial or function word that the name pattern swallowed ("On", "In")."""
    m = re.match(r"(?:On|In|At|Near|The|From|Of)\s+", text[start:])
    return start + m.end() if m else start


def find_groups(text: str) -> list[Group]:
    """Administrative patterns in ``text`` (see the module docstring)."""
    out: list[Group] = []
    for m in _PAREN.finditer(text):
        x = (_first_name(text, m.start("x")), m.end("x"))
        quals: list[tuple[int, int]] = []
        offset = m.start("q")
        for part in m.group("q").split(","):
            s, e = _strip(text, offset, offset + len(part))
            offset += len(part) + 1
            piece = text[s:e]
            if not piece or not piece[:1].isupper() or _SKIP_QUAL.match(piece) or any(ch.isdigit() for ch in piece):
                continue
            quals.append((s, e))
        if quals and fold(text[x[0]:x[1]]) not in _NOT_PLACE:
            out.append(Group(x, tuple(quals), tuple(quals)))
    for m in _BARE.finditer(text):
        x = (_first_name(text, m.start("x")), m.end("x"))
        if fold(text[x[0]:x[1]]) not in _NOT_PLACE:
            out.append(Group(x, ((m.start("y"), m.end("y")),), (), strict=False))
    for rx in (_OF, _COMMA):
        for m in rx.finditer(text):
            x = (_first_name(text, m.start("x")), m.end("x"))
            quals = [(m.start(g), m.end(g)) for g in ("y", "z") if m.group(g)]
            drop = tuple(q for q in quals if _UNIT_RE.search(text[q[0]:q[1]]))
            if fold(text[x[0]:x[1]]) not in _NOT_PLACE:
                out.append(Group(x, tuple(quals), drop))
    return out


def unit_name(surface: str) -> tuple[str, str | None]:
    """A qualifier without its unit word, and the feature that word asks for."""
    m = _UNIT_RE.search(surface)
    if m is None:
        return surface, None
    word = m.group(0).strip().lower()
    want = "admin1" if word in ("region", "province", "governorate", "state", "oblast", "territory") else "admin2"
    return surface[: m.start()], want


_UNIT_TAIL = re.compile(r"\s+(?:region|province|governorate|oblast|state|district|county|department|prefecture)$")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash)\s+")


def _unit_key(name: str) -> str:
    """A unit's name compared across sources: "Kharkiv region" ~ "Kharkiv", "Al Anbar" ~ "Anbar"."""
    return _ARTICLE.sub("", _UNIT_TAIL.sub("", fold(name)))


def _same_unit(a: str | None, b: str | None) -> bool | None:
    """Whether two unit names agree (one may lengthen the other); None when one is unknown."""
    if not a or not b:
        return None
    ka, kb = _unit_key(a), _unit_key(b)
    return ka == kb or ka.startswith(kb + " ") or kb.startswith(ka + " ")


def consistent(entry: GazEntry, qual: GazEntry, loose: bool = False) -> bool:
    """Whether ``entry`` can lie inside (or at) the qualifier's reading ``qual``.

    Units compare by name where both are known (a place just over a boundary, within
    60 km, still passes: sources draw boundaries differently), else by distance.
    ``loose``: a bare "X, Y" where Y is a town standing for its province ("Kyselivka,
    Kherson").
    """
    if qual.country and entry.country and qual.country != entry.country:
        return False
    if qual.feature == "country":
        return True
    d = haversine_km(entry.lat, entry.lon, qual.lat, qual.lon)
    if qual.feature == "admin1":
        same = _same_unit(entry.admin1, qual.admin1 or qual.name)
        return d <= 250.0 if same is None else (same or d <= 60.0)
    if qual.feature == "admin2":
        same = _same_unit(entry.admin2, qual.admin2 or qual.name)
        return d <= 80.0 if same is None else (same or d <= 30.0)
    if qual.feature in ("city", "site"):
        return d <= (200.0 if loose else 80.0)  # a district named after its town
    return d <= 600.0  # a region
