"""Places: every country, region, city and named site of an article on the map, offline.

Each COUNTRY, REGION, CITY and LOCATION entity named as a place (demonyms alone are not places)
gets a `Place`: coordinates, GeoNames id, ISO country, the feature kind and its first-level
region. Feature kinds: country, historic (a former state), admin1 (first-level region), region
(a region above states, "Central Asia"), city, capital, site (a named place the gazetteer lacks,
put at the container the text gives it: "the Uzen oil and gas field in Kazakhstan").

The gazetteer is `geo_index` (a SQLite file built once from package data); the choice between
same-named places is `geo_resolve`, from the cues `geo_cues` reads in the text.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from spacy.tokens import Doc

from newsgraph.extract.places.cues import find_cues, place_entities
from newsgraph.extract.places.index import geo_index
from newsgraph.extract.places.resolution import Choice, resolve
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.model import ArticleRecord, Place

log = logging.getLogger("newsgraph")


def places_of(entities: Sequence, text: str) -> list[Place]:
    """The places of one article's entities, in entity order."""
    places = place_entities(tuple(entities), text)
    if not places:
        return []
    choices = resolve(places, find_cues(places, text), geo_index())
    order = {e.id: i for i, e in enumerate(entities)}
    return [_place(c) for c in sorted(choices, key=lambda c: order[c.entity.id])]


def _place(choice: Choice) -> Place:
    entry = choice.entry
    site = choice.feature == "site"
    return Place(entity=choice.entity.id, lat=entry.lat, lon=entry.lon, country=entry.country,
                 geonames_id=None if site else entry.gid, feature=choice.feature,
                 admin1=entry.admin1_name if entry.kind in {"city", "admin1"} else None,
                 evidence=choice.evidence)


@register
class GeoNamesPlaces:
    name = "places.geonames.v1"
    section = "places"
    requires: tuple[str, ...] = ()

    def extract(self, doc: Doc, context: Context) -> list[Place]:
        try:
            return places_of(context.entities.entities, context.document.text)
        except (OSError, sqlite3.Error) as exc:  # no gazetteer file: the record keeps everything else
            log.warning("places skipped: the gazetteer index is unavailable (%s)", exc)
            return []

    def table(self, record: ArticleRecord) -> list[TableSection]:
        rows = []
        for place in record.places:
            entity = record.entity(place.entity)
            rows.append((entity.name if entity else place.entity, place.feature or "",
                         f"{place.lat:.2f}, {place.lon:.2f}", place.country or "",
                         place.admin1 or "", str(place.geonames_id or ""), place.evidence or ""))
        if not rows:
            return []
        return [TableSection("Places", ("place", "feature", "lat, lon", "country", "admin1",
                                        "geonames", "evidence"), tuple(rows))]
