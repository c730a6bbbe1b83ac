"""Roles: the office or occupation a title or apposition gives a person, and whose it is.

Four shapes, all anchored on a resolved PERSON mention:
- a title before the name: "Kazakh President Kassym-Jomart Tokayev", "Russian energy minister
  Viktor Khristenko", "then Kazakh President Nursultan Nazarbayev" (former), "Russia's
  President, Vladimir Putin";
- an apposition after it: "Wang Wenbin, spokesman for the Chinese Foreign Ministry", "Niva Yau,
  senior researcher at the OSCE Academy"; or the name after a title phrase: "A spokesman for the
  Kremlin, Dmitry Peskov, said";
- a copula: "Tokayev is the president of Kazakhstan";
- a bare "of": "Mr. Radchenko of Johns Hopkins" (an untitled affiliation).
The owner ("of") is the organisation or state the phrase names: a demonym or possessive before
the title, or the object of for/at/of/with/from after it. Titles are data (`titles.tsv`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract._anchors import entity_at, negated
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.model import ArticleRecord, Entity, EntityIndex, Role

OWNER_TYPES = frozenset({"COUNTRY", "ORG", "IGO", "GROUP", "REGION", "CITY"})
OWNER_PREPOSITIONS = frozenset({"for", "at", "of", "with", "from"})
AFFILIATION_TYPES = frozenset({"ORG", "IGO"})  # "X of Johns Hopkins"; "X of China" says too little
DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
COPULAS = frozenset({"is", "was", "are", "were", "'s", "’s", "becomes", "became", "remains", "remained"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
PHRASE_ENDS = frozenset({",", ";", ".", "(", ")", "—", "–", ":", '"'})
UNTITLED = "affiliate"  # the title of a bare "X of Y" affiliation
MAX_MODIFIERS = 3       # "senior", "prominent nationalist" before an appositive title
MAX_OWNER_DISTANCE = 15  # tokens after a title in which "at the ..." may name the owner


def _words(title: str) -> tuple[str, ...]:
    """A title as spaCy tokenises it: "secretary-general" -> secretary, -, general."""
    return tuple(re.findall(r"\w+|[^\w\s]", title.lower()))


@dataclass(frozen=True, slots=True)
class Titles:
    """The title lexicon, keyed by token sequence."""

    relations: dict[tuple[str, ...], str]
    longest: int

    def ending_at(self, doc: Doc, end: int) -> int | None:
        """Start of the longest title whose last token is doc[end], or None."""
        for size in range(min(self.longest, end + 1), 0, -1):
            if tuple(t.lower_ for t in doc[end - size + 1:end + 1]) in self.relations:
                return end - size + 1
        return None

    def starting_at(self, doc: Doc, start: int) -> int | None:
        """End (exclusive) of the longest title starting at doc[start], or None."""
        for size in range(min(self.longest, len(doc) - start), 0, -1):
            if tuple(t.lower_ for t in doc[start:start + size]) in self.relations:
                return start + size
        return None


@lru_cache(maxsize=1)
def titles() -> Titles:
    relations = {_words(row["title"]): row["relation"] for row in lexicon.rows("titles")}
    return Titles(relations, max(map(len, relations)))


def relation_for(title: str) -> str | None:
    """The relation a title implies ("senior researcher" -> affiliated_with); deputies get none."""
    words = _words(title)
    lexicon_titles = titles().relations
    for cut in range(len(words)):
        if words[cut:] in lexicon_titles:
            subordinate = set(words[:cut]) & lexicon.words("title_subordinates")
            return None if subordinate else (lexicon_titles[words[cut:]] or None)
    return None


@dataclass(frozen=True, slots=True)
class Phrase:
    """A title found around a name: its token range, its owner, whether the office was left."""

    start: int
    end: int
    title: str
    of: Entity | None
    former: bool
    head: int = -1                  # token index of the title's head word


def _owner_before(doc: Doc, i: int, index: EntityIndex) -> tuple[Entity | None, int]:
    """A demonym, state or organisation ending at doc[i] ("Kazakh", "Russia's"); its first token."""
    if i >= 0 and doc[i].text in POSSESSIVE_MARKS:
        i -= 1
    entity = entity_at(doc[i], index) if i >= 0 else None
    if entity is None or entity.type not in OWNER_TYPES:
        return None, i + 1
    while i > 0 and entity_at(doc[i - 1], index) is entity:
        i -= 1
    return entity, i


def _former_before(doc: Doc, i: int) -> int:
    """How many tokens before doc[i] mark a former office ("then", "former", "ex-"): 0, 1 or 2."""
    marks = lexicon.words("role_former")
    if i >= 2 and doc[i - 2].lower_ + doc[i - 1].lower_ in marks:
        return 2
    return int(i >= 1 and doc[i - 1].lower_ in marks)


def _compound_start(doc: Doc, start: int, end: int, index: EntityIndex) -> int:
    """Extend a title leftwards over its noun compounds ("energy minister")."""
    while (start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "NOUN"
           and start <= doc[start - 1].head.i < end and entity_at(doc[start - 1], index) is None):
        start -= 1
    return start


def _title_of_owner(doc: Doc, end: int, index: EntityIndex) -> tuple[Entity, int, int] | None:
    """ "the President of Colombia" ending at doc[end]: the owner, and the title's first and last token."""
    owner = entity_at(doc[end], index)
    if owner is None or owner.type not in OWNER_TYPES:
        return None
    k = end
    while k > 0 and entity_at(doc[k - 1], index) is owner:
        k -= 1
    k -= 1 + (k > 1 and doc[k - 1].lower_ in DETERMINERS)
    if k < 1 or doc[k].lower_ not in OWNER_PREPOSITIONS:
        return None
    start = titles().ending_at(doc, k - 1)
    return (owner, start, k - 1) if start is not None else None


