"""One spaCy model per test process for the unit tests that parse text by hand.

The product never shares a model (each Pipeline loads its own); tests share this one
to save the load time. It carries the packaged actor knowledge base's entity patterns,
as a default Pipeline's model does.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from dateline.extract.actors import ActorKB
from dateline.nlp import load_model


@lru_cache(maxsize=1)
def shared_model() -> Language:
    return load_model(ActorKB.load_default().entity_patterns())
