"""Typed mentions of actors and places: spaCy NER repaired by an entity ruler and the gazetteer.

Each spaCy entity span is trimmed ("the", possessive "'s"), then typed with the spec's types:
the gazetteer tells a country from a city from a region, demonyms become their state ("Chinese
companies" -> China), and a capital used as an actor stands for its state ("Beijing said")
while a capital used as a place stays a city ("in Beijing", "a Beijing-based group").
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Span

from newsgraph.extract import lexicon
from newsgraph.extract.places.gazetteer import Known, gazetteer
from newsgraph.extract.places.recovery import missed_places, named_places
from newsgraph.model import Mention

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})
DROPPED_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})  # mostly noise in political news
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "inside", "outside", "around", "across",
                                "into", "within", "throughout", "via", "to"})
REGION_WORDS = frozenset({"state", "province", "region", "county", "oblast"})
NAMING_WORDS = frozenset({"known", "named", "renamed", "called"})  # "then known as Astana": a place
TRIMMED_LABELS = frozenset({"GPE", "NORP", "PERSON"})  # "Kazakh city" -> "Kazakh"
SITE_MODIFIERS = ["oil", "gas", "and", "air", "naval", "nuclear", "power"]
JUNK_CHARACTERS = frozenset('<>=/\\{}|"@#')
COMMON_WORD_TAGS = frozenset({"NN", "NNS", "VBG", "VBN", "JJ", "RB", "IN"})
LEADING_WORDS = frozenset({"the", "ethnic"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
LABEL_TYPES = {"FAC": "LOCATION", "LOC": "LOCATION", "EVENT": "OTHER", "LAW": "OTHER", "ORG": "ORG",
               "PERSON": "PERSON", "GPE": "CITY", "NORP": "GROUP"}


def add_entity_ruler(nlp: Language) -> None:
    """Put the bundled lexicons in front of spaCy's NER as exact-case patterns."""
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_ruler_patterns())


def _ruler_patterns() -> list[dict]:
    patterns = []
    for name, label in _lexicon_names():
        patterns.append({"label": label, "pattern": name})
    patterns.append({"label": "LOCATION", "pattern": [
        {"POS": "PROPN", "OP": "+"},
        {"LOWER": {"IN": SITE_MODIFIERS}, "OP": "*"},
        {"LOWER": {"IN": sorted(lexicon.words("site_nouns"))}},
    ]})
    return patterns


def _lexicon_names() -> list[tuple[str, str]]:
    names = []
    for row in lexicon.rows("igos"):
        names += [(n, "IGO") for n in [row["name"], *row["acronyms"].split(","), *row["aliases"].split(";")]]
    for row in lexicon.rows("organisations"):
        names += [(n, "ORG") for n in [row["name"], *row["aliases"].split(";")]]
    for row in lexicon.rows("named_things"):
        names += [(n, row["type"]) for n in [row["name"], *row["aliases"].split(";")]]
    generic = lexicon.words("not_entities")
    return [(n.strip(), label) for n, label in names
            if n.strip() and n.strip()[0].isupper() and n.strip() not in generic]


def find_mentions(doc) -> list[Mention]:
    """Every typed mention of an actor or place in the parsed document, in text order."""
    found: list[Mention] = []
    covered = 0
    for ent, label in _name_spans(doc):
        if ent.start < covered:
            continue  # inside a body's name taken whole ("High Court of Eastern Denmark")
        extended, label = _extend_organisation(ent, label)
        covered = extended.end
        nickname = _nickname(extended) if label == "PERSON" else None
        if nickname is not None:
            found.extend(_nicknamed(extended, nickname))
            continue
        for piece, piece_label in _split_at_title(extended, label):
            span = _trim(piece, piece_label)
            if span is not None and _plausible(span, definite=ent[0].lower_ == "the") \
                    and not _common_word(span, piece_label):
                found.extend(_classify(span, piece_label, ethnic=ent[0].lower_ == "ethnic"))
    found += _untagged_person_names(doc, found)
    found += _untagged_titled_names(doc, found)
    found = named_places(doc, found)  # persons and bodies the text puts on the map ("in Nottingham")
    recovered = missed_places(doc, found)  # places spaCy did not tag ("in Kyiv"): places/recovery.py
    return found + [_capital_as_actor(doc, m) for m in recovered]


