"""Who a quotation's speaker is: the words that name them, resolved to an article entity.

Kept under `extract/` (not `resolve/`) because the quote extractor needs it while it runs and
`extract/` may not import from `resolve/`. Resolution is in text order and remembers who spoke:
- a name, surname or honorific plus surname is the entity mentioned there ("Ms. Yau");
- "he"/"she" is the nearest earlier speaker of a compatible gender in this or the previous
  paragraph, else the nearest earlier compatible person; "they" the last collective speaker;
- a singular role noun with a definite article ("the spokesman") is the person that noun was
  attached to earlier; an institution noun ("the ministry") the organisation named with it;
- plural nouns ("analysts", "US officials") are groups: an entity only if one is mentioned
  there, else null, never a person nearby.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.extract import lexicon
from newsgraph.extract.lemmas import forms
from newsgraph.model import Entity, EntityIndex

SPEAKING_TYPES = frozenset({"PERSON", "ORG", "IGO", "COUNTRY", "GROUP"})
PERSONAL = frozenset({"he", "she"})
COLLECTIVE = frozenset({"they"})
FIRST_PERSON = frozenset({"i", "we"})
DEFINITE = frozenset({"the", "its", "his", "her", "their", "our", "this", "that"})
LOOKBACK_PARAGRAPHS = 2


@dataclass(frozen=True, slots=True)
class SpeakerNoun:
    kind: str                  # role | body
    gender: str | None


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A resolved speaker: the entity (or None) and the words that named it."""

    entity: str | None
    text: str


@lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, SpeakerNoun]:
    return {r["noun"].lower(): SpeakerNoun(r["kind"], r["gender"] or None) for r in lexicon.rows("speaker_nouns")}


def noun_lemma(token: Token) -> str:
    """"officials" -> "official" for the speaker nouns; any other word lower-cased."""
    return forms(frozenset(speaker_nouns()), "NOUN").get(token.lower_, token.lower_)


@lru_cache(maxsize=1)
def genders() -> dict[str, str]:
    return {r["word"].lower(): r["gender"] for r in lexicon.rows("gendered_words")}


def can_speak(head: Token, entities: EntityIndex) -> bool:
    """Whether a subject can be the source of a statement (a person, body, state, group...)."""
    lower = head.lower_
    if lower in FIRST_PERSON:
        return False  # "we confirm ..." outside marks is a quotation that lost them, not its cue
    if lower in PERSONAL | COLLECTIVE:
        return True
    entity = entities.at(head.idx, head.idx + len(head))
    if entity is not None:
        return entity.type in SPEAKING_TYPES
    if head.pos_ == "PROPN":  # a name the recogniser missed; a lone capital opening a sentence may be none
        return not head.is_sent_start or any(c.pos_ == "PROPN" for c in head.lefts)
    return noun_lemma(head) in speaker_nouns()


