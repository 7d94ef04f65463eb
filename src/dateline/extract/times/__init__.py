"""Times: time expressions with TimeML values resolved against the publication date."""

from dateline.extract.times.calendar import value_to_date
from dateline.extract.times.component import TimesComponent
from dateline.extract.times.extract import extract_times

__all__ = ["TimesComponent", "extract_times", "value_to_date"]