def _name_spans(doc) -> list[tuple[Span, str]]:
    """NER's name spans, with names it cut at a particle joined again ("Ursula von der" +
    "Leyen"), and "X administration" made the body it names."""
    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS or ent.label_ in DROPPED_LABELS:
            continue
        if spans and ent.label_ == "PERSON" and _after_nickname(spans[-1][0], ent):
            spans.append((doc[spans.pop()[0].start:ent.end], "PERSON"))
        elif spans and _joined_by_particles(spans[-1][0], ent):
            previous, label = spans.pop()
            spans.append((doc[previous.start:ent.end], "PERSON" if label == "PERSON" else "ORG"))
        elif spans and _body_within(spans[-1], ent):
            spans.append((doc[spans.pop()[0].start:ent.end], "ORG"))
        else:
            spans.append((_with_given_names(ent), ent.label_))
    return [_government_of(span, label) for span, label in spans]


def _with_given_names(ent: Span) -> Span:
    """"Ion" + "Vartanescu" (PERSON): given names NER left out in front of a person's name."""
    start, doc = ent.start, ent.doc
    if ent.label_ != "PERSON":
        return ent
    while start > 0 and ent.start - start < 2 and _bare_name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
        start -= 1
    return doc[start:ent.end]


def _bare_name_word(token) -> bool:
    """A capitalised proper noun NER left untagged that is neither a title nor a state, region
    or demonym ("Colombia" in "the President of Colombia Alvaro Uribe")."""
    known = gazetteer().lookup(token.text)  # a city's name may be a given name ("Riad"), a state's not
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and not _title_word(token) \
        and (known is None or known.type == "CITY") and gazetteer().demonym(token.text) is None


def _title_word(token) -> bool:
    """"Secretary", "Ambassador", "Mr.": a title or honorific, never a given name."""
    return token.text in lexicon.words("honorifics") or token.lower_ in _title_words()


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    titles = {row["title"].lower() for row in lexicon.rows("titles")}
    return frozenset(word for title in titles for word in title.split())


QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})


def _after_nickname(given: Span, surname: Span) -> bool:
    """"Tzipora Malka" + '"Tzipi"' + "Livni": NER cut the name at the nickname."""
    between = given.doc[given.end:surname.start]
    return len(between) == 3 and between[0].text in QUOTES and between[2].text in QUOTES \
        and between[1].is_title and given[-1].is_title


def _nickname(span: Span):
    """The quoted word inside a person's name ("Benjamin "Bibi" Netanyahu"), or None."""
    for i in range(span.start + 1, span.end - 2):
        doc = span.doc
        if doc[i].text in QUOTES and doc[i + 2].text in QUOTES and doc[i + 1].is_title and i + 3 < span.end:
            return doc[i + 1]
    return None


def _nicknamed(span: Span, nickname) -> list[Mention]:
    """The full name without its nickname, and the nickname as a mention of the same person."""
    words = [t.text for t in span if t.i not in (nickname.i - 1, nickname.i, nickname.i + 1)]
    name = _strip_honorifics(" ".join(words))
    return [Mention(span.start_char, span.end_char, span.text, "PERSON", name),
            Mention(nickname.idx, nickname.idx + len(nickname.text), nickname.text, "PERSON", name)]


def _joined_by_particles(first: Span, second: Span) -> bool:
    particles = lexicon.words("name_particles")
    between = first.doc[first.end:second.start]
    if any(t.text not in particles for t in between):
        return False
    if all(t.lower_ in particles for t in first):
        return True  # "(Von) der" + "Leyen"
    inner = [t for t in first if t.i > first.start and t.text in particles]
    return bool(len(between) or (inner and inner[-1].i == first.end - 1))


def _body_within(parent: tuple[Span, str], body: Span) -> bool:
    """"United Nations" + "General Assembly": a body inside a known one is named whole."""
    span, label = parent
    between = span.doc[span.end:body.start]
    return label in {"IGO", "ORG"} and len(between) <= 2 and all(t.is_title for t in between) \
        and body.label_ in {"ORG", "PERSON"} and body[-1].text in lexicon.words("org_words")


def _government_of(span: Span, label: str) -> tuple[Span, str]:
    """"the Bush administration", "the George W. Bush Administration": a government, never a
    person. The body is an ORG named with its head word."""
    doc, bodies = span.doc, lexicon.words("state_bodies") - {"state"}  # "Washington State"
    if span[-1].lower_ in bodies and len(span) > 1 and label in {"PERSON", "ORG"}:
        return span, "GOVERNMENT"
    if label == "PERSON" and span.end < len(doc) and doc[span.end].lower_ in bodies:
        return doc[span.start:span.end + 1], "GOVERNMENT"
    return span, label


def _capital_as_actor(doc, mention: Mention) -> Mention:
    """A recovered capital that acts ("Kyiv said") stands for its state, as a tagged one does."""
    known = gazetteer().lookup(mention.text)
    span = doc.char_span(mention.start, mention.end)
    if mention.type != "CITY" or known is None or not known.capital_of or span is None:
        return mention
    return _from_known(span, known)


