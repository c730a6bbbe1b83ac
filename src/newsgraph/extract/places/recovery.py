"""Places the NER missed or mislabelled: gazetteer names in a place context.

spaCy's small model leaves out many places ("Explosions were heard in Kyiv", "KYIV, Ukraine
(Reuters) -", Ukrainian towns) and calls others a person or a body ("infected in Nottingham",
"officials in Krasnodar, Russia"). Two passes put them back, both guarded against common words
and surnames by the evidence they ask for:

- `named_places`: a mention typed ORG or PERSON becomes a place when the gazetteer knows its
  whole name by a primary name and the text puts it somewhere: after a place preposition ("in",
  "near", "from"), before ", Y" with Y a known container, next to a place in a list ("Cairo,
  Giza and Al-Minya"), with a kind word ("the town of X", "X province") or as the dateline.
  A name that is part of a person's name in the same article ("Jordan" of "Michael Jordan"),
  that follows an honorific, that carries an organisation word, or that the article also writes
  in lower case ("mission") stays what it was.
- `missed_places`: a run of proper nouns that no mention covers becomes a place mention when it
  is a state or a city of a million people (always), or a first-level region, county or town of
  15,000 people in a place context as above. Tokens spaCy gave any entity label (a DATE "March")
  and short words are left alone, save abbreviations in capitals the gazetteer knows ("NSW").

Both are linear in the article: covered characters are marked once in an array, not compared
against every mention found so far.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from collections import defaultdict
from dataclasses import dataclass, replace

from lemminflect import getAllLemmas
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_LOWER, IS_STOP, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH, TAG
from spacy.tokens import Doc, Span

from newsgraph.extract import lexicon
from newsgraph.extract.places.cues import dateline, kind_word
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.extract.places.index import GeoEntry, geo_index
from newsgraph.extract.places.resolution import namesakes, without_town_counties
from newsgraph.model import PLACE_TYPES, Mention

# "of" is left out: "the party of Independence" is no town.
PLACE_PREPOSITIONS = frozenset({"in", "near", "from", "outside", "around", "across", "into", "at", "to",
                                "towards", "toward", "throughout", "within", "inside"})
# a name NER called a person or body moves only after these: "according to X", "spoke to X" are people
RETYPING_PREPOSITIONS = PLACE_PREPOSITIONS - {"to", "towards", "toward", "at"}
BIG_CITY = 1_000_000
TOWN = 15_000
MAX_TOKENS = 3
KIND_TYPES = {"country": "COUNTRY", "historic": "COUNTRY", "admin1": "REGION", "admin2": "REGION", "city": "CITY"}
MISLABELLED = frozenset({"ORG", "PERSON"})
BODY_TYPES = frozenset({"ORG", "IGO", "GOVERNMENT"})
STATE_KINDS = frozenset({"country", "historic"})
LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")  # "Cairo, Giza and Al-Minya"
CONTAINER_GAP = re.compile(r"^\s*,\s*$")                                    # "Krasnodar, Russia"
PAGE_KEY = "newsgraph.places.page"
UNKEPT_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})  # labels mentions.py drops: "Calcutta" as a PRODUCT
TOKEN_COLUMNS = [IS_LOWER, IS_ALPHA, IS_TITLE, IS_UPPER, IS_STOP, TAG, ENT_TYPE, LENGTH, LOWER, ORTH]
LOWER_AT = TOKEN_COLUMNS.index(LOWER)


@dataclass(frozen=True)
class _Page:
    """What every candidate consults, computed once per document: `Doc.text` is rebuilt from
    the tokens on each access, so reading it per candidate made long articles quadratic."""

    text: str
    dateline: tuple[str, str | None] | None
    name_like: tuple[bool, ...]       # per token: could it be part of a place name
    lower_words: frozenset[str]       # words the article writes in lower case somewhere
    tokens: int                       # tokens of the Doc it was read from


class _Coverage:
    """Which characters a mention already covers: one array, so each check costs the span's length."""

    def __init__(self, size: int, spans: Sequence[tuple[int, int]]) -> None:
        self._covered = bytearray(size + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self._covered[start:end])


