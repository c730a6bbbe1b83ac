"""Who a quotation's speaker is: the words that name them, resolved to an article entity.

Kept under `extract/` (not `resolve/`) because the quote extractor needs it while it runs and
`extract/` may not import from `resolve/`. Resolution tracks speakers through the article:
- a name, surname or honorific plus surname is the entity mentioned there ("Ms. Yau");
- "he"/"she" (and "it" for a body) is the antecedent: walking back sentence by sentence
  (this one first, then earlier ones, at most two paragraphs), the first sentence that names a
  compatible entity outside quoted words gives it, its grammatical subject before other
  mentions ("The head of the bank, X, met Y ... he said" -> X); gender from `quotes.gender`;
- "who" in "X, who said ..." is X;
- a voice of a body ("a spokesman for the ministry", "a Chinese official", "the Georgian
  government") speaks for that body: the gold convention of an unnamed spokesperson;
- a singular role noun with a definite article ("the spokesman") is the person that noun was
  attached to earlier, else the nearest person in this or the previous sentence; a body noun
  ("the ministry") the organisation named with it, else the nearest body;
- plural nouns ("analysts", "US officials") are groups: an entity only if one is named with
  them, else null, never a person nearby.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.extract import lexicon
from newsgraph.extract.lemmas import forms
from newsgraph.extract.quotes.gender import gendered_words, person_genders
from newsgraph.model import Entity, EntityIndex

CharSpan = tuple[int, int]
SPEAKING_TYPES = frozenset({"PERSON", "ORG", "IGO", "COUNTRY", "GROUP"})
BODY_TYPES = frozenset({"ORG", "IGO", "COUNTRY", "GROUP"})
PERSONAL = frozenset({"he", "she"})
NEUTER = frozenset({"it"})
COLLECTIVE = frozenset({"they"})
POSSESSIVE = {"his": "he", "her": "she", "its": "it", "their": "they"}   # "her view is that ..."
FIRST_PERSON = frozenset({"i", "we"})
RELATIVES = frozenset({"who", "which", "that"})
DEFINITE = frozenset({"the", "its", "his", "her", "their", "our", "this", "that"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_PARTS = frozenset({"appos", "compound", "conj", "flat"})   # still the subject: "The head, X,"
BODY_PREPOSITIONS = frozenset({"for", "of", "from", "at", "in"})
BODY_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod"})
LOOKBACK_PARAGRAPHS = 2
LOOKBACK_SENTENCES = 6
ROLE_LOOKBACK_SENTENCES = 2   # "the minister" without a holder: this sentence or the one before


@dataclass(frozen=True, slots=True)
class SpeakerNoun:
    kind: str                  # role | voice | body | state (see speaker_nouns.tsv)
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


def genders() -> dict[str, str]:
    return gendered_words()


def can_speak(head: Token, entities: EntityIndex) -> bool:
    """Whether a subject can be the source of a statement (a person, body, state, group...)."""
    lower = head.lower_
    if lower in FIRST_PERSON:
        return False  # "we confirm ..." outside marks is a quotation that lost them, not its cue
    if lower in PERSONAL | COLLECTIVE | NEUTER or (lower in POSSESSIVE and head.dep_ == "poss"):
        return True
    if lower in RELATIVES:
        return head.head.dep_ == "relcl" and can_speak(head.head.head, entities)
    entity = entities.at(head.idx, head.idx + len(head))
    if entity is not None:
        return entity.type in SPEAKING_TYPES
    if head.pos_ == "PROPN":  # a name the recogniser missed; a lone capital opening a sentence may be none
        return not head.is_sent_start or any(c.pos_ == "PROPN" for c in head.lefts) or _named_elsewhere(head)
    return noun_lemma(head) in speaker_nouns() or _counts_people(head, entities) or _aged(head)


def _aged(head: Token) -> bool:
    """"the 45-year-old": a person described by age (tokenised 45 - year - old)."""
    return head.lower_ == "old" and any(c.lower_ in {"year", "years"} for c in head.children) \
        or head.lower_.endswith("-year-old")


def _named_elsewhere(head: Token) -> bool:
    """A sentence-initial capital that is a name: spaCy's recogniser says so, or the article writes
    the word capitalised inside a sentence too ("Sanders said" after "Bernie Sanders")."""
    if head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    return any(t.text == head.text and not t.is_sent_start for t in head.doc if t.i != head.i)


def _counts_people(head: Token, entities: EntityIndex) -> bool:
    """"52 percent of voters", "six in 10", "half of Democrats": a share of the people polled."""
    shares = lexicon.words("people_shares")
    if not (head.lower_ in shares or head.like_num):
        return False
    group = next((g for p in head.children if p.dep_ == "prep" and p.lower_ in {"of", "in"}
                  for g in p.children if g.dep_ == "pobj"), None)
    if group is None:  # "47 percent said": the number makes it a share of respondents
        return head.lower_ in shares and any(c.like_num for c in head.children)
    return group.like_num or can_speak(group, entities)


def speaker_words(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the words naming the speaker: the head and what precedes it."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in {"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod"} and not child.is_punct:
            start = min(start, child.left_edge.i)
    return start, head.i + 1


class Speakers:
    """Resolves speaker heads to entities in text order, remembering who has spoken.

    `quoted` are the character spans of quoted content: names inside a quotation are what the
    speaker talked about, not candidates for "he said" after it."""

    def __init__(self, doc: Doc, entities: EntityIndex, paragraph_of: Callable[[int], int],
                 quoted: Sequence[CharSpan] = ()) -> None:
        self.doc, self.entities, self.paragraph_of = doc, entities, paragraph_of
        self.gender: dict[str, str] = person_genders(doc, entities)
        self.history: list[tuple[int, Entity]] = []  # (character offset, speaker)
        self.sentences = list(doc.sents)
        self._sentence_starts = [s.start_char for s in self.sentences]
        self.quoted = sorted(quoted)
        self._noun_positions: dict[str, list[int]] | None = None  # lemma -> token indices

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
        lower = POSSESSIVE.get(head.lower_, head.lower_) if head.dep_ == "poss" else head.lower_
        if lower in RELATIVES:  # "X, who said ...": the noun the relative clause hangs on
            return self._entity_for(head.head.head) if head.head.dep_ == "relcl" else None
        if lower in PERSONAL:
            return self._personal(head, genders()[lower])
        if lower in NEUTER:
            return self._antecedent(head, lambda e: e.type in BODY_TYPES)
        if lower in COLLECTIVE:
            return self._recent(head, lambda e: e.type != "PERSON")
        if lower in FIRST_PERSON:
            return None
        entity = self.entities.at(head.idx, head.idx + len(head))
        if entity is not None:
            return entity if entity.type in SPEAKING_TYPES else None
        return self._apposed(head) or self._represented(head) or self._by_noun(head) or self._by_name(head)

    def _by_name(self, head: Token) -> Entity | None:
        """A name the recogniser missed here but resolved elsewhere ("Mr Mbeki" after "Thabo Mbeki")."""
        entity = self.entities.named(head.text) if head.pos_ == "PROPN" else None
        return entity if entity is not None and entity.type in SPEAKING_TYPES else None

    def _apposed(self, head: Token) -> Entity | None:
        """"the party leader, Keir Starmer, said": the name in apposition speaks, whether the
        parser attached it or not (a comma, then a person's name)."""
        for child in head.rights:
            if child.dep_ == "appos":
                entity = self.entities.at(child.idx, child.idx + len(child))
                if entity is not None and entity.type in SPEAKING_TYPES:
                    return entity
        _, end = speaker_words(head)
        after = self.doc[end] if end < len(self.doc) else None
        if after is not None and after.text == "," and end + 1 < len(self.doc):
            name = self.doc[end + 1]
            found = [e for (s, _), e in self.entities.mentions_in(name.idx, name.sent.end_char) if s == name.idx]
            if found and found[0].type == "PERSON":
                return found[0]
        return None

    def _represented(self, head: Token) -> Entity | None:
        """"a spokesman for the ministry", "a Chinese official", "the Georgian government": the
        body a voice speaks for (plural too: "Cambodian officials" speak for Cambodia)."""
        noun = speaker_nouns().get(noun_lemma(head))
        if noun is None or noun.kind not in {"voice", "state"}:
            return None
        allowed = SPEAKING_TYPES if noun.kind == "voice" else BODY_TYPES
        for child in head.children:
            if child.dep_ in BODY_MODIFIERS:
                target = child
            elif child.dep_ == "prep" and child.lower_ in BODY_PREPOSITIONS:
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            else:
                continue
            entity = self._named_in(target) if target is not None else None
            if entity is not None and entity.type in allowed:
                return entity
        return None

    def _named_in(self, token: Token) -> Entity | None:
        span = self.doc[token.left_edge.i:token.i + 1]
        mentions = self.entities.mentions_in(span.start_char, span.end_char)
        return mentions[-1][1] if mentions else self.entities.at(token.idx, token.idx + len(token))

    def _personal(self, head: Token, gender: str) -> Entity | None:
        def fits(e: Entity) -> bool:
            return e.type == "PERSON" and self.gender.get(e.id, gender) == gender
        found = self._antecedent(head, fits)
        if found is None:  # named once, then "she" paragraph after paragraph: the chain of speakers
            return self._recent(head, fits)
        if found.id in self.gender:
            return found
        # the nearest fit's gender is unknown: a speaker of this paragraph known to fit is surer
        here = self.paragraph_of(head.idx)
        return next((e for offset, e in reversed(self.history) if offset < head.idx
                     and self.paragraph_of(offset) == here and self.gender.get(e.id) == gender), found)

    def _recent(self, head: Token, fits: Callable[[Entity], bool]) -> Entity | None:
        """The latest earlier speaker that fits, in this or the previous paragraph."""
        here = self.paragraph_of(head.idx)
        for offset, entity in reversed(self.history):
            if offset < head.idx and here - self.paragraph_of(offset) <= 1 and fits(entity):
                return entity
        return None

    def _antecedent(self, head: Token, fits: Callable[[Entity], bool],
                    sentences: int = LOOKBACK_SENTENCES) -> Entity | None:
        """The entity a pronoun or role noun points back to: the nearest sentence (this one up to
        the word, then earlier ones) naming one that fits outside quoted words; in it the subject,
        then an earlier speaker, then the first named."""
        here = self.paragraph_of(head.idx)
        number = bisect_right(self._sentence_starts, head.idx) - 1
        for k in range(number, max(-1, number - sentences), -1):
            sent = self.sentences[k]
            if here - self.paragraph_of(sent.start_char) >= LOOKBACK_PARAGRAPHS:
                break
            end = head.idx if k == number else sent.end_char
            found = [(span, e) for span, e in self.entities.mentions_in(sent.start_char, end)
                     if fits(e) and (not self._quoted(span) or self._reports(span))]
            if found:
                spoke = {e.id for _, e in self.history}
                return min(found, key=lambda m: (not self._subject(m[0]), m[1].id not in spoke, m[0][0]))[1]
        return None

    def _quoted(self, span: CharSpan) -> bool:
        i = bisect_right(self.quoted, (span[0], float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= span[0] < self.quoted[i][1]

    def _reports(self, span: CharSpan) -> bool:
        """The subject of a reporting verb inside quoted words still speaks: in "X insisted that
        ..., he said" the whole sentence is the quote, and "he" is X."""
        chunk = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return chunk is not None and chunk.root.dep_ == "nsubj" and chunk.root.head.lower_ in _reporting_forms()

    def _subject(self, span: CharSpan) -> bool:
        chunk = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        token = chunk.root if chunk is not None else None
        while token is not None and token.dep_ in NAME_PARTS and token.head is not token:
            token = token.head
        return token is not None and token.dep_ in SUBJECT_DEPS

    def _by_noun(self, head: Token) -> Entity | None:
        """"the spokesman" -> the person named with that role; "the ministry" -> that ministry."""
        noun = SpeakerNoun("role", None) if _aged(head) else speaker_nouns().get(noun_lemma(head))
        if noun is None or head.tag_ in {"NNS", "NNPS"} or not _definite(head):
            return None  # groups and anonymous sources stay unattributed
        if noun.kind == "document":
            return self._body_named(head)
        if noun.kind in {"body", "state"}:
            return self._body_named(head) or self._antecedent(
                head, lambda e: e.type in ({"COUNTRY"} if noun.kind == "state" else {"ORG", "IGO", "GROUP"}),
                ROLE_LOOKBACK_SENTENCES)
        return self._role_holder(head) or self._antecedent(
            head, lambda e: e.type == "PERSON" and noun.gender in {None, self.gender.get(e.id, noun.gender)},
            ROLE_LOOKBACK_SENTENCES)

    def _body_named(self, head: Token) -> Entity | None:
        word = noun_lemma(head)
        for _, entity in reversed(self.entities.mentions_in(0, head.idx)):
            if entity.type in {"ORG", "IGO"} and word in entity.name.lower().split():
                return entity
        return None

    def _role_holder(self, head: Token) -> Entity | None:
        positions = self._positions_of(noun_lemma(head))
        for i in reversed(positions[:bisect_left(positions, head.i)]):
            holder = self._person_near(self.doc[i])
            if holder is not None:
                return holder
        return None

    def _positions_of(self, lemma: str) -> list[int]:
        """Where the article uses the noun, indexed once (a scan back from every quote's
        speaker is quadratic over a long article)."""
        if self._noun_positions is None:
            self._noun_positions = {}
            for token in self.doc:
                self._noun_positions.setdefault(noun_lemma(token), []).append(token.i)
        return self._noun_positions.get(lemma, [])

    def _person_near(self, token: Token) -> Entity | None:
        """A person named in apposition with or right before a role noun ("spokesman Wang Wenbin")."""
        sent = token.sent
        people = [(abs(self.doc.char_span(s, e, alignment_mode="expand").start - token.i), ent)
                  for (s, e), ent in self.entities.mentions_in(sent.start_char, sent.end_char)
                  if ent.type == "PERSON"]
        near = [p for p in people if p[0] <= 6]
        return min(near, key=lambda p: p[0])[1] if near else None


@lru_cache(maxsize=1)
def _reporting_forms() -> frozenset[str]:
    lemmas = frozenset(line.split()[0] for line in lexicon.words("reporting_verbs"))
    return frozenset(forms(lemmas, "VERB"))


def _definite(head: Token) -> bool:
    return any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in head.lefts)
