"""ACLED's event and sub-event types and the CASE 2021 Task 2 codes that name them.

Labels are the CASE 2021 codes: 25 ACLED sub-event codes plus five classes
outside ACLED (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB),
for which ``event_type`` and ``sub_event_type`` are ``None``. The learned model that
assigns them is :mod:`dateline.extract.events.model` (it replaced a hand-written regular
expression lexicon; see docs/MODEL.md).
"""

from __future__ import annotations

from dataclasses import dataclass

#: CASE 2021 code -> (ACLED event type, ACLED sub-event type), ACLED's exact names.
ACLED_CODES: dict[str, tuple[str, str]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
}

#: Classes of CASE 2021 Task 2 that are outside ACLED's taxonomy.
OUT_OF_SCOPE_CODES: tuple[str, ...] = (
    "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
)

ALL_CODES: tuple[str, ...] = tuple(ACLED_CODES) + OUT_OF_SCOPE_CODES

@dataclass(frozen=True, slots=True)
class AcledLabel:
    """The class given to one snippet.

    ``label`` is a CASE 2021 code (see :data:`ALL_CODES`); ``event_type`` and
    ``sub_event_type`` are ACLED's names, ``None`` for out-of-ACLED classes.
    ``score`` is the model's probability of ``label``.
    """

    event_type: str | None
    sub_event_type: str | None
    label: str
    score: float


def label_for(code: str, score: float = 1.0) -> AcledLabel:
    """Build the :class:`AcledLabel` of a CASE 2021 code (raises on an unknown code)."""
    if code in ACLED_CODES:
        event_type, sub_event_type = ACLED_CODES[code]
        return AcledLabel(event_type, sub_event_type, code, score)
    if code in OUT_OF_SCOPE_CODES:
        return AcledLabel(None, None, code, score)
    raise ValueError(f"unknown ACLED/CASE 2021 code {code!r}; expected one of {ALL_CODES}")