def title_before(doc: Doc, name: Span, index: EntityIndex) -> Phrase | None:
    """ "Kazakh President Tokayev", "then Kazakh President Nazarbayev", "Russia's president, Putin",
    "the President of Colombia Alvaro Uribe"."""
    end = name.start - 1
    comma = end >= 0 and doc[end].text == ","
    end -= comma
    if end < 0:
        return None
    start, owner = titles().ending_at(doc, end), None
    if start is None:
        found = _title_of_owner(doc, end, index)
        if found is None:
            return None
        owner, start, end = found
    start = _compound_start(doc, start, end + 1, index)
    before, first = _owner_before(doc, start - 1, index)
    owner = owner or before
    if comma and owner is None:
        return None  # "the president, Xi" may be a list; only an owned title crosses a comma
    marked = _former_before(doc, first)
    return Phrase(first - marked, name.end, doc[start:end + 1].text, owner, marked > 0)


def _owner_after(doc: Doc, i: int, index: EntityIndex) -> tuple[Entity | None, int]:
    """The owner named by "for/at/of/with/from the ..." after a title, and where its name ends."""
    for j in range(i, min(len(doc), i + MAX_OWNER_DISTANCE)):
        token = doc[j]
        if token.text in PHRASE_ENDS or (token.pos_ == "VERB" and token.tag_ != "VBN"):
            break
        if token.lower_ in OWNER_PREPOSITIONS and j + 1 < len(doc):
            k = j + 1 + (doc[j + 1].lower_ in DETERMINERS)
            entity = entity_at(doc[k], index) if k < len(doc) else None
            if entity is not None and entity.type in OWNER_TYPES:
                while k + 1 < len(doc) and entity_at(doc[k + 1], index) is entity:
                    k += 1
                if k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" \
                        and doc[k + 1].lower_ not in lexicon.words("state_bodies"):
                    continue  # "head of Iraqi police commandos": the demonym only modifies the owner
                return entity, k + 1
    return None, i


def title_in_phrase(doc: Doc, start: int, index: EntityIndex) -> Phrase | None:
    """A noun phrase starting at doc[start] that is a title: "the senior researcher at X"."""
    j = start + (start < len(doc) and doc[start].lower_ in DETERMINERS)
    owner, j = _possessive_owner(doc, j, index)
    former = j < len(doc) and doc[j].lower_ in lexicon.words("role_former")
    j += former
    for k in range(j, min(len(doc), j + MAX_MODIFIERS + 1)):
        end = titles().starting_at(doc, k)
        if end is not None:
            named, phrase_end = _owner_after(doc, end, index)
            first = _compound_start(doc, k, end, index)
            return Phrase(start, max(end, phrase_end), doc[first:end].text, named or owner, former, end - 1)
        entity = entity_at(doc[k], index)
        if entity is not None and entity.type in OWNER_TYPES:
            owner = entity  # "the Kazakh president"
        elif doc[k].pos_ not in ("ADJ", "NOUN", "ADV", "PROPN") or doc[k].text in PHRASE_ENDS:
            return None
    return None


def _possessive_owner(doc: Doc, j: int, index: EntityIndex) -> tuple[Entity | None, int]:
    """ "Kazakhstan's president": the owner before a possessive mark, and where the title starts."""
    entity = entity_at(doc[j], index) if j < len(doc) else None
    if entity is None:
        return None, j
    k = j
    while k < len(doc) and entity_at(doc[k], index) is entity:
        k += 1
    if k < len(doc) and doc[k].text in POSSESSIVE_MARKS:
        return entity, k + 1
    return None, j


