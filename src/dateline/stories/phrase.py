"""Human-readable one-line phrasing of a merged event for the brief's key facts.

"United States airstrikes killed 24 [2] / 25 [3] near Pentagon on Sun 29 Dec": who did
what to whom, where, when and how many, built only from the event's fields (actor and
recipient names, the coder's trigger words, place, date, casualty claims).  A trigger that
reads as a past-tense verb ("stormed") is used as the verb; a noun trigger ("airstrikes",
"drone strike") is the subject's head; otherwise a plain verb for the PLOVER type is used.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from dateline.stories.model import CanonicalEvent, Claim
from dateline.stories.timeline import claims_text

#: A plain past-tense verb phrase per PLOVER type, for when no trigger reads well.
TYPE_VERB: dict[str, str] = {
    "ASSAULT": "attacked", "COERCE": "used force against", "PROTEST": "protested against",
    "THREATEN": "threatened", "ACCUSE": "accused", "REQUEST": "called on", "DEMAND": "demanded",
    "MOBILIZE": "mobilized", "CONSULT": "met", "AGREE": "agreed with", "COOPERATE": "cooperated with",
    "AID": "aided", "SUPPORT": "supported", "REJECT": "rejected", "RETREAT": "withdrew",
    "SANCTION": "sanctioned", "DISAPPROVE": "criticized", "CONCEDE": "conceded to",
}

#: Types whose trigger words read as physical acts ("airstrikes", "stormed").
_PHYSICAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})

#: Irregular past-tense forms coders emit as triggers.
_IRREGULAR_PAST = frozenset("""
struck hit shot fought stole took seized met led held threw blew sent beat broke fled
set froze bit swept sought drove overran
""".split())


def short_date(iso: str | None, year: int | None = None) -> str | None:
    """'Sun 29 Dec' (with the year when it is not ``year``); None when unparseable."""
    if not iso:
        return None
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    text = f"{d:%a} {d.day} {d:%b}"
    return text if year is None or d.year == year else f"{text} {d.year}"


def _is_past_verb(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4)


def best_trigger(event: CanonicalEvent) -> str | None:
    """The trigger most mentions use, preferring those of specific (moded) mentions."""
    specific = [m.trigger for m in event.mentions if m.trigger and m.mode]
    pool = specific or [m.trigger for m in event.mentions if m.trigger]
    pool = [t.strip() for t in pool if t and len(t.split()) <= 3]  # long spans are parse noise
    if not pool:
        return None
    counts = Counter(t.lower() for t in pool)
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def roles(event: CanonicalEvent) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors and recipients with each name on one side only: the side more mentions
    put it on (coders sometimes swap roles in one mention)."""
    as_actor = Counter(n for m in event.mentions for n in m.actors)
    as_recipient = Counter(n for m in event.mentions for n in m.recipients)
    actors = tuple(n for n in event.actors if as_actor[n] >= as_recipient[n])
    recipients = tuple(n for n in event.recipients if as_recipient[n] > as_actor[n])
    return actors, recipients


def _join(names: tuple[str, ...], limit: int = 2) -> str:
    names = names[:limit]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _size(claims: tuple[Claim, ...], numbers: dict[str, int]) -> str | None:
    if not claims:
        return None
    return claims_text(claims, numbers)


def fact_sentence(event: CanonicalEvent, numbers: dict[str, int], year: int | None = None) -> str:
    """One readable line for ``event``: who did what to whom, where, when, size, certainty."""
    actors, recipients = roles(event)
    actor, target = _join(actors), _join(recipients)
    trig = best_trigger(event)
    dead = _size(event.dead, numbers)
    if event.event_type not in _PHYSICAL and event.event_type in TYPE_VERB:
        trig = None  # "vowed", "urged" need their complement: use the type's verb
    if trig and _is_past_verb(trig.split()[0]):
        core = f"{actor or 'Unidentified attackers'} {trig}" + (f" {target}" if target else "")
    elif trig:
        core = f"{actor} {trig}" if actor else trig[:1].upper() + trig[1:]
        if target and not dead:
            core += f" against {target}"
        if dead:
            core += f" killed {dead}"
            dead = None
    else:
        core = f"{actor or 'Unidentified actors'} {TYPE_VERB.get(event.event_type, 'acted against')}"
        core += f" {target}" if target else ""
    bits = [core]
    if event.location_name:
        bits.append(f"in {event.location_name}")
    when = short_date(event.date, year)
    if when and event.date and not event.historical and event.date_precision in ("year", "month"):
        d = date.fromisoformat(event.date[:10])
        bits.append(f"in {d.year}" if event.date_precision == "year" else f"in {d:%b %Y}")
    elif when and not event.historical:
        bits.append(f"on {when}")
    elif event.date and event.historical:
        bits.append(f"(background, {event.date[:4]})")
    line = " ".join(bits)
    extras = []
    if dead:
        extras.append(f"{dead} dead")
    if event.injured:
        extras.append(f"{_size(event.injured, numbers)} injured")
    if event.arrested:
        extras.append(f"{_size(event.arrested, numbers)} arrested")
    if not event.confirmed:
        how = sorted({(str(c.value)) for c in event.factuality})
        by = sorted({m.attributed_to for m in event.mentions if m.attributed_to})
        extras.append(", ".join(how) + (f" by {', '.join(by[:2])}" if by else "") + ", not confirmed")
    if extras:
        line += "; " + "; ".join(extras)
    return line
