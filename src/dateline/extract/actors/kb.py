"""Actors: one identity per actor, within an article and across articles.

Three layers:

* :class:`ActorKB` — the curated knowledge base (``data/actors``): armed
  groups, government bodies, international organisations with aliases and
  transliterations, countries and demonyms (generated from pycountry by
  ``scripts/build_actor_kb.py``), city/building metonyms ("Tehran", "the
  Kremlin") and head-noun sectors for unnamed actors ("gunmen", "police").
  It resolves a name to an :class:`ActorInfo` and feeds EntityRuler patterns
  to the spaCy pipeline for names the small model misses.
* :class:`ArticleActors` — one article's entity mentions, clustered so that
  "Mark T. Esper" / "Esper" share one canonical name, aliases stated in the
  text ("X, better known as Y") merge, and descriptions ("the group", "an
  Iranian-backed militia") and pronouns resolve to a named antecedent.
* Photo credits such as "(Name Surname/Reuters)" are *labelled* ``CREDIT``
  (kind ``credit``) rather than dropped, so they stay visible but never act.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from dateline.extract.base import DocContext
from dateline.records import Entity

# Entity labels that never name an actor.
NON_ACTOR_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "WORK_OF_ART",
     "LAW", "LANGUAGE", "PRODUCT", "EVENT"}
)
PERSON_TITLES = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "president", "ayatollah",
     "sheikh", "gen.", "gen", "general", "col.", "lt.", "sgt.", "sen.", "rep.", "gov.",
     "prime", "minister", "king", "queen", "prince", "pope", "imam", "secretary", "mullah"}
)
# Nouns that, next to a name, say the name is a person's ("spokeswoman Morgan Ortagus").
PERSON_ROLE_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "president",
     "ambassador", "leader", "commander", "chief", "head", "director", "governor", "mayor",
     "senator", "official", "envoy", "general", "colonel", "cleric", "founder", "chairman",
     "chairwoman", "candidate", "nominee", "adviser", "advisor", "aide", "analyst",
     "researcher", "professor", "lawyer", "attorney", "judge", "reporter", "correspondent",
     "journalist", "activist", "premier", "chancellor", "deputy", "lawmaker", "prosecutor",
     "representative", "manager", "executive", "ceo", "coordinator", "member", "strategist",
     "pollster", "writer", "author", "economist", "expert", "father", "mother", "son",
     "daughter", "wife", "husband", "brother", "sister", "resident", "witness"}
)
# Generic organisation nouns a description may use for a named group.
GENERIC_ORG_NOUNS: dict[str, frozenset[str]] = {
    "group": frozenset({"militia", "rebels", "party", "ngo", "igo", "organization"}),
    "militia": frozenset({"militia", "rebels"}),
    "organization": frozenset({"militia", "rebels", "party", "ngo", "igo", "organization"}),
    "organisation": frozenset({"militia", "rebels", "party", "ngo", "igo", "organization"}),
    "movement": frozenset({"militia", "rebels", "party"}),
    "faction": frozenset({"militia", "rebels", "party"}),
    "insurgency": frozenset({"rebels"}),
    "party": frozenset({"party"}),
    "agency": frozenset({"government", "igo", "police"}),
    "department": frozenset({"government", "military"}),
    "ministry": frozenset({"government", "military"}),
    "administration": frozenset({"government"}),
    "company": frozenset({"business"}),
    "firm": frozenset({"business"}),
    "network": frozenset({"media", "rebels"}),
}
ORG_HEAD_WORDS = frozenset(
    {"department", "ministry", "group", "party", "organization", "organisation", "army",
     "force", "forces", "council", "committee", "agency", "office", "embassy", "corps",
     "brigade", "brigades", "front", "movement", "union", "league", "house", "court",
     "bank", "company", "university", "news", "times", "post", "network", "institute",
     "center", "centre", "association", "commission", "service", "guard", "militia"}
)
# Trailing words stripped before looking a name up ("Kataib Hezbollah militia").
GENERIC_TRAILERS = ("militia", "militias", "group", "movement", "fighters", "forces",
                    "supporters", "bases", "flags", "members", "militants", "rebels",
                    "organization", "party", "officials", "spokesman", "spokeswoman")
CREDIT_RE = re.compile(r"\(([^()\n/]{2,80})/([^()\n]{2,40})\)")
ALIAS_LINK_RE = re.compile(
    r"^\s*,?\s*(?:(?:who\s+is\s+|also\s+|better\s+|more\s+commonly\s+|widely\s+|popularly\s+)?"
    r"known\s+(?:as|by)|a\.?k\.?a\.?|alias|whose\s+real\s+name\s+is)"
    r"(?:\s+(?:his|her|the|their)\s+(?:nom\s+de\s+guerre|nickname|name|alias|pseudonym))?\s*,?\s*$",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What the knowledge base (or the article) says an actor is."""

    canonical: str
    kind: str | None
    country: str | None  # ISO alpha-3