def title_apposed(doc: Doc, name: Span, index: EntityIndex) -> Phrase | None:
    """ "A spokesman for the Kremlin, Dmitry Peskov, said": the name in apposition to a title."""
    head = name.root.head
    while head.dep_ in ("pobj", "prep") and head.head.i < head.i:
        head = head.head  # the parse often hangs the name on the owner ("the Kremlin, Peskov")
    if name.root.dep_ != "appos" or head.i >= name.start:
        return None
    found = title_in_phrase(doc, head.left_edge.i, index)
    if found is None or found.head != head.i:
        return None
    return Phrase(found.start, name.end, found.title, found.of, found.former, found.head)


def title_after(doc: Doc, name: Span, index: EntityIndex) -> Phrase | None:
    """ "Wang Wenbin, spokesman for the Chinese Foreign Ministry"; "Tokayev is the president of X"."""
    if name.end < len(doc) and doc[name.end].text == ",":
        found = title_in_phrase(doc, name.end + 1, index)
        if found is None or not _apposed(doc[found.head], name) or _names_person(doc, found.end, index):
            return None  # "Chávez, the President of Colombia Alvaro Uribe and ...": a list
        return Phrase(name.start, found.end, found.title, found.of, found.former, found.head)
    head = name.root.head
    if name.root.dep_ == "nsubj" and head.lower_ in COPULAS:
        attr = next((c for c in head.children if c.dep_ == "attr"), None)
        if attr is None or negated(attr):  # "Kostov himself was not a member"
            return None
        found = title_in_phrase(doc, attr.left_edge.i, index)
        return found and Phrase(name.start, found.end, found.title, found.of, found.former, found.head)
    return None


def _names_person(doc: Doc, i: int, index: EntityIndex) -> bool:
    found = entity_at(doc[i], index) if i < len(doc) else None
    return found is not None and found.type == "PERSON"


def _apposed(title: Token, name: Span) -> bool:
    """The title describes the name, not the next clause's subject ("Abbas, a spokesman for X said"):
    the parse hangs it on the name, or the phrase it heads closes with punctuation."""
    if name.start <= title.head.i < name.end:
        return True
    after = title.right_edge.i + 1
    return after >= len(title.doc) or title.doc[after].text in PHRASE_ENDS

def affiliation(doc: Doc, name: Span, index: EntityIndex) -> Phrase | None:
    """ "Mr. Radchenko of Johns Hopkins": an organisation right after the name, no title."""
    i = name.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    owner = entity_at(doc[i + 1 + (doc[i + 1].lower_ == "the")], index) if i + 2 < len(doc) else None
    if owner is None or owner.type not in AFFILIATION_TYPES:
        return None
    return Phrase(name.start, i + 2, UNTITLED, owner, False)


def _name_spans(doc: Doc, index: EntityIndex) -> list[tuple[Entity, Span]]:
    spans = []
    for person in (e for e in index.entities if e.type == "PERSON"):
        for start, end in person.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                spans.append((person, span))
    return spans


def _role(person: Entity, doc: Doc, phrase: Phrase) -> Role | None:
    if phrase.of is not None and phrase.of.id == person.id:
        return None
    span = (doc[phrase.start].idx, doc[phrase.end - 1].idx + len(doc[phrase.end - 1].text))
    return Role(phrase.title, phrase.of.id if phrase.of else None, phrase.former, span, person.id)


def _distinct(roles: list[Role]) -> list[Role]:
    """One role per person, title and owner; an untitled affiliation, or a title with no owner,
    only when no other role of the person says more."""
    seen: dict[tuple, Role] = {}
    for role in roles:
        seen.setdefault((role.person, role.title.casefold(), role.of, role.former), role)
    titled = {(r.person, r.of) for r in seen.values() if r.title != UNTITLED}
    owned = {(r.person, r.title.casefold()) for r in seen.values() if r.of}
    return [r for r in seen.values()
            if (r.title != UNTITLED or (r.person, r.of) not in titled)
            and (r.of or (r.person, r.title.casefold()) not in owned)]


@register
class RuleRoles:
    name = "roles.rules.v1"
    section = "roles"
    requires = ()

    def extract(self, doc: Doc, context: Context) -> list[Role]:
        index = context.entities
        roles = []
        for person, name in _name_spans(doc, index):
            for finder in (title_before, title_apposed, title_after, affiliation):
                phrase = finder(doc, name, index)
                role = phrase and _role(person, doc, phrase)
                if role:
                    roles.append(role)
        return _distinct(sorted(roles, key=lambda r: r.span or (0, 0)))

    def table(self, record: ArticleRecord) -> list[TableSection]:
        rows = []
        for entity in record.entities:
            for role in entity.roles:
                owner = record.entity(role.of)
                rows.append((entity.name, ("former " if role.former else "") + role.title,
                             owner.name if owner else "-"))
        if not rows:
            return []
        return [TableSection(f"Actors and roles ({len(rows)})", ("person", "role", "of"), tuple(rows))]