def _untagged_person_names(doc, found: list[Mention]) -> list[Mention]:
    """Proper nouns NER left untagged that repeat a known person's name part ("Tokayev thanked")."""
    parts = {part for m in found if m.type == "PERSON" and " " in m.name for part in m.name.split()}
    parts -= lexicon.words("honorifics") | lexicon.words("name_particles")
    if not parts:
        return []
    taken = {i for m in found for i in range(m.start, m.end)}
    return [Mention(t.idx, t.idx + len(t.text), t.text, "PERSON", t.text)
            for t in doc if t.pos_ == "PROPN" and t.text in parts and not t.ent_type_ and t.idx not in taken]


def _untagged_titled_names(doc, found: list[Mention]) -> list[Mention]:
    """Two to four capitalised proper nouns NER left untagged right after a title ("the President
    of Georgia Mikheil Saakashvili announced"): a person."""
    taken = {i for m in found for i in range(m.start, m.end)}
    honorifics, names, i = lexicon.words("honorifics"), [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 4 and _bare_name_word(doc[j]) and doc[j].idx not in taken:
            j += 1
        before = doc[i - 1] if i > 0 else None
        titled = before is not None and (before.text in honorifics or (
            (before.ent_type_ in {"GPE", "NORP"} or gazetteer().lookup(before.text) is not None)
            and any(t.text in honorifics for t in doc[max(0, i - 4):i])))
        if j - i >= 2 and titled and not _has_org_word(doc[i:j].text) \
                and gazetteer().lookup(doc[i:j].text) is None:
            span = doc[i:j]
            names.append(Mention(span.start_char, span.end_char, span.text, "PERSON", span.text))
        i = max(j, i + 1)
    return names


def _plausible(span: Span, *, definite: bool) -> bool:
    """Markup debris, URLs and generic words ("State" of "Secretary of State") name no actor."""
    text = span.text
    if len(text) > 80 or not any(c.isupper() for c in text) or any(c in JUNK_CHARACTERS for c in text):
        return False  # names are capitalised; "the metro" tagged GPE is not one
    if _touches(span, "_"):
        return False  # wiki markup ("__NOTOC__")
    return definite or text not in lexicon.words("not_entities")


def _common_word(span: Span, label: str) -> bool:
    """A capitalised common noun opening a sentence, tagged a person or body ("Turnout was high")."""
    token = span[0]
    before = token.doc[token.i - 1] if token.i > 0 else None
    opens = token.is_sent_start or (before is not None and before.is_space and before.is_sent_start)
    return label in {"PERSON", "ORG"} and len(span) == 1 and opens and (
        token.tag_ in COMMON_WORD_TAGS or _written_lower(token))


def _written_lower(token) -> bool:
    """The article writes the word in lower case elsewhere ("Riot police ... riot police")."""
    lower = token.lower_
    return lower != token.text and any(t.text == lower for t in token.doc)


def _touches(span: Span, character: str) -> bool:
    """The character right before or after the span is `character`. Read from the neighbouring
    tokens: `doc.text` rebuilds the whole text on every call (quadratic over an article)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (before is not None and not before.whitespace_ and before.text.endswith(character)) or \
        (after is not None and not span[-1].whitespace_ and after.text.startswith(character))


def _extend_organisation(ent: Span, label: str) -> tuple[Span, str]:
    """An IGO acronym followed by an organisation head word is a body of its own ("OSCE Academy")."""
    end, doc = ent.end, ent.doc
    while end < len(doc) and doc[end].text in lexicon.words("org_words") and doc[end].is_title \
            and not doc[end].ent_type_:
        end += 1
    if end > ent.end:
        return doc[ent.start:end], "ORG"
    return (_of_place(ent), "ORG") if label == "ORG" and ent[-1].text in lexicon.words("org_words") else (ent, label)


def _of_place(body: Span) -> Span:
    """"High Court" + "of Eastern Denmark": a body's name goes on over "of" and a place."""
    doc, end = body.doc, body.end
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return body
    for size in (3, 2, 1):
        place = doc[end + 1:end + 1 + size]
        if len(place) == size and all(t.is_title and t.pos_ == "PROPN" for t in place) \
                and (gazetteer().lookup(place.text) or gazetteer().lookup(place[1:].text)):
            return doc[body.start:place.end]
    return body


def _split_at_title(span: Span, label: str) -> list[tuple[Span, str]]:
    """"Kazakh President Kassym-Jomart Tokayev" tagged as one ORG: a state, a title, a person.
    "Atta Mills's NDC" and "National Democratic Congress (NDC": two names each."""
    if span[-1].text in lexicon.words("org_words"):
        return [(span, label)]  # "United Nations General Assembly": a title inside a body's name
    for token in span[1:-1]:
        if token.text in POSSESSIVES or token.text == "(":
            owned = span.doc[token.i + 1:span.end]
            return [(span.doc[span.start:token.i], label), (owned, "ORG" if _acronym(owned.text) else label)]
    honorifics = lexicon.words("honorifics")
    for i in range(span.start + 1, span.end - 1):
        for size in (2, 1):
            if " ".join(t.text for t in span.doc[i:i + size]) in honorifics and i + size < span.end \
                    and all(t.pos_ == "PROPN" for t in span.doc[i + size:span.end]):
                return [(span.doc[span.start:i], "NORP"), (span.doc[i + size:span.end], "PERSON")]
    return [(span, label)]


def _trim(ent: Span, label: str) -> Span | None:
    start, end, doc = ent.start, ent.end, ent.doc
    while start < end - 1 and (doc[start].lower_ in LEADING_WORDS or _lead_word(doc[start])):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct
                           or (label in TRIMMED_LABELS and doc[end - 1].is_lower and not _hyphened(doc[end - 1]))
                           or (label == "ORG" and end - start > 1 and doc[end - 1].text in lexicon.words("honorifics"))):
        end -= 1
    return doc[start:end] if end > start else None


