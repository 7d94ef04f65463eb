"""Actors: entities -> canonical actors (knowledge base in ``data/actors``).

Public surface: :class:`ActorKB` (load, extend with user files, resolve names) and the
records it hands other capabilities (:class:`ActorInfo`, :class:`ArticleActors`).
"""

from dateline.extract.actors.component import ActorsComponent
from dateline.extract.actors.kb import (
    PERSON_ROLE_NOUNS,
    ActorInfo,
    ActorKB,
    ArticleActors,
    demonym_table,
    sector_table,
)

__all__ = ["ActorsComponent", "PERSON_ROLE_NOUNS", "ActorInfo", "ActorKB", "ArticleActors", "demonym_table", "sector_table"]
