"""Hand-written classes of event words that news reports use for one happening.

General English news vocabulary written for this project (not taken from any
data set): words in one class may name the same event ("killed" / "murder" /
"death"), so coreference treats them like one lemma and lets context decide.
"""

from __future__ import annotations

from dateline.stories.text import stem

EVENT_WORD_CLASSES: tuple[tuple[str, ...], ...] = (
    ("kill", "murder", "slay", "slaying", "killing", "homicide", "death", "dead", "die", "dies",
     "fatal", "assassinate", "assassination", "execute", "execution", "massacre", "manslaughter",
     "perish", "fatality"),
    ("earthquake", "quake", "temblor", "tremor", "shake", "aftershock"),
    ("shoot", "shooting", "shot", "gunfire", "gun", "fire_upon", "gunshot", "open_fire",
     "rampage", "spree", "gunman"),
    ("fire", "blaze", "inferno", "burn", "flame", "arson"),
    ("arrest", "detain", "detention", "custody", "apprehend", "capture", "nab", "seize", "jail",
     "re-arrest", "rearrest"),
    ("charge", "accuse", "indict", "indictment", "prosecute", "allegation"),
    ("convict", "conviction", "guilty", "sentence", "verdict"),
    ("win", "victory", "beat", "defeat", "triumph", "clinch", "lose", "loss", "rout"),
    ("acquire", "acquisition", "buy", "purchase", "takeover", "deal", "merger", "merge"),
    ("announce", "announcement", "unveil", "introduce", "launch", "release", "debut", "reveal",
     "issue", "present"),
    ("hire", "appoint", "appointment", "name", "tap", "choose", "select", "pick", "nominate",
     "nomination"),
    ("resign", "resignation", "quit", "step_down", "leave", "depart", "departure", "retire"),
    ("fire_dismiss", "dismiss", "sack", "oust", "remove", "dismissal", "layoff", "lay_off", "cut"),
    ("attack", "assault", "strike", "raid", "bombing", "bomb", "blast", "explosion", "explode",
     "airstrike", "shell", "shelling", "hit"),
    ("injure", "injury", "wound", "hurt", "injured"),
    ("rescue", "save", "evacuate", "evacuation"),
    ("crash", "collision", "collide", "accident", "wreck"),
    ("flee", "escape", "evade", "breakout", "abscond"),
    ("rob", "robbery", "heist", "steal", "theft", "snatch", "burglary", "loot", "looting"),
    ("stop", "stoppage", "halt", "suspend", "suspension"),
    ("protest", "demonstration", "rally", "march", "demonstrate"),
    ("meet", "meeting", "talk", "summit", "visit", "negotiate", "negotiation"),
    ("sign", "agreement", "accord", "treaty"),
    ("enter", "check", "admit", "admission", "rehab", "rehabilitation", "treatment", "stint"),
    ("host", "emcee", "present_show"),
    ("sink", "capsize", "founder"),
    ("hijack", "hijacking", "seizure"),
    ("discover", "find", "discovery", "uncover", "locate"),
    ("suicide", "hang", "overdose"),
    ("damage", "sever", "break", "destroy", "destruction", "devastate", "devastation"),
    ("outage", "downtime", "disruption", "failure", "blackout"),
    ("record", "mark", "milestone"),
    ("elect", "election", "vote", "poll"),
    ("investigate", "investigation", "probe", "inquiry"),
)


def word_key(word: str) -> str:
    """Inflection- and derivation-light key: "negotiation"/"negotiated" → "negotiat"."""
    s = stem(word)
    for suf in ("ation", "ion", "ment"):
        if s.endswith(suf) and len(s) - len(suf) >= 4:
            s = s[: -len(suf)]
            break
    s = s.rstrip("e") if len(s) > 4 else s
    if len(s) > 3 and s[-1] == s[-2] and s[-1] not in "aeiouls":
        s = s[:-1]  # "robb" (robbed) → "rob", "stopp" (stopped) → "stop"
    return s


def _build() -> dict[str, str]:
    out: dict[str, str] = {}
    for cls in EVENT_WORD_CLASSES:
        for w in cls:
            out.setdefault(w, cls[0])
    for cls in EVENT_WORD_CLASSES:
        for w in cls:
            out.setdefault(word_key(w), cls[0])
    return out


WORD_CLASS: dict[str, str] = _build()


def event_class(lemma: str) -> str:
    """The event-word class of a lemma, else its word key (so "shooting" and "shoot" meet)."""
    key = word_key(lemma)
    return WORD_CLASS.get(lemma) or WORD_CLASS.get(key) or key
