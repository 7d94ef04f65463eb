"""ACLED sub-event classification of a news snippet or event sentence.

A weighted trigger lexicon written from ACLED's codebook definitions
(``data/acled/lexicon.yaml``): every class owns regular-expression rules with
a weight, optionally gated by a co-occurring pattern (``with``) or an
excluding one (``without``).  A snippet's score for a class is the sum of the
weights of its rules that match; a match in the lead sentence counts in full
and a later match counts ``tail_factor`` of it, because the lead of a report
names the main event while later sentences give background.  The class with
the highest score wins.

Why rules and not a trained model: the only labelled data we may use here is
the CASE 2021 Task 2 test half (no licence to redistribute a model learnt
from it), the runtime must need no ML library and be fast (about 0.1-0.2 ms a call), and
a lexicon is readable and reviewable by analysts.

Labels are the CASE 2021 codes: 25 ACLED sub-event codes plus five classes
outside ACLED (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB),
for which ``event_type`` and ``sub_event_type`` are ``None``.
"""

from __future__ import annotations

import re
import re._parser as _re_parser  # the stdlib's own pattern parser, for the prefilter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span

LEXICON_VERSION_KEY = "version"

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

_LEAD_END = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z\"'(])")
# A clause giving the cause or history of the reported event ("in response
# to a chemical attack", "days after ...") is background, not the event coded.
_BACKGROUND = re.compile(
    r"\b(?:in (?:response|retaliation|reaction|revenge) (?:to|for)"
    r"|(?:a|one|two|three|\w+) (?:days?|weeks?|months?) (?:after|before|earlier)"
    r"|(?:days?|weeks?|months?|years?) after|the previous day|last (?:week|month|year)'s"
    r"|since|following (?:the |an? |his |her |their ))\b[^.;]*"
)


@dataclass(frozen=True, slots=True)
class AcledLabel:
    """The class given to one snippet.

    ``label`` is a CASE 2021 code (see :data:`ALL_CODES`); ``event_type`` and
    ``sub_event_type`` are ACLED's names, ``None`` for out-of-ACLED classes.
    ``score`` in [0, 1) is a margin confidence, ``top / (top + second + 1)``
    over the class scores; 0.0 means no trigger matched and ``label`` is the
    fallback class.
    """

    event_type: str | None
    sub_event_type: str | None
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class _Rule:
    code: str
    pattern: re.Pattern[str]
    weight: float
    with_: re.Pattern[str] | None
    without: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    version: str
    fallback: str
    tail_factor: float
    rules: tuple[_Rule, ...]
    # Prefilter: word prefix (1-4 chars) -> indices of the rules that can only
    # match where a word starts with it; ``always`` rules have no such prefix.
    by_prefix: dict[str, frozenset[int]]
    always: frozenset[int]
    # Memo: a word's first _KEY_LEN characters -> the rules its prefixes select.
    word_rules: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)


_KEY_LEN = 4
_WORD = re.compile(r"[a-z0-9]+")


def _is_key_char(code: int) -> bool:
    return chr(code).isascii() and chr(code).isalnum() and not chr(code).isupper()


def _literal_prefixes(items: Iterable[tuple[Any, Any]], bounded: bool = False) -> set[str] | None:
    """Literal word-start prefixes every match of a parsed pattern begins with.

    ``None`` when the pattern can start otherwise (a character class, an
    optional part, no ``\\b`` before the first literal): such a rule always runs.
    Returning a shorter prefix than possible is always safe.
    """
    prefix = ""
    for op, av in items:
        name = str(op)
        if prefix:
            if len(prefix) >= _KEY_LEN:
                return {prefix}
            if name == "LITERAL" and _is_key_char(av):
                prefix += chr(av)
                continue
            return {prefix + tail for tail in _continuations(name, av)}
        if name == "AT":
            bounded = bounded or str(av) == "AT_BOUNDARY"
        elif name in ("ASSERT", "ASSERT_NOT"):
            continue  # zero-width; ignoring it only widens the filter
        elif name == "LITERAL" and bounded and _is_key_char(av):
            prefix = chr(av)
        elif name == "SUBPATTERN":
            return _literal_prefixes(av[-1], bounded)
        elif name == "BRANCH":
            found: set[str] = set()
            for branch in av[1]:
                sub = _literal_prefixes(branch, bounded)
                if sub is None:
                    return None
                found |= sub
            return found
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            return _literal_prefixes(av[2], bounded)
        else:
            return None
    return {prefix} if prefix else None


