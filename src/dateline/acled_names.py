"""ACLED's actor names for an incident's parties (the ACLED-style export and the ACLED scorer).

ACLED names state forces by country ("Military Forces of Mali", "Police Forces of Peru") and
crowds and unnamed groups by role and country ("Protesters (Spain)", "Rioters (Kenya)",
"Civilians (Brazil)", "Unidentified Armed Group (Nigeria)"); a named organisation keeps its own
name.  The country is the one where the incident happened (ACLED's convention for crowds), else
the actor's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pycountry

_ROLE = {"protesters": "Protesters", "civilians": "Civilians", "rebels": "Unidentified Armed Group",
         "militia": "Unidentified Armed Group"}
_PRONOUNS = frozenset({"it", "they", "them", "he", "she", "we", "who", "which", "those", "these"})
# (state sector, "Military Forces of" / "Police Forces of")
_STATE = {"military": "Military Forces of", "police": "Police Forces of", "government": "Government of"}


# ACLED's spelling where it differs from ISO 3166's short name
_ACLED_COUNTRY = {"CZ": "Czech Republic", "RU": "Russia", "TR": "Turkey", "SY": "Syria", "IR": "Iran",
                  "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine",
                  "KR": "South Korea", "KP": "North Korea", "VE": "Venezuela", "BO": "Bolivia",
                  "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "VN": "Vietnam", "CI": "Ivory Coast",
                  "MK": "North Macedonia", "GB": "United Kingdom", "US": "United States",
                  "TW": "Taiwan", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde",
                  "SZ": "eSwatini", "TL": "East Timor", "XK": "Kosovo"}


def country_name(code: str | None) -> str | None:
    """ACLED's English name for an ISO alpha-2 or alpha-3 code (``IQ``/``IRQ`` -> ``Iraq``)."""
    if not code:
        return None
    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    if c is None:
        return None
    if c.alpha_2 in _ACLED_COUNTRY:
        return _ACLED_COUNTRY[c.alpha_2]
    return str(getattr(c, "common_name", None) or c.name)


def acled_actor(actor: Mapping[str, Any] | None, event: Mapping[str, Any], role: str = "actor",
                country: str | None = None) -> str | None:
    """ACLED's name for one party of an incident (a contract dict); ``role`` is actor or recipient;
    ``country`` (ISO code) stands in where the incident has no located country."""
    loc = event.get("location") or {}
    where = country_name(loc.get("country") or country)
    if actor is None or str(actor.get("text", "")).lower() in _PRONOUNS:
        if role == "actor" and event.get("event_type") == "PROTEST":
            crowd = "Rioters" if event.get("mode") == "riot" else "Protesters"
            return f"{crowd} ({where})" if where else crowd
        if role == "actor" and event.get("event_type") == "ASSAULT":
            return f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"
        return None
    sector = actor.get("sector")
    own = country_name(actor.get("country"))
    if event.get("event_type") == "PROTEST" and role == "actor" and sector not in (
            "military", "police", "rebels", "militia", "country"):
        crowd = "Rioters" if event.get("mode") == "riot" else "Protesters"
        return f"{crowd} ({where or own})" if (where or own) else crowd
    if sector == "country" and event.get("event_type") in ("ASSAULT", "COERCE") and (own or where):
        return f"Military Forces of {own or where}"  # "Turkey shelled ...": its armed forces
    if sector in _STATE and (own or where):
        state = own if actor.get("name") and own else (where or own)
        return f"{_STATE[sector]} {state}"
    named = actor.get("name")
    if named and sector not in ("protesters", "civilians"):
        return str(named)
    if sector in _ROLE:
        label = _ROLE[sector]
        return f"{label} ({where or own})" if (where or own) else label
    return str(named or actor.get("text") or "") or None


def incident_summary(event: Mapping[str, Any]) -> str:
    """A one-line summary of an incident (a contract dict), for the ACLED-style export's notes:
    ``"On 2019-12-29, United States military: Air/drone strike on Kataib Hezbollah in Iraq. 25 killed."``"""
    actor = ", ".join(str(a.get("name") or a.get("text")) for a in (event.get("actor") or [])[:2])
    target = ", ".join(str(a.get("name") or a.get("text")) for a in (event.get("recipient") or [])[:2])
    what = event.get("acled_sub_event_type") or " ".join(
        x for x in (str(event.get("event_type") or "").lower(), event.get("mode")) if x)
    loc = event.get("location") or {}
    where = ", ".join(dict.fromkeys(str(x) for x in (loc.get("name"), country_name(loc.get("country"))) if x))
    parts = [f"On {event['date']}, " if event.get("date") else "", f"{actor}: " if actor else "", what]
    if target:
        parts.append(f" on {target}")
    if where:
        parts.append(f" in {where}")
    line = "".join(parts).strip() + "."
    tolls = [f"{event[k]} {w}" for k, w in (("dead", "killed"), ("injured", "injured"), ("arrested", "arrested"))
             if event.get(k) is not None]
    if tolls:
        line += " " + ", ".join(tolls) + "."
    if event.get("factuality") not in (None, "asserted"):
        line += f" ({event['factuality']}" + (f" by {event['attributed_to']}" if event.get("attributed_to") else "") + ")"
    return line
