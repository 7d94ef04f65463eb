"""PLOVER type + mode (+ actor sectors) -> ACLED event type / sub-event type, and context.

ACLED's scope is political violence, demonstrations and some strategic
developments; verbal events (ACCUSE, REQUEST, ...) fall outside it and map to
``(None, None)``.  Where the sibling ACLED snippet classifier
(``dateline.extract.acled.classify_acled``) exists, the coder may use it to
refine ASSAULT / PROTEST / COERCE events (see :func:`refine_with_classifier`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_ARMED = {"military", "police", "militia", "rebels", "armed group", "insurgent", "terrorist"}
_ASSAULT_MODE: dict[str, tuple[str, str]] = {
    "aerial": (REMOTE, "Air/drone strike"),
    "drone": (REMOTE, "Air/drone strike"),
    "heavy-weapons": (REMOTE, "Shelling/artillery/missile attack"),
    "explosives": (REMOTE, "Remote explosive/landmine/IED"),
    "suicide-attack": (REMOTE, "Suicide bomb"),
    "unconventional": (REMOTE, "Chemical weapon"),
    "sexual": (VAC, "Sexual violence"),
    "abduct": (VAC, "Abduction/forced disappearance"),
    "crowd-control": (PROTESTS, "Protest with intervention"),
    "destroy": (STRATEGIC, "Looting/property destruction"),
}
_OUT_OF_SCOPE = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}

ClassifyFn = Callable[[str], object]
AcledReading = tuple[str | None, str | None, str]


def as_reading(result: object) -> AcledReading | None:
    """Normalize the classifier's answer (a 3-tuple or an object with fields)."""
    if isinstance(result, tuple) and len(result) == 3:
        return (result[0], result[1], str(result[2]))
    label = getattr(result, "label", None)
    if label is None:
        return None
    if getattr(result, "score", 1.0) == 0.0:
        return None  # no trigger matched: the classifier's ARMED_CLASH fallback is not a reading
    return (getattr(result, "event_type", None), getattr(result, "sub_event_type", None),
            str(label))


def acled_for(event_type: str, mode: str | None, actor_sectors: set[str | None],
              recipient_sectors: set[str | None], trigger: str = "", dead: int | None = None,
              ) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type) for a coded event, or (None, None)."""
    if event_type == "ASSAULT":
        if mode in _ASSAULT_MODE:
            acled = _ASSAULT_MODE[mode]
            if mode == "explosives" and "grenade" in trigger.lower():
                return REMOTE, "Grenade"
            if mode == "crowd-control" and dead:
                return PROTESTS, "Excessive force against protesters"
            return acled
        if "protesters" in recipient_sectors and actor_sectors & _ARMED:
            return PROTESTS, "Excessive force against protesters"
        if (recipient_sectors & _ARMED) or ({"clash", "fight", "battle", "fighting", "gunbattle"}
                                            & {trigger.lower()}):
            return BATTLES, "Armed clash"
        if mode in ("firearms", "primitive", "beat", "targeted", "torture", "massacre", None):
            return VAC, "Attack"
        return VAC, "Attack"
    if event_type == "PROTEST":
        if mode in ("riot", "vandalize"):
            return RIOTS, "Violent demonstration"
        return PROTESTS, "Peaceful protest"
    if event_type == "COERCE":
        if mode == "arrest":
            return STRATEGIC, "Arrests"
        if mode == "seize":
            return STRATEGIC, "Looting/property destruction"
        if "protesters" in recipient_sectors:
            return PROTESTS, "Protest with intervention"
        return None, None
    if event_type == "RETREAT" and mode == "withdraw":
        return STRATEGIC, "Non-violent transfer of territory"
    if event_type in ("AGREE", "RETREAT") and mode in ("ceasefire", "release"):
        return STRATEGIC, "Agreement"
    return None, None


@lru_cache(maxsize=1)
def acled_classifier() -> ClassifyFn | None:
    """The sibling snippet classifier, if that module is installed."""
    try:
        module = importlib.import_module("dateline.extract.events.acled")
    except ImportError:
        return None
    fn = getattr(module, "classify_acled", None)
    return fn if callable(fn) else None


def refine_with_classifier(event_type: str, acled: tuple[str | None, str | None],
                           label: AcledReading | None,
                           ) -> tuple[tuple[str | None, str | None], bool]:
    """Combine our mapping with the snippet classifier's reading of the sentence.

    Returns the ACLED pair to use and whether the snippet looks out of ACLED's
    conflict scope (crime, disaster, accident): such events keep their PLOVER
    type but lose the forced ACLED class.
    """
    if label is None or event_type not in ("ASSAULT", "PROTEST", "COERCE"):
        return acled, False
    c_type, c_sub, c_label = label
    if c_label in _OUT_OF_SCOPE and c_label != "DIPLO":
        return (None, None), True
    if c_type is None or c_sub is None:
        return acled, False
    # only let the classifier move an event within the same broad family
    same_family = {
        "ASSAULT": {BATTLES, REMOTE, VAC, STRATEGIC, PROTESTS},
        "PROTEST": {PROTESTS, RIOTS},
        "COERCE": {STRATEGIC, PROTESTS, VAC},
    }[event_type]
    if c_type in same_family and (acled[0] is None or acled[1] in (None, "Attack", "Armed clash",
                                                                     "Peaceful protest")):
        return (c_type, c_sub), False
    return acled, False


_CONTEXT_WORDS = {
    "terror": "terrorism", "terrorist": "terrorism", "election": "election", "vote": "election",
    "refugee": "migration", "migrant": "migration", "asylum": "asylum", "sanction": "economic",
    "trade": "economic", "economy": "economic", "human rights": "human_rights",
    "court": "legal", "judge": "legal", "corruption": "corruption", "drug": "illegal_drugs",
    "nuclear": "cbrn", "chemical": "cbrn", "hacker": "cyber", "cyber": "cyber",
    "religious": "religion_ethnicity", "ethnic": "religion_ethnicity", "mosque": "religion_ethnicity",
    "temple": "religion_ethnicity", "church": "religion_ethnicity", "diplomat": "diplomatic",
    "embassy": "diplomatic", "ambassador": "diplomatic", "parliament": "legislative",
    "health": "health", "epidemic": "health", "flood": "disasters", "earthquake": "disasters",
}


def contexts_for(event_type: str, mode: str | None, sentence: str,
                 sectors: set[str | None]) -> tuple[str, ...]:
    """PLOVER context names suggested by the sentence's words and actor sectors."""
    low = sentence.lower()
    out: list[str] = []
    if "military" in sectors:
        out.append("military")
    if event_type in ("COERCE",) and mode in ("arrest", "curfew", "martial-law", "restrict", "ban",
                                              "censor", None) and ({"police", "government",
                                                                    "military"} & sectors):
        out.append("repression")
    if mode == "crowd-control":
        out.append("repression")
    for word, ctx in _CONTEXT_WORDS.items():
        if word in low and ctx not in out:
            out.append(ctx)
    return tuple(out[:3])
