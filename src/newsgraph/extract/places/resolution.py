"""Choose one gazetteer entry per place entity, by the evidence the issue orders.

Every candidate starts from its importance: log10(population), plus a bonus for states, regions
and capitals, plus agreement with the type the foundation gazetteer gave the name. Evidence is
then added, strongest first:
  1. an explicit container ("Bishkek, Kyrgyzstan"): decisive for the inner place, strong for
     the container itself ("Atlanta, Georgia" makes Georgia the US state);
  2. a kind word ("Washington state", "Punjab province");
  3. the article's other places (first-pass picks, a place named often counting up to three
     times), its dateline (counted double) and its source's country (from the web address):
     candidates in the same country, and more so in the same first-level region, gain;
A place the gazetteer lacks but the text contains ("the Uzen field in Kazakhstan", "Scott County,
Indiana") is put at its container as a "site". An entity with no candidate and no container gets no place; it never
affects the others.
"""
from __future__ import annotations

import math
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass, field

from newsgraph.extract import lexicon
from newsgraph.extract.places.cues import Cues, region_words
from newsgraph.extract.places.index import GeoEntry, GeoIndex
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import Entity

KIND_BONUS = {"country": 2.0, "historic": 2.0, "macroregion": 2.0, "physical": 2.0, "admin1": 1.0, "admin2": 0.5,
              "city": 0.0}
TYPE_KINDS = {"COUNTRY": {"country", "historic"}, "REGION": {"admin1", "admin2", "macroregion"},
              "CITY": {"city"}, "LOCATION": {"physical"}}
CAPITAL = 1.0
ALTERNATE = -1.0          # found only by an alternate name ("Liverpool" is also a Washington, IN)
GAZETTEER_TYPE = 1.5      # the foundation typed this name as this kind (in this country)
INSIDE = 6.0              # "Paris, Texas": beats any importance gap
HOLDS = 3.0               # "Atlanta, Georgia": the container is the one that holds
KIND_WORD = 3.0
NAMESAKE_CITY = 2.0       # "Donetsk": the city, unless called a region ("Donetsk region")
COUNTRY_CONTEXT = {"city": 1.5, "admin1": 1.5, "admin2": 1.5, "country": 0.75, "historic": 0.75}
CONTEXT_CAP = 4.5
REGION_CONTEXT = 1.0
DATELINE_WEIGHT = 2.0
SOURCE_CONTEXT = 3.0       # the source's own country (its web address): as much as a dateline
MENTIONS_COUNTED = 3       # how many mentions of a place count as context
LOCATION_CITY = 100_000   # a LOCATION (sea, field, border) names a city only if the city is large
STRAY_TOWN = 100_000      # below this, a town needs the text's support outside the article's countries
SUPPORT = ("in ", "holds ", "context ", "dateline ", "source in ", "admin1 named", "city named")
KIND_WORD_KINDS = {"admin1": {"admin1", "admin2"}, "city": {"city"}}  # "Suffolk county" is either level


@dataclass
class Scored:
    entry: GeoEntry
    score: float
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


@dataclass(frozen=True, slots=True)
class Choice:
    entity: Entity
    entry: GeoEntry
    feature: str
    evidence: str


def candidates(entity: Entity, index: GeoIndex) -> list[GeoEntry]:
    """Gazetteer entries the entity's names can mean; a state's metonyms ("Beijing") stay states."""
    found: dict[int, GeoEntry] = {}
    if entity.type == "COUNTRY":
        state = index.country(entity.country) if entity.country else None
        if state:
            found[state.id] = state
        for name in (entity.name, *entity.aliases):
            kinds = {"country", "historic", "admin1"} if name == entity.name else {"country", "historic"}
            found.update((e.id, e) for e in index.lookup(name) if e.kind in kinds)
    else:
        names = (entity.name, *entity.aliases, *_curated_region(entity.name)[1])
        for name, kind in (variant for name in names for variant in _variants(name)):
            found.update((e.id, e) for e in index.lookup(name)
                         if (e.id not in found or not e.alternate) and (kind is None or e.kind in KIND_WORD_KINDS[kind]))
    if "," in entity.name:  # "Washington, DC": the first part, inside the second
        found.update((e.id, e) for e in _inside_comma(entity.name, index))
    if entity.type == "LOCATION":  # seas, fields, borders: no village that shares the name ("North Sea, NY")
        found = {i: e for i, e in found.items() if e.kind != "city" or e.population >= LOCATION_CITY}
    return without_city_regions(list(found.values()))


def _inside_comma(name: str, index: GeoIndex) -> list[GeoEntry]:
    head, tail = (part.strip() for part in name.split(",", 1))
    outer = index.lookup(tail)
    entries = index.lookup(head)
    return [e for e in entries if any(o.contains(e) for o in outer)] or entries


