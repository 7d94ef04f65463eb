"""The event coder's lexicons, loaded once from ``dateline/data/events/*.yaml``.

The trigger lexicon maps verb and noun lemmas (and two-word head/dependent
phrases) to a PLOVER sense: type, mode, CAMEO code and the casualty slot the
trigger fills.  Sectors for head nouns and countries for demonyms come from the
actors capability's tables (``data/actors``), the one home of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from dateline.extract.actors import demonym_table, sector_table
from dateline.records import PLOVER_TYPES

_DATA_PACKAGE = "dateline.data.events"


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger means: PLOVER type and mode, CAMEO code, casualty slot."""

    event_type: str
    mode: str | None
    cameo: str | None
    count: str | None = None  # dead | injured | arrested


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All lookup tables of the event coder (read-only after loading)."""

    verbs: dict[str, Sense]
    nouns: dict[str, Sense]
    phrases: dict[tuple[str, str], Sense]  # (head lemma, dependent lemma)
    armed_actor: dict[str, Sense]
    weapons: dict[str, tuple[str, str]]  # lemma -> (mode, cameo)
    sectors: dict[str, str]
    demonyms: dict[str, str]
    # phrases whose written order puts the dependent first ("on strike"): a
    # preposition must then precede its head in the text ("struck ... on Friday" is no strike)
    dependent_first: frozenset[tuple[str, str]] = frozenset()


def parse_sense(spec: str) -> Sense:
    """Parse ``"TYPE mode cameo [count]"`` (mode ``-`` = none)."""
    parts = spec.split()
    if len(parts) < 3 or parts[0] not in PLOVER_TYPES:
        raise ValueError(f"bad trigger sense {spec!r}: want 'TYPE mode cameo [count]'")
    mode = None if parts[1] == "-" else parts[1]
    count = parts[3] if len(parts) > 3 else None
    if count not in (None, "dead", "injured", "arrested"):
        raise ValueError(f"bad casualty slot in {spec!r}")
    return Sense(parts[0], mode, parts[2], count)


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at top level")
    return data


def _phrase_table(raw: dict[str, str]) -> dict[tuple[str, str], Sense]:
    """Two-word phrases, indexed both ways round (head first or modifier first)."""
    table: dict[tuple[str, str], Sense] = {}
    for phrase, spec in raw.items():
        words = phrase.split()
        if len(words) != 2:
            raise ValueError(f"phrase {phrase!r} must have two words")
        sense = parse_sense(spec)
        a, b = words
        table.setdefault((a, b), sense)
        table.setdefault((b, a), sense)
    return table


_PREPOSITIONS = {"on", "in", "at", "into", "under", "off", "out", "up", "down", "over"}


def _dependent_first(raw: dict[str, str]) -> frozenset[tuple[str, str]]:
    """(head, dependent) keys of phrases written preposition first ("on strike")."""
    out: set[tuple[str, str]] = set()
    for phrase in raw:
        a, b = phrase.split()
        if a in _PREPOSITIONS:
            out.add((b, a))
    return frozenset(out)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate the packaged lexicons (cached: one copy per process)."""
    trig = _read_yaml("triggers.yaml")
    armed: dict[str, Sense] = {}
    for key, spec in trig.get("armed_actor", {}).items():
        armed[key] = parse_sense(spec)
    weapons: dict[str, tuple[str, str]] = {}
    for key, spec in trig.get("weapons", {}).items():
        mode, cameo = str(spec).split()
        weapons[key] = (mode, cameo)
    return Lexicon(
        verbs={k: parse_sense(v) for k, v in trig["verbs"].items()},
        nouns={k: parse_sense(v) for k, v in trig["nouns"].items()},
        phrases=_phrase_table(trig["phrases"]),
        dependent_first=_dependent_first(trig["phrases"]),
        armed_actor=armed,
        weapons=weapons,
        sectors=sector_table(),
        demonyms=demonym_table(),
    )
