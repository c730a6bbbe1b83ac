"""The article's words as the role patterns read them: tokens in order, whitespace left out.

Wire copy and wiki exports often carry double spaces after linked names ("German  Chancellor
Angela Merkel"); spaCy makes those whitespace tokens, which would break every "the word before
the title" test. The patterns walk `Words` instead of the Doc: the same tokens, no whitespace,
and the article's entities looked up by position.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract._anchors import entity_at
from newsgraph.model import Entity, EntityIndex

DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
PHRASE_ENDS = frozenset({",", ";", ".", "(", ")", "—", "–", ":", '"', "“", "”"})
MAX_NAME_WORDS = 5      # an unmarked name read back from the text ("Democratic Republic of the Congo")


@dataclass(frozen=True, slots=True)
class Words:
    """The non-whitespace tokens of a doc, indexable like the doc, with the entity index."""

    doc: Doc
    tokens: tuple[Token, ...]
    position: dict[int, int]        # doc token index -> index in `tokens`
    index: EntityIndex

    @classmethod
    def of(cls, doc: Doc, index: EntityIndex) -> Words:
        tokens = tuple(t for t in doc if not t.is_space)
        return cls(doc, tokens, {t.i: n for n, t in enumerate(tokens)}, index)

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]

    def lower(self, i: int) -> str:
        """The lower-case word at i, or "" outside the text (no bounds checks at call sites)."""
        return self.tokens[i].lower_ if 0 <= i < len(self.tokens) else ""

    def slice(self, start: int, end: int) -> list[Token]:
        return list(self.tokens[max(start, 0):end])

    def text(self, start: int, end: int) -> str:
        """The article's own text from word `start` to word `end - 1`, single-spaced."""
        first, last = self.tokens[start], self.tokens[end - 1]
        return " ".join(self.doc[first.i:last.i + 1].text.split())  # not doc.text: rebuilt per call

    def chars(self, start: int, end: int) -> tuple[int, int]:
        last = self.tokens[end - 1]
        return self.tokens[start].idx, last.idx + len(last.text)

    def of_span(self, span: Span) -> tuple[int, int]:
        """The word range of a doc span (whitespace at its edges dropped)."""
        inside = [self.position[t.i] for t in span if t.i in self.position]
        return (inside[0], inside[-1] + 1) if inside else (0, 0)

    def entity(self, i: int) -> Entity | None:
        return entity_at(self.tokens[i], self.index) if 0 <= i < len(self.tokens) else None

    def entity_named(self, i: int) -> Entity | None:
        """The entity at word i, or the entity whose name the capitalised words from i spell
        when this occurrence was left unmarked ("President of South Ossetia" after "South Ossetia")."""
        found = self.entity(i)
        if found is not None or not (0 <= i < len(self.tokens)) or not self.tokens[i].is_title:
            return found
        end = i
        while end < len(self.tokens) and end - i < MAX_NAME_WORDS and self.tokens[end].is_title:
            end += 1
        for stop in range(end, i, -1):
            named = self.index.named(" ".join(t.text for t in self.tokens[i:stop]))
            if named is not None:
                return named
        return None

    def name_start(self, i: int) -> int:
        """The first word of the entity name that covers word i."""
        entity = self.entity(i)
        while entity is not None and i > 0 and self.entity(i - 1) is entity:
            i -= 1
        return i

    def name_end(self, i: int) -> int:
        """The word after the entity name that covers word i."""
        entity = self.entity(i)
        while entity is not None and i + 1 < len(self.tokens) and self.entity(i + 1) is entity:
            i += 1
        return i + 1

    def owner_before(self, i: int, types: frozenset[str]) -> tuple[Entity | None, int]:
        """A demonym, state or organisation ending at word i ("Kazakh", "Russia's", "Ecuador ian"),
        and its first word; (None, i + 1) when there is none."""
        start = i + 1
        if self.lower(i) in POSSESSIVE_MARKS:
            i -= 1
        if self.lower(i) == ")" and self.lower(i - 2) == "(":
            i -= 3  # "the New Patriotic Party (NPP) candidate"
        if self.lower(i) in demonym_fragments() and self.entity(i - 1) is not None \
                and self.entity(i - 1).type == "COUNTRY":
            i -= 1  # "Ecuador ian president": a link ended inside the demonym
        entity = self.entity(i)
        if entity is None or entity.type not in types:
            return None, start
        return entity, self.name_start(i)

    def spans_of(self, entity: Entity) -> Iterator[tuple[int, int]]:
        """The word range of every mention of an entity."""
        for start, end in entity.mentions:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                first, last = self.of_span(span)
                if last > first:
                    yield first, last


def demonym_fragments() -> frozenset[str]:
    return lexicon.words("demonym_fragments")