def _variants(name: str) -> list[tuple[str, str | None]]:
    """The name, and shorter forms that keep its kind: "Osh Province" (a region), "Taipei City"
    (a city)."""
    words = name.split()
    found: list[tuple[str, str | None]] = [(name, None)]
    if len(words) > 1 and words[-1].casefold() in region_words():
        found.append((" ".join(words[:-1]), "admin1"))
    if len(words) > 1 and words[-1].casefold() == "city":
        found.append((" ".join(words[:-1]), "city"))
    return found


@lru_cache(maxsize=1)
def _curated_regions() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """`regions.tsv` (curated, unlike the ISO subdivision names): name -> (country, all its names)."""
    found = {}
    for row in lexicon.rows("regions"):
        names = (row["name"], *(a.strip() for a in row["aliases"].split(";") if a.strip()))
        for name in names:
            found[name.casefold()] = (row["country"] or None, names)
    return found


def _curated_region(name: str) -> tuple[str | None, tuple[str, ...]]:
    return _curated_regions().get(name.casefold(), (None, ()))


def namesakes(entries: list[GeoEntry]) -> list[tuple[GeoEntry, GeoEntry]]:
    """(region, city) pairs where the region holds a city of the same name ("Donetsk")."""
    cities = [e for e in entries if e.kind == "city" and not e.alternate]
    return [(e, c) for e in entries if e.kind == "admin1" for c in cities if e.contains(c)]


def without_city_regions(entries: list[GeoEntry]) -> list[GeoEntry]:
    """A region that is in effect its city ("Bishkek", "Kyiv") gives way to the city."""
    dropped = {r.id for r, c in namesakes(entries) if c.capital or 2 * c.population >= r.population}
    return [e for e in without_town_counties(entries) if e.id not in dropped]


def without_town_counties(entries: list[GeoEntry]) -> list[GeoEntry]:
    """A county named after a town of its own country ("Nottingham") is that town's area: the town."""
    towns = {(e.country, e.name) for e in entries if e.kind == "city" and not e.alternate}
    return [e for e in entries if e.kind != "admin2" or (e.country, e.name) not in towns]


def prior(entity: Entity, entry: GeoEntry) -> Scored:
    scored = Scored(entry, math.log10(max(entry.population, 1000)) + KIND_BONUS.get(entry.kind, 0.0))
    if entry.capital:
        scored.add(CAPITAL, "capital")
    if entry.alternate:
        scored.add(ALTERNATE, "alternate name")
    known = gazetteer().lookup(entity.name)
    if known and known.type == entity.type and entry.kind in TYPE_KINDS.get(entity.type, ()):
        # a region's country is trusted only from the curated lexicon: ISO names like "Punjab"
        # are shared, and the gazetteer keeps whichever state came first
        country = _curated_region(entity.name)[0] if entity.type == "REGION" else known.country
        if country in (None, entry.country):
            scored.add(GAZETTEER_TYPE, "known name")
    return scored


def _priors(entity: Entity, entries: list[GeoEntry]) -> list[Scored]:
    """Importance, and a namesake city before its province unless the text calls it a region."""
    scored = {e.id: prior(entity, e) for e in entries}
    if entity.type != "REGION":
        for _, city in namesakes(entries):
            if "namesake city" not in scored[city.id].reasons:
                scored[city.id].add(NAMESAKE_CITY, "namesake city")
    return list(scored.values())


def resolve(places: list[Entity], cues: Cues, index: GeoIndex) -> list[Choice]:
    pool = {e.id: _priors(e, candidates(e, index)) for e in places}
    _containers(pool, cues)
    for entity_id, kind in cues.kind_words.items():
        for scored in pool.get(entity_id, ()):
            if scored.entry.kind in KIND_WORD_KINDS[kind]:
                scored.add(KIND_WORD, f"{kind} named")
    first = {i: max(s, key=lambda x: x.score) for i, s in pool.items() if s}
    weights = {e.id: min(len(e.mentions), MENTIONS_COUNTED) for e in places}
    _context(pool, first, _dateline_place(cues, index), weights, cues.home)
    by_id = {e.id: e for e in places}
    chosen = {i: max(s, key=lambda x: x.score) for i, s in pool.items() if s}
    chosen = _without_strays(chosen)
    choices = [Choice(by_id[i], s.entry, _feature(s.entry), _evidence(s)) for i, s in chosen.items()]
    return choices + _sites(places, cues, chosen)