def _lead_word(token) -> bool:
    """"all World Heritage Sites", "Near Barkhor, one man said": not part of the name."""
    return token.lower_ in lexicon.words("lead_words") and (token.is_lower or token.is_sent_start)


def _hyphened(token) -> bool:
    """The lower-case end of a hyphenated name ("Ban Ki-moon", "Jang Dae-hyun")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.text == "-" and not before.whitespace_ and token.i >= 2 \
        and not token.doc[token.i - 2].whitespace_


def _acronym(text: str) -> bool:
    """"NDC", "A.U.": capitals, full stops allowed."""
    letters = text.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _mention(span: Span, type_: str, name: str, country: str | None = None, metonym: bool = False) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, type_, name, country, metonym)


def _classify(span: Span, label: str, *, ethnic: bool) -> list[Mention]:
    gaz = gazetteer()
    text = span.text
    compound = _demonym_compound(span)
    if compound:
        return compound
    state = gaz.demonym(text)
    if state:
        return [_mention(span, "COUNTRY", state.name, state.country, metonym=True)]
    plural_state = gaz.demonym(text[:-1]) if text.endswith("s") else None
    if plural_state:
        if ethnic:
            return [_mention(span, "GROUP", text)]
        return [_mention(span, "COUNTRY", plural_state.name, plural_state.country, metonym=True)]
    seat = _seat_state(text)
    if seat is not None:  # the state when it acts, else the building ("outside the White House")
        if _acts(span):
            return [_mention(span, "COUNTRY", seat.name, seat.country, metonym=True)]
        return [_mention(span, "LOCATION", text, seat.country)]
    known = gaz.lookup(text)
    if known and _trust(known, label, placed=_after_place_preposition(span)):
        return [_from_known(span, known)]
    return _from_label(span, label)


def _seat_state(text: str) -> Known | None:
    """The state a seat of government stands for ("Kremlin" -> Russia), from seats.tsv."""
    iso = next((row["country"] for row in lexicon.rows("seats") if row["seat"] == text), None)
    return gazetteer().country(iso) if iso else None


def _trust(known: Known, label: str, *, placed: bool) -> bool:
    """Lexicon types override spaCy, but a city name only counts where spaCy saw a place."""
    if known.type == "CITY":  # a capital spaCy called a person or a body ("Kyiv", "Bishkek") is the city
        return label in {"GPE", "LOC", "FAC", "NORP"} or (
            label in {"ORG", "PERSON"} and (known.capital_of is not None or placed) and " " not in known.name)
    if known.type == "REGION":
        return label in {"GPE", "LOC", "NORP", "FAC", "REGION", "ORG"}
    return True


def _from_known(span: Span, known: Known) -> Mention:
    if known.capital_of and _acts(span):
        country = gazetteer().country(known.capital_of)
        if country:
            return _mention(span, "COUNTRY", country.name, country.country, metonym=True)
    return _mention(span, known.type, _spelling(span.text, known.name), known.country)


def _spelling(text: str, canonical: str) -> str:
    """The article's own spelling when it differs from the gazetteer's only by accents."""
    def fold(value: str) -> str:
        decomposed = unicodedata.normalize("NFKD", value.replace("’", "'"))
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return text if fold(text) == fold(canonical) else canonical


def _acts(span: Span) -> bool:
    """Whether a capital is used as an actor rather than as a place."""
    root, doc = span.root, span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "-" and after.i + 1 < len(doc):
        return doc[after.i + 1].lower_ != "based"  # "Beijing-based" is a place, "Moscow-led" an actor
    if after is not None and after.text == "," and _country_follows(doc, after.i + 1):
        return False  # "Bishkek, Kyrgyzstan" and datelines ("KYIV, Ukraine (Reuters) -")
    if after is not None and after.lower_ in REGION_WORDS:
        return False  # "Washington state"
    if span.start >= 2 and doc[span.start - 1].text == "," and _is_city(doc[span.start - 2]):
        return False  # "Seattle, Washington"
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        return root.head.head.lower_ not in NAMING_WORDS  # "as Moscow, an ally" acts
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return False
    if root.dep_ == "compound" and root.head.lower_ in lexicon.words("city_nouns"):
        return False  # "the Moscow mayor"
    return not _named_as_capital(span)


def _after_place_preposition(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in PLACE_PREPOSITIONS


def _is_city(token) -> bool:
    known = gazetteer().lookup(token.text) if token.is_title else None
    return known is not None and known.type == "CITY"


def _country_follows(doc, i: int) -> bool:
    for size in (3, 2, 1):
        if i + size <= len(doc):
            known = gazetteer().lookup(doc[i:i + size].text)
            if known is not None and known.type == "COUNTRY":
                return True
    return False


def _named_as_capital(span: Span) -> bool:
    """"Kazakhstan's capital, Astana" and "Astana, the capital of ...": the city itself."""
    before = span.doc[max(0, span.start - 3):span.start]
    return any(t.lower_ == "capital" for t in before) or any(
        c.dep_ == "appos" and c.lower_ == "capital" for c in span.root.children)


def _from_label(span: Span, label: str) -> list[Mention]:
    if label == "GOVERNMENT":
        return _government(span)
    type_ = label if label in {"IGO", "GROUP", "OTHER", "LOCATION", "COUNTRY", "REGION"} else LABEL_TYPES.get(label)
    if type_ is None:
        return []
    if label == "NORP":
        if span[-1].tag_ not in {"NNS", "NNPS"}:
            return []  # a bare adjective ("Islamic") names no actor
    if type_ in {"ORG", "PERSON"} and span[-1].text in lexicon.words("thing_words"):
        type_ = "OTHER"  # "the Good Friday Agreement" is a document, not a body
    if type_ == "ORG" and _after_title(span) and not _has_org_word(span.text):
        type_ = "PERSON"  # "President Kassym-Jomart Tokayev" tagged ORG
    if type_ == "PERSON" and _acronym(span.text):
        type_ = "ORG"  # "A.U." tagged PERSON: initials of a body, not of a person
    if type_ == "PERSON":
        name = _strip_honorifics(span.text)
        if not name or _has_org_word(name):
            return [_mention(span, "ORG", span.text)] if name else []
        return [_mention(span, "PERSON", name)]
    return [_mention(span, type_, span.text)]


def _government(span: Span) -> list[Mention]:
    """"the Chinese government" speaks for China; "the Bush administration" is a body, an ORG."""
    owner = span[:-1].text
    state = gazetteer().demonym(owner)
    known = gazetteer().lookup(owner)
    if state is None and known is not None and known.type == "COUNTRY":
        state = known
    if state is not None:
        return [_mention(span, "COUNTRY", state.name, state.country, metonym=True)]
    return [_mention(span, "ORG", f"{_strip_honorifics(owner)} {span[-1].lower_}")]


def _has_org_word(name: str) -> bool:
    return any(w in lexicon.words("org_words") for w in name.split())


def _after_title(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.text in lexicon.words("honorifics")


def _demonym_compound(span: Span) -> list[Mention]:
    """"Sino-Russian" names two states: one mention for each part."""
    text = span.text
    if "-" not in text or " " in text:
        return []
    parts, offset, found = text.split("-"), span.start_char, []
    for part in parts:
        state = gazetteer().demonym(part)
        if not state:
            return []
        found.append(Mention(offset, offset + len(part), part, "COUNTRY", state.name, state.country, True))
        offset += len(part) + 1
    return found


def _strip_honorifics(name: str) -> str:
    honorifics = lexicon.words("honorifics")
    words = name.split()
    while words:
        for size in (2, 1):
            if len(words) > size and " ".join(words[:size]) in honorifics:
                words = words[size:]
                break
        else:
            break
    return " ".join(words)