class _Places:
    """The place mentions found so far, in text order, for neighbour look-ups by bisection."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted((m for m in mentions if m.type in PLACE_TYPES), key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def add(self, mention: Mention) -> None:
        i = bisect_right(self._starts, mention.start)
        self._starts.insert(i, mention.start)
        self.mentions.insert(i, mention)

    def following(self, position: int) -> Mention | None:
        """The first place starting at or after `position`."""
        i = bisect_left(self._starts, position)
        return self.mentions[i] if i < len(self.mentions) else None

    def preceding(self, position: int) -> Mention | None:
        """The last place that starts before `position`."""
        i = bisect_left(self._starts, position)
        return self.mentions[i - 1] if i > 0 else None


def _page(doc: Doc) -> _Page:
    """The document's page, read once: both passes and `nested_places` share it. The Doc holds it
    in `user_data` until `missed_places`, the last pass, drops it (it is no data to serialise)."""
    page = doc.user_data.get(PAGE_KEY)
    if page is None or page.tokens != len(doc):
        text = doc.text
        strings = doc.vocab.strings
        rows = doc.to_array(TOKEN_COLUMNS).tolist()  # one array: a Token object per word costs more
        lower = frozenset(strings[row[LOWER_AT]] for row in rows if row[0] and row[1])
        name_like = tuple(_name_like(row, strings) for row in rows)
        page = doc.user_data[PAGE_KEY] = _Page(text, dateline(text), name_like, lower, len(doc))
    return page


# -- mentions typed ORG or PERSON that name a place ---------------------------------------------
def named_places(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, with persons and bodies that the text puts on the map retyped as places."""
    page = _page(doc)
    person_words: dict[str, set[str]] = defaultdict(set)  # word -> the person names it is part of
    for m in mentions:
        if m.type == "PERSON" and " " in m.text:
            for word in m.text.split():
                person_words[word].add(m.text)
    places = _Places(mentions)
    result = []
    for mention in mentions:  # in text order, so a retyped place vouches for the next in a list
        place = _as_place(doc, mention, page, places, person_words)
        if place:
            places.add(place)
        result.append(place or mention)
    return _same_name_same_place(result, places.mentions, person_words)


def _same_name_same_place(mentions: list[Mention], places: list[Mention],
                          person_words: dict[str, set[str]]) -> list[Mention]:
    """One name, one sense in an article: once the text puts "Malakal" on the map, its other
    mentions that NER called a person or body ("flights to Malakal", "Malakal's clinic") follow."""
    by_text = {m.text: m for m in places
               if m.type in KIND_TYPES.values() and not m.metonym and _primary_entries(m.text)}
    return [replace(by_text[m.text], start=m.start, end=m.end)
            if m.type in MISLABELLED and m.text in by_text and not m.metonym and _plain_name(m.text, person_words)
            else m for m in mentions]


def _as_place(doc: Doc, mention: Mention, page: _Page, places: _Places,
              person_words: dict[str, set[str]]) -> Mention | None:
    if mention.type not in MISLABELLED or mention.metonym or not _plain_name(mention.text, person_words):
        return None
    span = doc.char_span(mention.start, mention.end)
    if span is None or _after_honorific(span) or mention.text.casefold() in page.lower_words:
        return None
    entries = _primary_entries(mention.text)
    if not entries:
        return None
    entry = _best(entries, page, span)
    if entry.kind not in STATE_KINDS and _common_word(mention.text):
        return None  # "Mission", "Delta": a word first, a place name second
    container = _container_after(span, page, places, entries)
    if container or kind_word(page.text, span.start_char, span.end_char):
        return _place_mention(span, container or entry)
    if not (_after_preposition(span, RETYPING_PREPOSITIONS) or _in_dateline(span, page)
            or _listed_with_place(span, page, places) or _before_city_noun(span)):
        return None
    return _place_mention(span, entry) if _important(entry) else None


def _plain_name(text: str, person_words: dict[str, set[str]]) -> bool:
    """A name with no organisation word that is no part of another person's name in the article."""
    known = gazetteer().lookup(text)
    if known is not None and known.type not in PLACE_TYPES:
        return False  # a body or group the lexicons name ("Hamas", "NATO")
    return not any(w in lexicon.words("org_words") or person_words.get(w, set()) - {text} for w in text.split())


