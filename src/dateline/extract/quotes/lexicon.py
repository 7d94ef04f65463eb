"""The attribution-cue lexicon (``data/quotes/cues.yaml``), loaded once.

Cue classes (see the YAML for the lists and their provenance):

* ``speech`` — communication verbs; their complement is the content, and a
  fallback takes the rest of the clause when the parser attaches nothing;
* ``stance`` — cognition, intention and evaluation verbs ("wants to",
  "criticized X"): complement or object only;
* ``prep`` — verb + preposition ("called for X", "talked about X");
* ``raising`` / ``passive_raising`` — "X seems to ...", "X is expected to ...";
* ``nouns`` — "the claim that X", "his call for X";
* ``documents`` — "In a poll, X" (the document is the source);
* ``as_only`` — cues only with "X as Y"; ``colon`` — cues only before a colon;
  ``needs_that`` — cues only before a "that" clause;
* ``unsourced_nouns`` — noun cues that are attributions even with no holder
  named ("support for X", "opposition to X");
* ``adjectives`` — stance adjectives ("critical of X", "confident that X"):
  lemma -> the prepositions (or ``that``/``to``) that introduce the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class CueLexicon:
    speech: frozenset[str]
    stance: frozenset[str]
    prep: dict[str, frozenset[str]]
    raising: frozenset[str]
    passive_raising: frozenset[str]
    nouns: frozenset[str]
    noun_preps: frozenset[str]
    documents: frozenset[str]
    as_only: frozenset[str] = frozenset()
    colon: frozenset[str] = frozenset()
    needs_that: frozenset[str] = frozenset()
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    unsourced_nouns: frozenset[str] = frozenset()

    @property
    def verbs(self) -> frozenset[str]:
        """Every verb lemma that can be a cue."""
        return self.speech | self.stance | frozenset(self.prep) | self.as_only | self.colon | self.needs_that

    def priority(self, lemma: str) -> int:
        """Rank for resolving overlapping attributions (speech verbs win)."""
        if lemma in self.speech:
            return 3
        if lemma in self.stance or lemma in self.prep:
            return 2
        return 1


# The small model's lemmatizer reads "hoping"/"hoped" as "hop".
LEMMA_FIXES = {("hop", "hoping"): "hope", ("hop", "hoped"): "hope", ("hop", "hopes"): "hope"}


def cue_lemma(lemma: str, lower: str) -> str:
    """A token's lemma for cue lookup, with known lemmatizer slips fixed."""
    return LEMMA_FIXES.get((lemma, lower), lemma)


def _words(raw: Any) -> frozenset[str]:
    words = list(raw or ())
    if any(isinstance(w, bool) for w in words):
        # YAML 1.1 reads bare on/off/yes/no as booleans: "on" must be quoted
        raise ValueError(f"cues.yaml: quote the words read as booleans in {words!r}")
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The packaged lexicon (cached: a loaded resource)."""
    path = resources.files("dateline") / "data" / "quotes" / "cues.yaml"
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return CueLexicon(
        speech=_words(raw.get("speech")),
        stance=_words(raw.get("stance")),
        prep={str(k).lower(): _words(v) for k, v in (raw.get("prep") or {}).items()},
        raising=_words(raw.get("raising")),
        passive_raising=_words(raw.get("passive_raising")),
        nouns=_words(raw.get("nouns")),
        noun_preps=_words(raw.get("noun_preps")),
        documents=_words(raw.get("documents")),
        as_only=_words(raw.get("as_only")),
        colon=_words(raw.get("colon")),
        needs_that=_words(raw.get("needs_that")),
        adjectives={str(k).lower(): _words(v) for k, v in (raw.get("adjectives") or {}).items()},
        unsourced_nouns=_words(raw.get("unsourced_nouns")),
    )
