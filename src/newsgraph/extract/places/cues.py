"""What the text says about where a place is, before any gazetteer lookup.

- containers: "Bishkek, Kyrgyzstan", "the Uzen field in Kazakhstan", "Sakhalin, in the far east
  of Russia", "Pakistan's Punjab": pairs (inner entity, outer entity) of adjacent place mentions;
  whether the outer really holds the inner is the gazetteer's call, so lists ("Paris, London")
  cost nothing.
- kind words: "Washington state", "the state of Georgia", "Punjab province" ask for a region;
  "the city of X", "X city" for a city.
- the dateline: a place in capitals opening the article ("KYIV, Ukraine (Reuters) -"), read
  from the text itself since the NER seldom tags words in capitals as places.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from newsgraph.extract import lexicon
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import PLACE_TYPES, Entity

# ", " / " in " / ", in the far east of " / ", the capital of ": lower-case words only, so a
# proper noun between the two names breaks the link.
CONTAINER_GAP = re.compile(r"^(?:\s*,\s*|,?\s+(?:[a-z-]+\s+){0,6}?(?:in|of|near|outside)\s+(?:[a-z-]+\s+){0,3}?)$")
POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:(?:[a-z-]+)\s+){0,2}$")  # "Pakistan's Punjab", "India's northern Punjab"
CITY_WORDS = frozenset({"city", "town", "village", "capital"})
# "KYIV, Ukraine (Reuters) -", "SPRINGFIELD, Ill. (AP) —", "WASHINGTON —": a place in capitals,
# perhaps its state or country, then the agency or a dash. spaCy rarely tags these as places.
DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
                      r"(?:,\s+([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}))?(?:,\s+[A-Z][a-z]{2,8}\.? \d{1,2})?"
                      r"\s*(?:\([^)]{1,40}\)\s*)?[-—–]")


@dataclass(frozen=True, slots=True)
class Cues:
    containers: tuple[tuple[str, str], ...]   # (inner entity id, outer entity id)
    kind_words: dict[str, str]                # entity id -> "admin1" | "city"
    dateline: tuple[str, str | None] | None   # ("KYIV", "Ukraine"): the dateline's place and container


def place_entities(entities: tuple[Entity, ...], text: str) -> list[Entity]:
    """Place entities named at least once as a place, not only by a demonym ("Chinese")."""
    return [e for e in entities
            if e.type in PLACE_TYPES and not all(_demonym(text[s:t]) for s, t in e.mentions)]


def _demonym(word: str) -> bool:
    gaz = gazetteer()
    return bool(gaz.demonym(word) or (word.endswith("s") and gaz.demonym(word[:-1])))


def find_cues(places: list[Entity], text: str) -> Cues:
    spans = sorted((s, t, e.id) for e in places for s, t in e.mentions)
    containers = []
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        gap = text[end:start]
        if first != second and CONTAINER_GAP.match(gap):
            containers.append((first, second))
        elif first != second and POSSESSIVE_GAP.match(gap):
            containers.append((second, first))
    kind_words = {}
    for start, end, entity_id in spans:
        kind = kind_word(text, start, end)
        if kind:
            kind_words.setdefault(entity_id, kind)
    return Cues(tuple(dict.fromkeys(containers)), kind_words, dateline(text))


def kind_word(text: str, start: int, end: int) -> str | None:
    after = text[end:end + 20].split()
    before = text[max(0, start - 20):start].split()
    regions = region_words()
    next_word = after[0].casefold().strip(",.;:") if after else ""
    of_word = before[-2].casefold() if len(before) >= 2 and before[-1] == "of" else ""
    if next_word in regions or of_word in regions:
        return "admin1"
    if next_word in CITY_WORDS - {"capital"} or of_word in CITY_WORDS:
        return "city"
    return None


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    return frozenset({w.casefold() for w in lexicon.words("admin_suffixes")} | {"state", "province"})


def dateline(text: str) -> tuple[str, str | None] | None:
    found = DATELINE.match(text[:120])
    return (found.group(1), found.group(2)) if found else None