def _without_strays(chosen: dict[str, Scored]) -> dict[str, Scored]:
    """A village abroad that nothing in the text supports is no place of an article about other
    countries ("Bayan", a party, is no Chinese village in a story about the Philippines): a city
    under STRAY_TOWN people, outside every country the article's other places are in, with no
    container, kind word or context for it, is left without a place."""
    countries = {s.entry.country for s in chosen.values() if s.entry.kind != "city" or s.entry.population >= STRAY_TOWN}
    return {i: s for i, s in chosen.items()
            if not (s.entry.kind == "city" and s.entry.population < STRAY_TOWN and countries
                    and s.entry.country not in countries and not any(r.startswith(SUPPORT) for r in s.reasons))}


def _containers(pool: dict[str, list[Scored]], cues: Cues) -> None:
    for inner_id, outer_id in cues.containers:
        for inner in pool.get(inner_id, ()):
            for outer in pool.get(outer_id, ()):
                if outer.entry.contains(inner.entry):
                    if f"in {outer.entry.name}" not in inner.reasons:
                        inner.add(INSIDE, f"in {outer.entry.name}")
                    if f"holds {inner.entry.name}" not in outer.reasons:
                        outer.add(HOLDS, f"holds {inner.entry.name}")


def _dateline_place(cues: Cues, index: GeoIndex) -> GeoEntry | None:
    """The dateline's place: the most important entry of its name, inside its container if given."""
    if not cues.dateline:
        return None
    head, container = cues.dateline
    options = index.lookup(head)
    outer = index.lookup(container) if container else []
    inside = [o for o in options if any(c.contains(o) for c in outer)]
    ranked = sorted(inside or options, key=lambda e: (e.capital, e.kind != "city", e.population))
    return ranked[-1] if ranked else None


def _context(pool: dict[str, list[Scored]], first: dict[str, Scored], dateline: GeoEntry | None,
             weights: dict[str, float], home: str | None) -> None:
    """Each candidate gains from the other places' first picks in its country and region, a place
    named more often counting more (up to MENTIONS_COUNTED times). Totals are summed once and each
    entity's own share taken out, so the pass stays linear in the number of places."""
    countries: dict[str, float] = defaultdict(float)
    regions: dict[tuple[str | None, str | None], int] = defaultdict(int)
    for entity_id, pick in first.items():
        countries[pick.entry.country or ""] += _country_share(pick, weights[entity_id])
        if pick.entry.kind in {"city", "admin1"}:
            regions[(pick.entry.country, pick.entry.admin1)] += 1
    for entity_id, options in pool.items():
        mine = first.get(entity_id)
        for scored in options:
            entry = scored.entry
            own = _country_share(mine, weights[entity_id]) if mine and mine.entry.country == entry.country else 0.0
            boost = min(countries.get(entry.country or "", 0.0) - own, CONTEXT_CAP) if entry.country else 0.0
            if boost > 1e-9:
                scored.add(boost, f"context {entry.country}")
            key = (entry.country, entry.admin1)
            same = mine is not None and mine.entry.kind in {"city", "admin1"} and (mine.entry.country, mine.entry.admin1) == key
            if entry.kind in {"city", "admin1"} and regions.get(key, 0) - same > 0:
                scored.add(REGION_CONTEXT, f"context {entry.admin1_name}")
            if dateline and dateline.country == entry.country:
                scored.add(COUNTRY_CONTEXT.get(dateline.kind, 0.0) * DATELINE_WEIGHT, f"dateline {dateline.name}")
            if home and home == entry.country:
                scored.add(SOURCE_CONTEXT, f"source in {home}")


def _country_share(pick: Scored, weight: float) -> float:
    return COUNTRY_CONTEXT.get(pick.entry.kind, 0.0) * weight if pick.entry.country else 0.0


def _sites(places: list[Entity], cues: Cues, chosen: dict[str, Scored]) -> list[Choice]:
    """Named places the gazetteer lacks, put at the container the text gives them: a field or a
    base ("the Uzen field in Kazakhstan"), a county, district or suburb ("Scott County, Indiana",
    "Greenlane, Auckland")."""
    by_id = {e.id: e for e in places}
    found = {}
    for inner_id, outer_id in cues.containers:
        if inner_id in chosen or inner_id in found or outer_id not in chosen:
            continue
        found[inner_id] = chosen[outer_id].entry
    return [Choice(by_id[i], entry, "site", f"site in {entry.name} (its coordinates)")
            for i, entry in found.items()]


def _feature(entry: GeoEntry) -> str:
    if entry.kind == "city" and entry.capital:
        return "capital"
    return {"macroregion": "region"}.get(entry.kind, entry.kind)  # admin2, physical: as they are


def _evidence(scored: Scored) -> str:
    population = f"pop. {_short(scored.entry.population)}" if scored.entry.population else None
    return "; ".join(filter(None, [*scored.reasons, population]))


def _short(number: int) -> str:
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if number >= size:
            return f"{number / size:.1f}{suffix}"
    return str(number)
