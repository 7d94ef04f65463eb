"""Places: toponyms -> gazetteer entries, resolved with the article's context."""

from dateline.extract.places.component import PlacesComponent
from dateline.extract.places.geoparser import Geoparser, geo_precision

__all__ = ["PlacesComponent", "Geoparser", "geo_precision"]
