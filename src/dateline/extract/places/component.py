"""The places stage: toponyms (from the text and the entities) resolved in the gazetteer."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from dateline.extract.base import ArticleState
from dateline.extract.places.geoparser import Geoparser


@dataclass(frozen=True, slots=True)
class PlacesComponent:
    geoparser: Geoparser
    name: ClassVar[str] = "places"
    requires: ClassVar[tuple[str, ...]] = ("entities",)
    assigns: ClassVar[tuple[str, ...]] = ("places",)

    def __call__(self, state: ArticleState) -> ArticleState:
        return dataclasses.replace(state, places=self.geoparser.extract(state.ctx, state.entities))
