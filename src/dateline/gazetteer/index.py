"""The packaged gazetteer: loaded once per process from ``data/gazetteer/gazetteer.npz``.

The asset (built by ``scripts/build_gazetteer.py``) is a zip of numpy arrays:
one row per entry (GeoNames id, coordinates, population, feature, country,
admin1) and a sorted list of folded name keys with postings.  Loading reads
the arrays and splits two newline-joined strings; lookups bisect the sorted
keys, so no dictionary of a million names is ever built.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from dateline.gazetteer.normalize import fold

KIND_PRIMARY, KIND_ALT, KIND_DEMONYM, KIND_CODE = 0, 1, 2, 3
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry as seen by callers.

    ``kind`` says how the queried name matched it: 0 a primary name or curated
    alias, 1 an alternate name, 2 a demonym ("Iraqi" -> Iraq).  Codes (ISO
    alpha-3 "AND", "D.C.") are stored as kind 3, matched only by a name
    written in capitals, and reported as kind 1.  ``geonames_id``
    is None for curated entries (regions, borders, sites, provinces).
    """

    idx: int
    name: str
    feature: str  # city | country | admin1 | admin2 | region | site | continent
    geonames_id: int | None
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    kind: int = KIND_PRIMARY
    capital: bool = False  # a national capital
    admin2: str | None = None  # second-level unit (district, county) where known


def _split(arr: np.ndarray) -> list[str]:
    return bytes(arr).decode("utf-8").split("\n")


class Gazetteer:
    """Read-only name index over the packaged gazetteer arrays."""

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as z:
            self._gid = z["gid"]
            self._lat = z["lat"].astype(np.float64)
            self._lon = z["lon"].astype(np.float64)
            self._pop = z["pop"]
            self._feature = z["feature"]
            self._country = z["country"]
            self._admin1 = z["admin1"]
            self._capital = z["capital"]
            self._key_ptr = z["key_ptr"]
            self._post_rec = z["post_rec"]
            self._post_kind = z["post_kind"]
            self._names = _split(z["names"])
            self._keys = _split(z["keys"])
            self._countries = _split(z["countries"])
            self._admin1_names = _split(z["admin1_names"])
            self._admin2 = z["admin2"] if "admin2" in z.files else np.full(len(self._gid), -1, dtype=np.int32)
            self._admin2_names = _split(z["admin2_names"]) if "admin2_names" in z.files else []
            self._features = _split(z["features"])
        self._country_entry: dict[str, int] = {}
        for i in np.flatnonzero(self._feature == self._features.index("country")):
            self._country_entry.setdefault(self._countries[int(self._country[i])], int(i))

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, idx: int, kind: int = KIND_PRIMARY) -> GazEntry:
        gid = int(self._gid[idx])
        a1 = int(self._admin1[idx])
        a2 = int(self._admin2[idx])
        cc = self._countries[int(self._country[idx])]
        return GazEntry(
            idx=idx,
            name=self._names[idx],
            feature=self._features[int(self._feature[idx])],
            geonames_id=gid if gid > 0 else None,
            country=cc or None,
            admin1=self._admin1_names[a1] if a1 >= 0 else None,
            lat=round(float(self._lat[idx]), 5),
            lon=round(float(self._lon[idx]), 5),
            population=int(self._pop[idx]),
            kind=kind,
            capital=bool(self._capital[idx]),
            admin2=self._admin2_names[a2] if a2 >= 0 else None,
        )

    def lookup_key(self, key: str, codes: bool = True) -> list[GazEntry]:
        """Entries indexed under an already folded key (code entries only if ``codes``)."""
        pos = bisect.bisect_left(self._keys, key)
        if pos >= len(self._keys) or self._keys[pos] != key:
            return []
        lo, hi = int(self._key_ptr[pos]), int(self._key_ptr[pos + 1])
        out: list[GazEntry] = []
        for r, k in zip(self._post_rec[lo:hi].tolist(), self._post_kind[lo:hi].tolist(), strict=True):
            if k == KIND_CODE:
                if not codes:
                    continue
                k = KIND_ALT
            out.append(self.entry(r, k))
        return out

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries whose name (folded) equals ``name`` folded; codes (ISO alpha-3, "Pa." for
        Pennsylvania) only for a name in capitals or ending in a dot."""
        letters = [ch for ch in name if ch.isalpha()]
        codes = bool(letters) and (all(ch.isupper() for ch in letters) or name.endswith("."))
        return self.lookup_key(fold(name), codes=codes)

    def has_key(self, key: str) -> bool:
        pos = bisect.bisect_left(self._keys, key)
        return pos < len(self._keys) and self._keys[pos] == key

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix`` (for longest-match scanning)."""
        pos = bisect.bisect_left(self._keys, prefix)
        return pos < len(self._keys) and self._keys[pos].startswith(prefix)

    def country(self, iso2: str) -> GazEntry | None:
        """The country entry for an ISO alpha-2 code."""
        idx = self._country_entry.get(iso2.upper())
        return None if idx is None else self.entry(idx)

    def border_point(self, a: str, b: str, max_cities: int = 3000) -> tuple[float, float] | None:
        """Approximate point on the border of countries ``a`` and ``b``.

        The midpoint of the closest pair of populated places on either side
        (among each country's ``max_cities`` largest): good to region
        precision for any pair of neighbours, used when no border is curated.
        """
        city = self._features.index("city")
        pts = []
        for iso in (a.upper(), b.upper()):
            if iso not in self._countries:
                return None
            code = self._countries.index(iso)
            sel = np.flatnonzero((self._country == code) & (self._feature == city))
            if sel.size == 0:
                return None
            sel = sel[np.argsort(-self._pop[sel], kind="stable")[:max_cities]]
            pts.append(np.radians(np.stack([self._lat[sel], self._lon[sel]], axis=1)))
        pa, pb = pts
        # haversine on all pairs (at most max_cities**2 entries)
        dlat = pa[:, None, 0] - pb[None, :, 0]
        dlon = pa[:, None, 1] - pb[None, :, 1]
        h = np.sin(dlat / 2) ** 2 + np.cos(pa[:, None, 0]) * np.cos(pb[None, :, 0]) * np.sin(dlon / 2) ** 2
        i, j = np.unravel_index(int(np.argmin(h)), h.shape)
        lat = math.degrees((pa[i, 0] + pb[j, 0]) / 2)
        lon = math.degrees((pa[i, 1] + pb[j, 1]) / 2)
        return round(lat, 4), round(lon, 4)


def default_path() -> Path:
    return Path(str(resources.files("dateline") / "data" / "gazetteer" / "gazetteer.npz"))


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the packaged asset), loaded once per process."""
    target = path or default_path()
    if not target.exists():
        raise FileNotFoundError(
            f"gazetteer asset not found at {target}; build it with "
            "`PYTHONPATH=src python scripts/build_gazetteer.py`"
        )
    return Gazetteer(target)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
