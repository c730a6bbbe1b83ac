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
from urllib.parse import urlsplit
from functools import lru_cache
from dataclasses import dataclass

import pycountry
from spacy.tokens import Doc

from newsgraph.extract import lexicon
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import PLACE_TYPES, Entity, Span

# ", " / " in " / ", in the far east of " / ", the capital of ": lower-case words only, so a
# proper noun between the two names breaks the link.
CONTAINER_GAP = re.compile(r"^(?:\s*,\s*|,?\s+(?:[a-z-]+\s+){0,6}?(?:in|of|near|outside)\s+(?:[a-z-]+\s+){0,3}?)$")
POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:(?:[a-z-]+)\s+){0,2}$")  # "Pakistan's Punjab", "India's northern Punjab"
CITY_WORDS = frozenset({"city", "town", "village", "capital"})
GENERIC_TLDS = frozenset({"co", "io", "tv", "me", "ai", "fm", "ly", "to", "cc", "ws", "gg", "am", "nu", "sh", "ac",
                          "eu", "su", "la", "is", "it"})  # .it and .is spell words more often than states
LOCATION_PREPOSITIONS = frozenset({"in", "inside", "into", "near", "at", "across", "throughout", "within", "on"})
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
    home: str | None = None                   # ISO code of the source's country, from its web address


def place_spans(entity: Entity, text: str, doc: Doc | None = None) -> tuple[Span, ...]:
    """The mentions of a place entity that name a place: not a demonym ("Chinese companies")
    unless the sentence is about location ("on Russian soil", "in a Kenyan hospital"; that needs
    the parse), and not a name a disease carries ("West Nile virus")."""
    if entity.type not in PLACE_TYPES:
        return ()
    return tuple((s, t) for s, t in entity.mentions
                 if not _eponym(text, t) and (not _demonym(text[s:t]) or _locational(doc, s, t)))


def capital_spans(entity: Entity, text: str) -> tuple[Span, ...]:
    """A state's mentions by its capital's name ("Cairo said"): the state acting, from the city."""
    if entity.type != "COUNTRY" or not entity.country:
        return ()
    gaz = gazetteer()
    return tuple((s, t) for s, t in entity.mentions
                 if (known := gaz.lookup(text[s:t])) is not None and known.capital_of == entity.country)


def _eponym(text: str, end: int) -> bool:
    after = text[end:end + 24].split(maxsplit=1)
    word = after[0].casefold().strip(".,;:)") if after else ""
    return word in lexicon.words("eponym_nouns") or word.endswith("virus")  # "Reston ebolavirus"


def _locational(doc: Doc | None, start: int, end: int) -> bool:
    span = doc.char_span(start, end) if doc is not None else None
    if span is None:
        return False
    noun = span.root.head if span.root.dep_ in {"amod", "compound", "nmod"} else span.root
    return noun.lower_ in lexicon.words("location_nouns") or (
        noun.dep_ == "pobj" and noun.head.lower_ in LOCATION_PREPOSITIONS)


def _demonym(word: str) -> bool:
    gaz = gazetteer()
    return bool(gaz.demonym(word) or (word.endswith("s") and gaz.demonym(word[:-1])))


def find_cues(places: list[Entity], text: str, url: str | None = None) -> Cues:
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
    return Cues(tuple(dict.fromkeys(containers)), kind_words, dateline(text), source_country(url))


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


def source_country(url: str | None) -> str | None:
    """The country of a source whose address ends in its country's code ("abc.net.au" -> AU,
    "bbc.co.uk" -> GB); codes sold as generic names (.co, .io, .tv, .me) say nothing."""
    host = (urlsplit(url).hostname or "") if url else ""
    code = host.rsplit(".", 1)[-1].upper()
    if len(code) != 2 or code.casefold() in GENERIC_TLDS:
        return None
    code = {"UK": "GB"}.get(code, code)
    return code if pycountry.countries.get(alpha_2=code) else None


def dateline(text: str) -> tuple[str, str | None] | None:
    found = DATELINE.match(text[:120])
    return (found.group(1), found.group(2)) if found else None