def speaker_words(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the words naming the speaker: the head and what precedes it."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in {"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod"} and not child.is_punct:
            start = min(start, child.left_edge.i)
    return start, head.i + 1


class Speakers:
    """Resolves speaker heads to entities in text order, remembering who has spoken."""

    def __init__(self, doc: Doc, entities: EntityIndex, paragraph_of: Callable[[int], int]) -> None:
        self.doc, self.entities, self.paragraph_of = doc, entities, paragraph_of
        self.gender: dict[str, str] = _honorific_genders(doc, entities)
        for entity_id, gender in _pronoun_genders(doc, entities).items():
            self.gender.setdefault(entity_id, gender)
        self.history: list[tuple[int, Entity]] = []  # (character offset, speaker)

    def resolve(self, head: Token) -> SpeakerRef:
        start, end = speaker_words(head)
        text = self.doc[start:end].text
        entity = self._entity_for(head)
        if entity is not None:
            self.history.append((head.idx, entity))
            if head.lower_ in PERSONAL:
                self.gender.setdefault(entity.id, genders()[head.lower_])
        return SpeakerRef(entity.id if entity else None, text)

    def _entity_for(self, head: Token) -> Entity | None:
        lower = head.lower_
        if lower in PERSONAL:
            return self._personal(head, genders()[lower])
        if lower in COLLECTIVE:
            return self._recent(head, lambda e: e.type != "PERSON", earlier_mentions=False)
        if lower in FIRST_PERSON:
            return None
        entity = self.entities.at(head.idx, head.idx + len(head))
        if entity is not None:
            return entity if entity.type in SPEAKING_TYPES else None
        return self._apposed(head) or self._by_noun(head) or self._by_name(head)

    def _by_name(self, head: Token) -> Entity | None:
        """A name the recogniser missed here but resolved elsewhere ("Mr Mbeki" after "Thabo Mbeki")."""
        entity = self.entities.named(head.text) if head.pos_ == "PROPN" else None
        return entity if entity is not None and entity.type in SPEAKING_TYPES else None

    def _apposed(self, head: Token) -> Entity | None:
        """"the party leader, Keir Starmer, said": the name in apposition speaks."""
        for child in head.rights:
            if child.dep_ == "appos":
                entity = self.entities.at(child.idx, child.idx + len(child))
                if entity is not None and entity.type in SPEAKING_TYPES:
                    return entity
        return None

    def _personal(self, head: Token, gender: str) -> Entity | None:
        def fits(e: Entity) -> bool:
            return e.type == "PERSON" and self.gender.get(e.id, gender) == gender
        return self._recent(head, fits, earlier_mentions=True)

    def _recent(self, head: Token, fits: Callable[[Entity], bool], *, earlier_mentions: bool) -> Entity | None:
        """The latest earlier speaker that fits, else (if allowed) the latest fitting mention."""
        here = self.paragraph_of(head.idx)
        for offset, entity in reversed(self.history):
            if offset < head.idx and here - self.paragraph_of(offset) <= 1 and fits(entity):
                return entity
        if not earlier_mentions:
            return None
        window = self._window_start(here)
        for _, entity in reversed(self.entities.mentions_in(window, head.idx)):
            if fits(entity):
                return entity
        return None

    def _window_start(self, paragraph: int) -> int:
        first = max(0, paragraph - LOOKBACK_PARAGRAPHS)
        return next((t.idx for t in self.doc if self.paragraph_of(t.idx) >= first), 0)

    def _by_noun(self, head: Token) -> Entity | None:
        """"the spokesman" -> the person named with that role; "the ministry" -> that ministry."""
        noun = speaker_nouns().get(noun_lemma(head))
        if noun is None or head.tag_ in {"NNS", "NNPS"} or not _definite(head):
            return None  # groups and anonymous sources stay unattributed
        if noun.kind == "body":
            return self._body_named(head)
        return self._role_holder(head)

    def _body_named(self, head: Token) -> Entity | None:
        word = noun_lemma(head)
        for _, entity in reversed(self.entities.mentions_in(0, head.idx)):
            if entity.type in {"ORG", "IGO"} and word in entity.name.lower().split():
                return entity
        return None

    def _role_holder(self, head: Token) -> Entity | None:
        lemma = noun_lemma(head)
        for token in reversed(self.doc[:head.i]):
            if noun_lemma(token) == lemma:
                holder = self._person_near(token)
                if holder is not None:
                    return holder
        return None

    def _person_near(self, token: Token) -> Entity | None:
        """A person named in apposition with or right before a role noun ("spokesman Wang Wenbin")."""
        sent = token.sent
        people = [(abs(self.doc.char_span(s, e, alignment_mode="expand").start - token.i), ent)
                  for (s, e), ent in self.entities.mentions_in(sent.start_char, sent.end_char)
                  if ent.type == "PERSON"]
        near = [p for p in people if p[0] <= 6]
        return min(near, key=lambda p: p[0])[1] if near else None


def _definite(head: Token) -> bool:
    return any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in head.lefts)


def _honorific_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    """Gender of persons from an honorific right before any of their mentions ("Ms. Yau")."""
    found: dict[str, str] = {}
    text = doc.text
    for entity in entities.entities:
        if entity.type != "PERSON":
            continue
        for start, end in entity.mentions:
            before, inside = text[max(0, start - 6):start].split(), text[start:end].split()
            for word in (before[-1:] + inside[:1]):
                if word.lower() in genders() and word[0].isupper():
                    found.setdefault(entity.id, genders()[word.lower()])
    return found


def _pronoun_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    """Gender of the one person named in a sentence from a pronoun after the name ("Obama thanked
    his staff"); sentences naming two people say nothing."""
    found: dict[str, str] = {}
    for sent in doc.sents:
        people = {e.id: s for (s, _), e in entities.mentions_in(sent.start_char, sent.end_char) if e.type == "PERSON"}
        if len(people) != 1:
            continue
        (entity_id, start), = people.items()
        pronoun = next((t.lower_ for t in sent if t.idx > start and t.pos_ == "PRON" and t.lower_ in genders()), None)
        if pronoun is not None:
            found.setdefault(entity_id, genders()[pronoun])
    return found
