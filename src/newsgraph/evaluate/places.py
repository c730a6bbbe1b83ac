"""Scoring places against geocoded toponyms (the GeoVirus format: one article a line,
{"id", "text", "locations": [{"name", "start", "end", "lat", "lon"}]}).

A system place mention is a mention span of an entity that has a place with numeric
coordinates. Each gold toponym's prediction is the place mention overlapping it most.
  recall         gold toponyms with an overlapping place mention / all gold toponyms
  acc161_e2e     gold toponyms resolved within 161 km / all gold toponyms (the headline)
  acc161_found   the same / gold toponyms found
  median_km      error over found toponyms
  precision      place mentions overlapping a gold toponym / all place mentions (indicative:
                 the gold leaves out buildings, streets and rivers)
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.evaluate.matching import Finding, overlap, sentence_at

ACCURATE_KM = 161.0          # 100 miles, the customary geocoding tolerance
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    lat: float
    lon: float
    name: str | None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def place_mentions(record: dict | None) -> list[PlaceMention]:
    """Every mention of a geocoded entity, one per span."""
    entities = {e.get("id"): e for e in (record or {}).get("entities") or []}
    spans: dict[tuple[int, int], PlaceMention] = {}
    for place in (record or {}).get("places") or []:
        lat, lon = place.get("lat"), place.get("lon")
        entity = entities.get(place.get("entity"))
        if entity is None or not _is_number(lat) or not _is_number(lon):
            continue
        for mention in entity.get("mentions") or []:
            start, end = mention["span"] if isinstance(mention, dict) else mention
            spans.setdefault((start, end), PlaceMention(start, end, float(lat), float(lon), entity.get("name")))
    return list(spans.values())


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class PlacesScore:
    gold: int
    found: int
    correct161: int
    place_mentions: int
    precise_mentions: int
    documents: int
    missing_documents: int
    errors_km: tuple[float, ...]
    findings: tuple[Finding, ...]

    def metrics(self) -> dict:
        return {
            "recall": round(self.found / self.gold, 3) if self.gold else 0.0,
            "acc161_e2e": round(self.correct161 / self.gold, 3) if self.gold else 0.0,
            "acc161_found": round(self.correct161 / self.found, 3) if self.found else 0.0,
            "median_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
            "precision": round(self.precise_mentions / self.place_mentions, 3) if self.place_mentions else 0.0,
        }

    def to_dict(self) -> dict:
        return {**self.metrics(), "gold": self.gold, "found": self.found, "correct161": self.correct161,
                "place_mentions": self.place_mentions, "documents": self.documents,
                "missing_documents": self.missing_documents}


def score_places(gold_docs: Iterable[dict], records: Mapping[str, dict]) -> PlacesScore:
    """Gold articles (with `locations`) against records keyed by document id."""
    errors: list[float] = []
    missed: list[Finding] = []
    wrong: list[Finding] = []
    spurious: list[Finding] = []
    n_gold = correct = n_mentions = precise = documents = missing = 0
    for doc in gold_docs:
        documents += 1
        doc_id, text = str(doc["id"]), doc.get("text") or ""
        record = records.get(doc_id)
        missing += record is None
        mentions = place_mentions(record)
        locations = doc.get("locations") or []
        for loc in locations:
            n_gold += 1
            best = max(mentions, key=lambda m: overlap(m.start, m.end, loc["start"], loc["end"]), default=None)
            context = sentence_at(text, loc["start"], loc["end"])
            if best is None or not overlap(best.start, best.end, loc["start"], loc["end"]):
                missed.append(Finding(doc_id, "places", "missed", loc["name"], context))
                continue
            error = haversine_km(loc["lat"], loc["lon"], best.lat, best.lon)
            errors.append(error)
            if error <= ACCURATE_KM:
                correct += 1
            else:
                wrong.append(Finding(doc_id, "places", "wrong place",
                                     f"{loc['name']} -> {best.name} ({round(error)} km)", context))
        n_mentions += len(mentions)
        hits = [m for m in mentions if any(overlap(m.start, m.end, g["start"], g["end"]) for g in locations)]
        precise += len(hits)
        spurious.extend(Finding(doc_id, "places", "not in gold", f"{text[m.start:m.end]} -> {m.name}",
                                sentence_at(text, m.start, m.end)) for m in mentions if m not in hits)
    return PlacesScore(n_gold, len(errors), correct, n_mentions, precise, documents, missing,
                       tuple(errors), (*missed, *wrong, *spurious))