def _continuations(name: str, av: Any) -> set[str]:
    """How a started literal word prefix may go on (``{""}`` when unknown)."""
    if name == "IN" and all(str(op) == "LITERAL" and _is_key_char(c) for op, c in av):
        return {chr(c) for _, c in av}
    branches = av[1] if name == "BRANCH" else [av[-1]] if name == "SUBPATTERN" else []
    tails: set[str] = set()
    for branch in branches:
        sub = _literal_prefixes(branch, bounded=True)  # mid-word: no \\b needed
        if sub is None:
            return {""}
        tails |= sub
    return tails or {""}


def _index_rules(rules: tuple[_Rule, ...]) -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    by_prefix: dict[str, set[int]] = {}
    always: set[int] = set()
    for i, rule in enumerate(rules):
        prefixes = _literal_prefixes(_re_parser.parse(rule.pattern.pattern))
        if prefixes is None:
            always.add(i)
            continue
        for key in prefixes:
            by_prefix.setdefault(key[:_KEY_LEN], set()).add(i)
    return {k: frozenset(v) for k, v in by_prefix.items()}, frozenset(always)


_WORD_MEMO_MAX = 200_000


def _rules_for_word(lex: _Lexicon, head: str) -> tuple[int, ...]:
    """Rules whose literal prefix begins the word that starts with ``head``."""
    hit = lex.word_rules.get(head)
    if hit is None:
        found: set[int] = set()
        for k in range(1, len(head) + 1):
            found |= lex.by_prefix.get(head[:k], frozenset())
        if len(lex.word_rules) >= _WORD_MEMO_MAX:
            lex.word_rules.clear()
        hit = lex.word_rules[head] = tuple(sorted(found))
    return hit


def _rule_starts(lex: _Lexicon, norm: str) -> dict[int, list[int] | None]:
    """Rules that can match ``norm``, each with the word starts a match may begin at.

    ``None`` means "anywhere" (the rule has no literal prefix and is searched).
    Rules missing from the result cannot match, so they are skipped.
    """
    starts: dict[int, list[int] | None] = {}
    for word in _WORD.finditer(norm):
        indices = _rules_for_word(lex, word.group()[:_KEY_LEN])
        if indices:
            at = word.start()
            for index in indices:
                found = starts.setdefault(index, [])
                if found is not None:
                    found.append(at)
    for index in lex.always:
        starts[index] = None
    return starts


def _first_match(pattern: re.Pattern[str], norm: str, starts: list[int] | None) -> re.Match[str] | None:
    """The leftmost match, trying only the given start positions when known."""
    if starts is None:
        return pattern.search(norm)
    for at in starts:  # ascending: words are visited left to right
        match = pattern.match(norm, at)
        if match is not None:
            return match
    return None


