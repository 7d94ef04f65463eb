"""PLOVER type + mode (+ actor sectors) -> ACLED event type / sub-event type, and context.

ACLED's scope is political violence, demonstrations and some strategic
developments; verbal events (ACCUSE, REQUEST, ...) fall outside it and map to
``(None, None)``.  The learned event-type model (:mod:`dateline.extract.events.model`), where
the pipeline has one, reads each event's sentence and retypes or untypes the event
(:func:`type_with_model`).
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.extract.events.acled import ACLED_CODES
from dateline.extract.events.model import NONE, Prediction

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


_BATTLE_REMOTE_VAC = ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP",
                      "AIR_STRIKE", "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SEX_VIOL",
                      "ATTACK", "ABDUCT_DISSAP")
_DEMONSTRATIONS = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL")
#: PLOVER type -> the ACLED classes (CASE 2021 codes) the model may give an event of that type.
#: The model reads the sentence, which may report several events: an arrest in a sentence about
#: a protest stays an arrest, so each event takes the best class that fits its own PLOVER type.
MODEL_FITS: dict[str, tuple[str, ...]] = {
    "ASSAULT": _BATTLE_REMOTE_VAC + ("FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR",
                                     "MOB_VIOL", "PROPERTY_DISTRUCT"),
    "PROTEST": _DEMONSTRATIONS,
    "COERCE": ("ARREST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "PROPERTY_DISTRUCT", "ABDUCT_DISSAP",
               "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "OTHER", "GOV_REGAINS_TERIT",
               "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "HQ_ESTABLISHED"),
    "MOBILIZE": ("HQ_ESTABLISHED", "CHANGE_TO_GROUP_ACT", "OTHER"),
    "RETREAT": ("NON_VIOL_TERRIT_TRANSFER", "AGREEMENT", "CHANGE_TO_GROUP_ACT"),
    "AGREE": ("AGREEMENT",),
}
#: PLOVER types the coder maps to ACLED on its own; the model refines them with a lower bar.
_CORE = {"ASSAULT", "PROTEST", "COERCE"}
NONE_AT = 0.5  # P(NONE) from which a sentence reports no event (figurative, non-political, hypothetical)
SCOPE_AT = 0.65  # least P(any ACLED class) for an event to keep or take an ACLED type (set on ACLED dev rows)
CORE_AT = 0.15  # least probability of the best fitting class to retype an ASSAULT/PROTEST/COERCE event
OTHER_AT = 0.5  # ... to give an ACLED type to an event of another PLOVER type
CONFIRM_AT = 0.5  # the model confirms the event: the coder's trigger and the sentence agree


@dataclass(frozen=True, slots=True)
class ModelTyping:
    """The model's verdict for one event: its ACLED pair, and whether the sentence is no event."""

    acled: tuple[str | None, str | None]
    not_an_event: bool  # the model says NONE with confidence: figurative, non-political, hypothetical
    out_of_scope: bool  # NONE or a class outside ACLED (crime, disaster, diplomacy, attribution)
    confirmed: bool = False  # the model's best fitting class has probability >= CONFIRM_AT


def type_with_model(event_type: str, acled: tuple[str | None, str | None],
                    pred: Prediction | None) -> ModelTyping:
    """Combine the PLOVER mapping with the model's reading of the event's sentence.

    Is the sentence an ACLED-scope event at all: the ACLED classes together must reach
    ``SCOPE_AT``, else no ACLED type (and with P(NONE) >= ``NONE_AT`` the sentence is no event).
    Then the best class that fits the PLOVER type (:data:`MODEL_FITS`), where probable enough;
    else the mapping.
    """
    if pred is None:
        return ModelTyping(acled, False, False)
    p_none = pred.prob(NONE)
    p_scope = sum(pred.prob(c) for c in ACLED_CODES)
    if p_none >= NONE_AT or p_scope < SCOPE_AT:
        return ModelTyping((None, None), p_none >= NONE_AT, True)
    fits = MODEL_FITS.get(event_type)
    best = pred.best_of(fits) if fits else None
    if best is not None and best[1] >= (CORE_AT if event_type in _CORE else OTHER_AT):
        return ModelTyping(ACLED_CODES[best[0]], False, False, best[1] >= CONFIRM_AT)
    return ModelTyping(acled, False, False)


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