def _after_honorific(span: Span) -> bool:
    before = span.doc[span.start - 1].text if span.start > 0 else ""
    return before in lexicon.words("honorifics") or before.rstrip(".") in lexicon.words("honorifics")


def _container_after(span: Span, page: _Page, places: _Places, entries: list[GeoEntry]) -> GeoEntry | None:
    """"Krasnodar, Russia": the entry of this name that the following place holds."""
    following = places.following(span.end_char)
    if following is None or following.start - span.end_char > 3 \
            or not CONTAINER_GAP.match(page.text[span.end_char:following.start]):
        return None
    outer = geo_index().lookup(following.text)
    inside = [e for e in entries if any(o.contains(e) for o in outer)]
    return max(inside, key=lambda e: e.population) if inside else None


def _listed_with_place(span: Span, page: _Page, places: _Places) -> bool:
    """A member of a list whose neighbour is a place ("Cairo, Giza and Al-Minya")."""
    before, after = places.preceding(span.start_char), places.following(span.end_char)
    return bool(before and 0 <= span.start_char - before.end <= 6
                and LIST_GAP.match(page.text[before.end:span.start_char])) \
        or bool(after and after.start - span.end_char <= 6 and LIST_GAP.match(page.text[span.end_char:after.start]))


# -- place names inside the names of bodies -----------------------------------------------------
def nested_places(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """A state or region that opens a body's name: "U.S." of "the U.S. Centers for Disease
    Control", "California" of "the California Department of Public Health". The body keeps its
    whole name; the place is a mention of its own inside it. Only the opening words: the body's
    head word comes last, so what refers to the body ("professor at the University of Ghana")
    still finds the body, not the state."""
    lower_words = _page(doc).lower_words
    found = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end) if mention.type in BODY_TYPES else None
        if span is None or len(span) < 2:
            continue
        for size in range(min(MAX_TOKENS, len(span) - 1), 0, -1):
            entry = _nested_entry(span[:size], lower_words)
            body = any(t.text in lexicon.words("org_words") for t in span[size:])
            if entry and (entry.kind in STATE_KINDS or body):  # "Preah Vihear Temple" is no body of a region
                found.append(_place_mention(span[:size], entry))
                break
    return found


def _nested_entry(part: Span, lower_words: frozenset[str]) -> GeoEntry | None:
    """A state, or a region the curated gazetteer knows and no town shares its name with
    ("California", not "Haifa")."""
    if not part.text[:1].isupper() or part.text.casefold() in lower_words or part.text in lexicon.words("not_entities"):
        return None
    entries = _primary_entries(part.text)
    states = [e for e in entries if e.kind in STATE_KINDS]
    regions = [e for e in entries if e.kind == "admin1" and not _common_word(part.text)]
    towns = [e for e in entries if e.kind == "city" and e.population >= TOWN]
    if states or (regions and not towns and gazetteer().lookup(part.text) is not None):
        return (states or regions)[0]
    return None


