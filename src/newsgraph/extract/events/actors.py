"""Who the words in an actor's place stand for, when they are not a name themselves.

The clause gives the words; this module gives them an entity, in this order:
- the noun phrase's own entity ("Russia", "the Kazakh authorities", "Russia's army");
- a group or office noun tied to a body by a preposition ("an official from the Tibet
  Autonomous Region", "leaders of the European Union", "a spokesman for the ministry");
- "I", "we", "my", "our" inside a quotation: the quotation's speaker (what a quote says the
  speaker's side did);
- "he", "she", "they", "the spokesman": resolved as the quote extractor resolves speakers
  (the latest fitting speaker or person nearby, never a guess across the article).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract.events import parse
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.extract.quotes.marks import paragraphs
from newsgraph.extract.quotes.speakers import FIRST_PERSON, Speakers
from newsgraph.model import ENTITY_TYPES, Entity, EntityIndex, Quote

# Who or what can take part in an event: actors and places, not treaties or initiatives (OTHER).
PARTICIPANTS = frozenset(ENTITY_TYPES) - {"OTHER"}
FIRST_PERSON_OWNERS = frozenset({"my", "our"})
# Object pronouns as targets: "urged him to allow ..." -> the person last named before it.
OBJECT_PRONOUNS = {"him": True, "her": True, "them": False}
# Possessive owners of an event noun: "his cooperation with the PET" -> the person last named.
OWNER_PRONOUNS = {"his": True, "her": True, "its": False, "their": False}
# "an official from X", "leaders of X", "a spokesman for X", "an economist at X"
BODY_PREPS = ("of", "from", "for", "at")


class Actors:
    """Resolves actor words of one article; built once per article, used in text order."""

    def __init__(self, doc: Doc, index: EntityIndex, quotes: Sequence[Quote] = ()) -> None:
        self.index = index
        starts = [start for start, _ in paragraphs(doc.text)] or [0]
        self.speakers = Speakers(doc, index, lambda offset: bisect_right(starts, offset) - 1)
        self.quoted = [(q.span, q.speaker) for q in quotes if q.speaker and q.kind == "direct"]

    def of(self, token: Token | None) -> Entity | None:
        if token is None:
            return None
        found = parse.entity_of(token, self.index, PARTICIPANTS)
        if found is not None:
            return found
        lower = token.lower_
        if lower in FIRST_PERSON or lower in FIRST_PERSON_OWNERS:
            return self._quoting(token)
        owner = parse.child(token, "poss")
        if owner is not None and owner.lower_ in FIRST_PERSON_OWNERS:
            return self._quoting(owner)          # "my government", "our troops"
        if token.pos_ in {"NOUN", "PROPN"}:
            body = next(filter(None, (parse.entity_of(obj, self.index, PARTICIPANTS)
                                      for obj in parse.preps(token, BODY_PREPS))), None)
            if body is not None:
                return body
        if lower in OWNER_PRONOUNS:
            return self._recent(token, OWNER_PRONOUNS[lower], ())
        if token.pos_ in {"PRON", "NOUN", "PROPN"}:
            return self._speaker(token) or self._demonym(token)
        return None

    def _demonym(self, token: Token) -> Entity | None:
        """"three Russian attack aircraft" where the recogniser left "Russian" unlinked: the state
        it names, if the article names that state elsewhere."""
        for word in token.children:
            if word.dep_ in {"amod", "compound"} and word.text[:1].isupper():
                known = gazetteer().demonym(word.text)
                state = self.index.named(known.name) if known is not None else None
                if state is not None and state.type in PARTICIPANTS:
                    return state
        return None

    def target(self, token: Token, actors: Sequence[Entity]) -> Entity | None:
        """A target's entity; an object pronoun is the nearest earlier fitting mention in this
        or the previous sentence that is not the actor ("met al-Bashir and urged him to ...")."""
        wants_person = OBJECT_PRONOUNS.get(token.lower_)
        if wants_person is None:
            return parse.entity_of(token, self.index, PARTICIPANTS)
        return self._recent(token, wants_person, actors)

    def _recent(self, token: Token, wants_person: bool, actors: Sequence[Entity]) -> Entity | None:
        """The nearest earlier mention of a person (or of a non-person) in this or the previous
        sentence, other than the actors."""
        sent = token.sent
        start = sent[0].nbor(-1).sent.start_char if sent.start > 0 else sent.start_char
        for _, entity in reversed(self.index.mentions_in(start, token.idx)):
            if (entity.type == "PERSON") == wants_person and entity.type in PARTICIPANTS and entity not in actors:
                return entity
        return None

    def _quoting(self, token: Token) -> Entity | None:
        """The speaker of the direct quotation the first-person word stands in."""
        for (start, end), speaker in self.quoted:
            if start <= token.idx < end:
                return self.index.get(speaker)
        return None

    def _speaker(self, token: Token) -> Entity | None:
        entity = self.index.get(self.speakers.resolve(token).entity)
        return entity if entity is not None and entity.type in PARTICIPANTS else None
