"""Places the NER missed: gazetteer matching over proper-noun spans no mention covers.

spaCy's small model leaves out many places ("Explosions were heard in Kyiv", "KYIV, Ukraine
(Reuters) -", Ukrainian towns). A run of proper nouns that no mention covers becomes a place
mention when the gazetteer knows it by its primary name and the evidence is strong enough not to
flood common words and surnames:
- a state, or a city of a million people or more: always;
- a first-level region, or a smaller city (15,000 or more): only right after a place
  preposition ("near Bakhmut") or as the dateline.
Tokens spaCy gave any entity label (a DATE "March", a PERSON) and short words are left alone.
`missed_places(doc, mentions)` returns the extra mentions; `mentions.find_mentions` may add them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsgraph.extract import lexicon
from newsgraph.extract.places.cues import dateline, kind_word
from newsgraph.extract.places.index import GeoEntry, geo_index
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.extract.places.resolution import namesakes
from newsgraph.model import Mention

# "of" is left out: "the party of Independence" is no town.
PLACE_PREPOSITIONS = frozenset({"in", "near", "from", "outside", "around", "across", "into", "at", "to",
                                "towards", "toward"})
BIG_CITY = 1_000_000
TOWN = 15_000
MAX_TOKENS = 3
KIND_TYPES = {"country": "COUNTRY", "historic": "COUNTRY", "admin1": "REGION", "city": "CITY"}


@dataclass(frozen=True)
class _Page:
    """What every candidate consults, computed once per document: `Doc.text` is rebuilt from
    the tokens on each access, so reading it per candidate made long articles quadratic."""

    text: str
    dateline: tuple[str, str | None] | None
    name_like: tuple[bool, ...]  # per token: could it be part of a place name


def missed_places(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    text = doc.text
    page = _Page(text, dateline(text), tuple(_name_like(t) for t in doc))
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        span = _longest_place(doc, i, taken, page) if page.name_like[i] else None
        if span is None:
            i += 1
            continue
        found.append(span)
        taken.append((span.start, span.end))
        i = doc.char_span(span.start, span.end, alignment_mode="expand").end
    return found


def _longest_place(doc: Doc, i: int, taken: list[tuple[int, int]], page: _Page) -> Mention | None:
    for size in range(MAX_TOKENS, 0, -1):
        span = doc[i:i + size]
        if len(span) == size and all(page.name_like[i:i + size]) and not _overlaps(span, taken):
            mention = _mention(span, page)
            if mention:
                return mention
    return None


def _name_like(token) -> bool:
    """A proper noun written as a name (Title or CAPITALS), not a stop word or a known non-entity."""
    return (token.tag_ in {"NNP", "NNPS"} and (token.is_title or token.is_upper) and not token.is_stop
            and not token.ent_type_ and len(token) > 3 and token.text not in lexicon.words("not_entities"))


def _overlaps(span: Span, taken: list[tuple[int, int]]) -> bool:
    return any(s < span.end_char and span.start_char < e for s, e in taken)


def _mention(span: Span, page: _Page) -> Mention | None:
    entry = _strong_entry(span, page)
    if entry is None:
        return None
    known = gazetteer().lookup(span.text)
    if known and known.type == KIND_TYPES[entry.kind]:
        name, country = known.name, known.country
    elif entry.kind in {"country", "historic"} and entry.country and gazetteer().country(entry.country):
        name, country = gazetteer().country(entry.country).name, entry.country
    else:
        name, country = span.text if not span.text.isupper() else entry.name, entry.country
    return Mention(span.start_char, span.end_char, span.text, KIND_TYPES[entry.kind], name, country)


def _strong_entry(span: Span, page: _Page) -> GeoEntry | None:
    entries = [e for e in geo_index().lookup(span.text) if not e.alternate and e.kind in KIND_TYPES]
    if not entries:
        return None
    cities = [c for _, c in namesakes(entries)]  # "Kyiv" the city, not the region around it
    states = [e for e in entries if e.kind in {"country", "historic"}]
    named = [e for e in entries if e.kind == kind_word(page.text, span.start_char, span.end_char)]  # "the Donetsk region"
    best = (states or named or cities or [max(entries, key=lambda e: (e.kind != "city", e.population))])[0]
    placed = _after_preposition(span) or _in_dateline(span, page) or bool(named)
    if best.kind in {"country", "historic"} or (best.kind == "city" and best.population >= BIG_CITY):
        return best
    if placed and (best.kind == "admin1" or best.population >= TOWN):
        return best
    return None


def _after_preposition(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in PLACE_PREPOSITIONS


def _in_dateline(span: Span, page: _Page) -> bool:
    return bool(page.dateline) and span.start_char < 4 and span.text == page.dateline[0]