def _compile(source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(source)
    except re.error as err:
        raise ValueError(f"bad regular expression in ACLED lexicon ({where}): {err}") from err


def parse_lexicon(data: dict[str, Any]) -> _Lexicon:
    """Validate and compile a lexicon mapping (the YAML file's content)."""
    fallback = str(data.get("fallback", "ARMED_CLASH"))
    if fallback not in ALL_CODES:
        raise ValueError(f"ACLED lexicon fallback {fallback!r} is not one of {ALL_CODES}")
    rules: list[_Rule] = []
    for code, entries in data["classes"].items():
        if code not in ALL_CODES:
            raise ValueError(f"ACLED lexicon class {code!r} is not one of {ALL_CODES}")
        for i, entry in enumerate(entries):
            where = f"{code}[{i}]"
            if isinstance(entry, list):
                entry = {"p": entry[0], "w": entry[1]}
            rules.append(_Rule(
                code=code,
                pattern=_compile(entry["p"], where),
                weight=float(entry["w"]),
                with_=_compile(entry["with"], where) if "with" in entry else None,
                without=_compile(entry["without"], where) if "without" in entry else None,
            ))
    by_prefix, always = _index_rules(tuple(rules))
    return _Lexicon(
        version=str(data.get(LEXICON_VERSION_KEY, "0")),
        fallback=fallback,
        tail_factor=float(data.get("tail_factor", 0.5)),
        rules=tuple(rules),
        by_prefix=by_prefix,
        always=always,
    )


@lru_cache(maxsize=1)
def load_lexicon() -> _Lexicon:
    """Load (once per process) the packaged lexicon ``data/acled/lexicon.yaml``."""
    path = resources.files("dateline") / "data" / "acled" / "lexicon.yaml"
    return parse_lexicon(yaml.safe_load(path.read_text(encoding="utf-8")))


def _normalize(text: str) -> str:
    """Lower-case and unify quotes/dashes so patterns stay simple."""
    return (text.lower().replace("\u2019", "'").replace("\u2018", "'")
            .replace("\u2013", "-").replace("\u2014", "-"))


def score_classes(text: str, lexicon: _Lexicon | None = None) -> dict[str, float]:
    """Every class's trigger score for ``text`` (classes with no match absent)."""
    lex = lexicon or load_lexicon()
    norm = _normalize(text)
    lead = _LEAD_END.search(text)  # on the original: it needs the capital letter
    lead_end = lead.start() + 1 if lead else len(norm)
    background = [m.span() for m in _BACKGROUND.finditer(norm)]
    scores: dict[str, float] = {}
    for index, starts in sorted(_rule_starts(lex, norm).items()):
        rule = lex.rules[index]
        match = _first_match(rule.pattern, norm, starts)
        if match is None:
            continue
        if rule.with_ is not None and rule.with_.search(norm) is None:
            continue
        if rule.without is not None and rule.without.search(norm) is not None:
            continue
        at = match.start()
        in_lead = at < lead_end and not any(b <= at < e for b, e in background)
        factor = 1.0 if in_lead else lex.tail_factor
        scores[rule.code] = scores.get(rule.code, 0.0) + rule.weight * factor
    return scores


def label_for(code: str, score: float = 1.0) -> AcledLabel:
    """Build the :class:`AcledLabel` of a CASE 2021 code (raises on an unknown code)."""
    if code in ACLED_CODES:
        event_type, sub_event_type = ACLED_CODES[code]
        return AcledLabel(event_type, sub_event_type, code, score)
    if code in OUT_OF_SCOPE_CODES:
        return AcledLabel(None, None, code, score)
    raise ValueError(f"unknown ACLED/CASE 2021 code {code!r}; expected one of {ALL_CODES}")


def classify_acled(text: str) -> AcledLabel:
    """Classify a news snippet or event sentence into an ACLED sub-event type."""
    lex = load_lexicon()
    ranked = sorted(score_classes(text, lex).items(), key=lambda kv: (-kv[1], kv[0]))
    positive = [(code, s) for code, s in ranked if s > 0]
    if not positive:
        return label_for(lex.fallback, 0.0)
    top_code, top = positive[0]
    second = positive[1][1] if len(positive) > 1 else 0.0
    return label_for(top_code, round(top / (top + second + 1.0), 4))


def classify_acled_doc(span_or_doc: Span | Doc) -> AcledLabel:
    """Classify a parsed sentence or document (reuses its text; no re-parse)."""
    return classify_acled(span_or_doc.text)
