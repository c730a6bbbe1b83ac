"""Places: every country, region, city and named site of an article on the map, offline.

Each COUNTRY, REGION, CITY and LOCATION entity named as a place (a demonym only where the
sentence is about location) gets a `Place`: coordinates, GeoNames id, ISO country, the feature
kind, its first-level region and the mentions it covers; a state's mentions by its capital's
name ("Cairo said") get a second `Place`, the capital's. Feature kinds: country, historic (a former state), admin1 (first-level region), region
(a region above states, "Central Asia"), city, capital, site (a named place the gazetteer lacks,
put at the container the text gives it: "the Uzen oil and gas field in Kazakhstan").

The gazetteer is `geo_index` (a SQLite file built once from package data); the choice between
same-named places is `geo_resolve`, from the cues `geo_cues` reads in the text.
"""
from __future__ import annotations

import logging
from dataclasses import replace
import sqlite3
from collections.abc import Sequence

from spacy.tokens import Doc

from newsgraph.extract.places.cues import capital_spans, find_cues, place_spans
from newsgraph.extract.places.index import GeoEntry, geo_index
from newsgraph.extract.places.resolution import Choice, resolve
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.model import ArticleRecord, Entity, Place, Span

log = logging.getLogger("newsgraph")


def places_of(entities: Sequence[Entity], text: str, doc: Doc | None = None, url: str | None = None) -> list[Place]:
    """The places of one article's entities, in entity order (a state before its capital's)."""
    spans = {e.id: place_spans(e, text, doc) for e in entities}
    places = [e for e in entities if spans[e.id]]
    if not places:
        return []
    choices = resolve(places, find_cues(places, text, url), geo_index())
    order = {e.id: i for i, e in enumerate(entities)}
    found = []
    for choice in sorted(choices, key=lambda c: order[c.entity.id]):
        capitals = capital_spans(choice.entity, text) if choice.feature == "country" else ()
        own = tuple(s for s in spans[choice.entity.id] if s not in capitals)
        if own:  # a state named only by its capital ("Beijing said") is on the map at the capital
            found.append(_place(choice.entry, choice, own))
        capital = _capital(choice.entity, text, capitals)
        if capital:
            found.append(_place(capital, replace(choice, feature="capital",
                                                 evidence=f"capital acting for {choice.entity.name}"), capitals))
    return found


def _capital(state: Entity, text: str, spans: tuple[Span, ...]) -> GeoEntry | None:
    if not spans:
        return None
    start, end = spans[0]
    return next((e for e in geo_index().lookup(text[start:end])
                 if e.kind == "city" and e.capital and e.country == state.country), None)


def _place(entry: GeoEntry, choice: Choice, spans: tuple[Span, ...]) -> Place:
    site = choice.feature == "site"
    return Place(entity=choice.entity.id, lat=entry.lat, lon=entry.lon, country=entry.country,
                 geonames_id=None if site else entry.gid, feature=choice.feature,
                 admin1=entry.admin1_name if entry.kind in {"city", "admin1"} else None,
                 evidence=choice.evidence, mentions=spans)


@register
class GeoNamesPlaces:
    name = "places.geonames.v1"
    section = "places"
    requires: tuple[str, ...] = ()

    def extract(self, doc: Doc, context: Context) -> list[Place]:
        try:
            return places_of(context.entities.entities, context.document.text, doc, context.document.url)
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
