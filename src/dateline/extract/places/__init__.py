"""Places: toponyms -> gazetteer entries, resolved with the article's context."""

from dateline.extract.places.component import PlacesComponent
from dateline.extract.places.geoparser import Geoparser

__all__ = ["PlacesComponent", "Geoparser"]