def normalize_name(text: str) -> str:
    """Fold a name for lookup: case, apostrophes, spaces, leading "the", possessive."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    t = _SPACE_RE.sub(" ", t).strip().casefold()
    if t.startswith("the "):
        t = t[4:]
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    return t.strip(" ,.;:")


def _data_dir() -> Path:
    return Path(str(resources.files("dateline") / "data" / "actors"))


def sector_table() -> dict[str, str]:
    """Head noun lemma -> sector: the one table (``data/actors/sectors.yaml``) every capability reads."""
    doc = yaml.safe_load((_data_dir() / "sectors.yaml").read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for kind, nouns in doc["sectors"].items():
        for noun in nouns:
            table.setdefault(str(noun), str(kind))
    return table


def demonym_table() -> dict[str, str]:
    """Lower-case demonym or seat-of-government name -> ISO alpha-3 ("iraqi", "tehran" -> IRN).

    Read from the same files the knowledge base loads (``demonyms.yaml``, the metonyms of
    ``organizations.yaml``), for code that types a modifier by its country.
    """
    data = _data_dir()
    table: dict[str, str] = {}
    for iso, forms in yaml.safe_load((data / "demonyms.yaml").read_text(encoding="utf-8"))["demonyms"].items():
        for form in forms:
            table.setdefault(str(form).lower(), str(iso))
    orgs = yaml.safe_load((data / "organizations.yaml").read_text(encoding="utf-8"))
    for entry in orgs.get("metonyms", []) or []:
        if entry.get("country"):
            table.setdefault(str(entry["name"]).lower(), str(entry["country"]))
    return table


@dataclass(slots=True)
class ActorKB:
    """Curated actors: alias lookup, metonyms, head-noun sectors, ruler patterns."""

    aliases: dict[str, ActorInfo] = field(default_factory=dict)
    exact_aliases: dict[str, ActorInfo] = field(default_factory=dict)  # acronyms, case-sensitive
    metonyms: dict[str, ActorInfo] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    pattern_entries: list[tuple[str, str, str]] = field(default_factory=list)  # label, alias, id

    # ----------------------------------------------------------------- loading
    @classmethod
    def load_default(cls, extra: Sequence[Path] = ()) -> ActorKB:
        """The packaged KB, plus user files (YAML like organizations.yaml, or CSV
        with columns canonical,kind,country,aliases (pipe-separated))."""
        kb = cls()
        data = _data_dir()
        kb.add_csv(data / "countries.csv", ruler=False)
        kb.add_yaml(data / "organizations.yaml")
        kb.sectors.update(sector_table())
        for path in extra:
            kb.add_file(Path(path))
        return kb

    def add_file(self, path: Path) -> None:
        """Add a user extension file (``.yaml``/``.yml`` or ``.csv``)."""
        if not path.is_file():
            raise FileNotFoundError(f"actor file {path} does not exist")
        if path.suffix.lower() in (".yaml", ".yml"):
            self.add_yaml(path)
        elif path.suffix.lower() == ".csv":
            self.add_csv(path)
        else:
            raise ValueError(f"actor file {path}: use .yaml, .yml or .csv")

    def add_yaml(self, path: Path) -> None:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in doc.get("actors", []) or []:
            if "canonical" not in entry:
                raise ValueError(f"{path}: every actor needs a 'canonical' name: {entry!r}")
            info = ActorInfo(str(entry["canonical"]), entry.get("kind"), entry.get("country"))
            label = "PERSON" if info.kind == "person" else "ORG"
            self.add_actor(info, [str(a) for a in entry.get("aliases") or []], label=label)
        for entry in doc.get("metonyms", []) or []:
            info = ActorInfo(str(entry["canonical"]), entry.get("kind", "government"),
                             entry.get("country"))
            self.metonyms[normalize_name(str(entry["name"]))] = info
        for kind, nouns in (doc.get("sectors") or {}).items():
            for noun in nouns:
                self.sectors[str(noun)] = str(kind)

    def add_csv(self, path: Path, ruler: bool = True) -> None:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
        for row in csv.DictReader(lines):
            info = ActorInfo(row["canonical"], row.get("kind") or None, row.get("country") or None)
            aliases = [a for a in (row.get("aliases") or "").split("|") if a]
            self.add_actor(info, aliases, label="ORG" if ruler else None)

    def add_actor(self, info: ActorInfo, aliases: Iterable[str], label: str | None = "ORG") -> None:
        """Register one actor under its canonical name and aliases."""
        for alias in [info.canonical, *aliases]:
            if _is_acronym(alias):
                self.exact_aliases[alias] = info
            else:
                self.aliases[normalize_name(alias)] = info
            if label is not None:
                self.pattern_entries.append((label, alias, info.canonical))

    # ----------------------------------------------------------------- lookups
    def entity_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler token patterns for the curated organisations and groups."""
        patterns: list[dict[str, Any]] = []
        for label, alias, ident in self.pattern_entries:
            toks = _pattern_tokens(alias)
            if not toks:
                continue
            if _is_acronym(alias):
                if len(alias) < 3:  # "KH", "IS", "UN": too ambiguous for the ruler
                    continue
                pat = [{"ORTH": t} for t in toks]
            else:
                pat = [{"LOWER": t.lower()} for t in toks]
            patterns.append({"label": label, "pattern": pat, "id": ident})
        return patterns

    def resolve(self, text: str) -> ActorInfo | None:
        """Look a name up: exact acronyms, folded aliases, then minus a generic trailer."""
        raw = text.strip().strip(",;:")
        if raw.startswith(("the ", "The ")):
            raw = raw[4:]
        for cand in (raw, raw.rstrip(".")):
            if cand in self.exact_aliases:
                return self.exact_aliases[cand]
        key = normalize_name(text)
        if key in self.aliases:
            return self.aliases[key]
        for trailer in GENERIC_TRAILERS:
            if key.endswith(" " + trailer):
                stem = key[: -len(trailer) - 1].strip()
                if stem in self.aliases:
                    return self.aliases[stem]
                if stem.upper() in self.exact_aliases:
                    return self.exact_aliases[stem.upper()]
        return None

    def metonym(self, text: str) -> ActorInfo | None:
        """The government a capital or seat stands for ("Tehran"), if any."""
        return self.metonyms.get(normalize_name(text))

    def sector_of(self, head_noun: str) -> str | None:
        """Sector kind for a head noun or its lemma ("gunmen" -> rebels)."""
        word = head_noun.casefold()
        if word in self.sectors:
            return self.sectors[word]
        for suffix, repl in (("men", "man"), ("ies", "y"), ("es", ""), ("s", "")):
            if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in self.sectors:
                return self.sectors[word[: len(word) - len(suffix)] + repl]
        return None

    # ----------------------------------------------------------------- articles
    def analyze(self, ctx: DocContext) -> ArticleActors:
        """This article's actors: entities, their mentions in order, roles (the actors stage's output)."""
        from dateline.extract.actors.mentions import build_article_actors

        return build_article_actors(self, ctx)


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention inside an article, with its cluster identity."""

    start: int  # char offsets
    end: int
    token_start: int
    token_end: int
    info: ActorInfo
    label: str
    is_subject: bool
    in_caption: bool


@dataclass(slots=True)
class ArticleActors:
    """One article's actors: entities, mentions in order, roles per canonical name."""

    kb: ActorKB
    doc: Doc
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    roles: dict[str, str]
    caption_ranges: tuple[tuple[int, int], ...]

    def mention_in(self, start: int, end: int, head: int | None = None) -> Mention | None:
        """The first mention inside [start, end) (containing char ``head`` if given)."""
        best: Mention | None = None
        for m in self.mentions:
            if m.start >= start and m.end <= end and (head is None or m.start <= head < m.end):
                if best is None or (m.label == "PERSON" and best.label != "PERSON"):
                    best = m
                if m.label == "PERSON":
                    break
        return best

    def in_caption(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.caption_ranges)

    def previous(self, pos: int, *, persons: bool, subjects_first: bool = False,
                 window: int = 1500, skip: Sequence[tuple[int, int]] = ()) -> Mention | None:
        """Most recent person (or organisation) mention before ``pos``, ignoring
        captions and the ``skip`` ranges (e.g. text inside quotation marks)."""
        fallback: Mention | None = None
        for m in reversed(self.mentions):
            if m.end > pos or m.in_caption or any(s <= m.start < e for s, e in skip):
                continue
            if pos - m.end > window:
                break
            is_person = m.label == "PERSON"
            org_like = m.label in ("ORG",) or m.info.kind in ("government", "igo", "militia",
                                                             "rebels", "party", "ngo", "media")
            if (persons and not is_person) or (not persons and (is_person or not org_like)):
                continue
            if not subjects_first or m.is_subject:
                return m
            if fallback is None:
                fallback = m
        return fallback

    def previous_named(self, canonical: str) -> ActorInfo | None:
        """The info of the actor called ``canonical`` in this article, if any."""
        for m in self.mentions:
            if m.info.canonical == canonical:
                return m.info
        return None

    def resolve_description(self, head: Token, span: Span) -> ActorInfo | None:
        """'the group', 'an Iranian-backed militia' -> compatible named antecedent."""
        lemma = head.lemma_.casefold()
        kinds = GENERIC_ORG_NOUNS.get(lemma)
        if kinds is None:
            sector = self.kb.sector_of(lemma) or self.kb.sector_of(head.text)
            if sector is None:
                return None
            country = _country_of_modifiers(self.kb, head)
            text = " ".join(t.text for t in span if t.dep_ not in ("det", "poss", "case")) or head.text
            return ActorInfo(text, sector, country)
        compatible = [m for m in self.mentions if m.label != "PERSON" and not m.in_caption
                      and m.info.kind in kinds]
        before = [m for m in compatible if m.end <= span.start_char]
        if before:
            return before[-1].info
        if not compatible:
            return None
        counts: dict[str, int] = {}
        for m in compatible:
            counts[m.info.canonical] = counts.get(m.info.canonical, 0) + 1
        top = max(compatible, key=lambda m: (counts[m.info.canonical], -m.start))
        return top.info

    def resolve_span(self, span: Span, skip: Sequence[tuple[int, int]] = ()) -> ActorInfo | None:
        """Resolve a noun phrase span: name inside, pronoun, or description.

        Pronouns take the most recent compatible mention outside ``skip``."""
        root = span.root
        m = self.mention_in(span.start_char, span.end_char, head=root.idx)
        if m is not None:
            return m.info
        low = root.text.casefold()
        if low in ("he", "she", "him", "her", "his", "hers"):
            prev = self.previous(span.start_char, persons=True, skip=skip)
            return prev.info if prev else None
        if low in ("it", "its"):
            prev = self.previous(span.start_char, persons=False, subjects_first=True, skip=skip)
            return prev.info if prev else None
        if root.pos_ == "PROPN" and root.is_title:
            # a name the statistical NER missed ("Trump tweeted"): the article's
            # mention with that name, else the name as written
            name = " ".join(t.text for t in span if t.dep_ not in ("det", "punct", "case"))
            for prev in reversed(self.mentions):
                if prev.info.canonical == name or prev.info.canonical.endswith(" " + name):
                    return prev.info
            if name:
                return ActorInfo(name, None, None)
        if root.pos_ in ("NOUN", "PROPN"):
            return self.resolve_description(root, span)
        return None


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isalnum() and letters.upper() == letters


def _pattern_tokens(alias: str) -> list[str]:
    """Split an alias roughly the way spaCy's English tokenizer does."""
    from dateline.extract.actors.mentions import tokenize_alias

    return tokenize_alias(alias)


def _country_of_modifiers(kb: ActorKB, head: Token) -> str | None:
    """ISO-3 country named by a modifier of ``head`` ("Iraqi police")."""
    for child in head.lefts:
        info = kb.resolve(child.text)
        if info is not None and info.kind == "country":
            return info.country
    return None