# -- proper nouns no mention covers -------------------------------------------------------------
def missed_places(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Place mentions no mention covers, then those inside bodies' names (`nested_places`)."""
    found = _uncovered_places(doc, mentions) + nested_places(doc, mentions)
    doc.user_data.pop(PAGE_KEY, None)
    return found


def _uncovered_places(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    page = _page(doc)
    coverage = _Coverage(len(page.text), [(m.start, m.end) for m in mentions])
    places = _Places(mentions)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        span = _longest_place(doc, i, coverage, page, places) if page.name_like[i] else None
        if span is None:
            i += 1
            continue
        found.append(span)
        places.add(span)
        coverage.add(span.start, span.end)
        i = doc.char_span(span.start, span.end, alignment_mode="expand").end
    return found


def _longest_place(doc: Doc, i: int, coverage: _Coverage, page: _Page, places: _Places) -> Mention | None:
    for size in range(MAX_TOKENS, 0, -1):
        span = doc[i:i + size]
        if len(span) == size and all(page.name_like[i:i + size]) \
                and not coverage.overlaps(span.start_char, span.end_char):
            entry = _strong_entry(span, page, places)
            if entry:
                return _place_mention(span, entry)
    return None


def _name_like(row: list[int], strings) -> bool:
    """A proper noun written as a name (Title or CAPITALS), not a stop word, not in an entity, not a
    known non-entity; short words only as abbreviations in capitals ("NSW"). `row` holds the
    token's TOKEN_COLUMNS."""
    _, alpha, title, upper, stop, tag, ent_type, length, _, orth = row
    if not (title or upper) or strings[tag] not in {"NNP", "NNPS"} or stop \
            or (ent_type and strings[ent_type] not in UNKEPT_LABELS):
        return False
    return (length > 3 or (upper and length >= 2 and alpha)) and strings[orth] not in lexicon.words("not_entities")


def _strong_entry(span: Span, page: _Page, places: _Places) -> GeoEntry | None:
    entries = _primary_entries(span.text)
    if not entries:
        return None
    best = _best(entries, page, span)
    if _short(span) and best.kind not in {"country", "admin1"}:
        return None  # a capitalised abbreviation names a state or a province, never a village
    if best.kind in {"country", "historic"} or (best.kind == "city" and best.population >= BIG_CITY):
        return best
    placed = (_after_preposition(span) or _in_dateline(span, page) or _before_city_noun(span)
              or bool(kind_word(page.text, span.start_char, span.end_char))
              or _listed_with_place(span, page, places)
              or _container_after(span, page, places, [best]) is not None)
    return best if placed and _important(best) and span.text.casefold() not in page.lower_words \
        and not _common_word(span.text) else None


def _short(span: Span) -> bool:
    return len(span) == 1 and len(span.text) <= 3


# -- shared -------------------------------------------------------------------------------------
def _primary_entries(name: str) -> list[GeoEntry]:
    return without_town_counties([e for e in geo_index().lookup(name) if not e.alternate and e.kind in KIND_TYPES])


def _best(entries: list[GeoEntry], page: _Page, span: Span) -> GeoEntry:
    """States first, then the kind the text names ("the Donetsk region"), then a namesake city
    ("Kyiv" the city, not the region around it), then the most important."""
    cities = [c for _, c in namesakes(entries)]
    states = [e for e in entries if e.kind in {"country", "historic"}]
    kind = kind_word(page.text, span.start_char, span.end_char)
    named = [e for e in entries if kind and e.kind in ({"admin1", "admin2"} if kind == "admin1" else {kind})]
    return (states or named or cities or [max(entries, key=lambda e: (e.kind != "city", e.population))])[0]


def _common_word(text: str) -> bool:
    """An English word in its own right ("Free" of "Free State", "Delta", "Mission"), by the
    lemma dictionary; place names ("Texas", "Punjab") are not in it."""
    return " " not in text and bool(getAllLemmas(text.casefold()))


def _important(entry: GeoEntry) -> bool:
    return entry.kind != "city" or entry.population >= TOWN


def _after_preposition(span: Span, prepositions: frozenset[str] = PLACE_PREPOSITIONS) -> bool:
    """Governed by a place preposition: "in Kyiv", "into Darfur and Malakal" (a conjunct of its
    object), "in the Glasgow area" (naming an area noun its object is)."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in prepositions:
        return True
    head = span.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ in {"compound", "nmod"} and head.head.lower_ in lexicon.words("location_nouns"):
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in prepositions


def _before_city_noun(span: Span) -> bool:
    """"Esperance residents", "the Moscow mayor": a name that modifies a noun of city life."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in lexicon.words("city_nouns")


def _in_dateline(span: Span, page: _Page) -> bool:
    return bool(page.dateline) and span.start_char < 4 and span.text == page.dateline[0]


def _place_mention(span: Span, entry: GeoEntry) -> Mention:
    known = gazetteer().lookup(span.text)
    type_ = KIND_TYPES[entry.kind]
    if known and known.type == type_:
        name, country = known.name, known.country
    elif entry.kind in {"country", "historic"} and entry.country and gazetteer().country(entry.country):
        name, country = gazetteer().country(entry.country).name, entry.country
    else:  # "KYIV" and "NSW" take the gazetteer's name, other names the article's spelling
        name, country = entry.name if span.text.isupper() else span.text, entry.country
    return Mention(span.start_char, span.end_char, span.text, type_, name, country)
