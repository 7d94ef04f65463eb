"""Run the extraction chain the event coder needs over many short texts.

Used by the event scorers (plover-gsr, india-police-events, petrarch2) and
handy from Python: parses with ``nlp.pipe`` (one parse per text), adds
entities and times from the sibling extractors, then codes events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from dateline.extract.actors import ActorKB
from dateline.extract.base import DocContext
from dateline.extract.events.actors import ActorResolver
from dateline.extract.events.coder import extract_events
from dateline.extract.events.model import EventTypeModel
from dateline.extract.times import extract_times
from dateline.nlp import load_model
from dateline.records import CleanArticle, Entity, Event


def code_texts(texts: Iterable[str], published: date | None = None,
               kb: ActorKB | None = None, resolver: ActorResolver | None = None,
               batch_size: int = 64, model: EventTypeModel | None = None,
               ) -> Iterator[tuple[Doc, tuple[Event, ...]]]:
    """Yield (doc, events) for each text, in order.

    ``kb`` supplies entities and names; ``resolver`` (default: ``kb``) is what
    the coder asks for actor names, so a caller can layer extra dictionaries
    over the knowledge base. ``model`` types events for ACLED (default: the shipped model).
    """
    kb = kb if kb is not None else ActorKB.load_default()
    coder_kb: ActorResolver | ActorKB = resolver if resolver is not None else kb
    nlp = load_model(kb.entity_patterns())
    model = model if model is not None else EventTypeModel.load_default()
    iso = published.isoformat() if published else None
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        art = CleanArticle(id=f"t{i}", text=doc.text, origin="eval", published=iso)
        ctx = DocContext(art, doc, published)
        entities: tuple[Entity, ...] = kb.analyze(ctx).entities
        times = extract_times(ctx)
        yield doc, extract_events(ctx, entities, times, (), (), coder_kb, model)
