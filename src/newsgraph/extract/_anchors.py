"""From parse tokens to the article's entities: what the role and relation rules share.

The parse says which words hang together; the entity index says what a word stands for.
These helpers join the two without knowing any predicate: the entity at a token, a pronoun's
antecedent in the same sentence, coordinated entities ("China, Russia and Kazakhstan"), and
whether a clause is negated or only hypothetical.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from newsgraph.extract import lexicon
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import Entity, EntityIndex

ACTOR_TYPES = frozenset({"COUNTRY", "IGO", "ORG", "GROUP"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
SALIENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})


def entity_at(token: Token, index: EntityIndex) -> Entity | None:
    """The entity a token belongs to (its own mention, or a mention covering it)."""
    return index.at(token.idx, token.idx + len(token.text))


def resolve(token: Token, index: EntityIndex, *, types: frozenset[str] = ACTOR_TYPES) -> Entity | None:
    """The entity a token stands for; pronouns and bare nouns in apposition are followed back."""
    if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
        return resolve(token.head.head, index, types=types)
    if token.pos_ == "PRON":
        wanted = frozenset({"PERSON"}) if token.lower_ in PERSON_PRONOUNS else types
        return preceding(token, index, wanted)
    found = entity_at(token, index)
    if found is None and token.dep_ == "appos":
        return resolve(token.head, index, types=types)
    return found


def preceding(token: Token, index: EntityIndex, types: frozenset[str],
              exclude: Iterable[str] = ()) -> Entity | None:
    """The entity of `types` named before `token` in its sentence that a pronoun most likely means:
    the nearest subject or possessor ("China's border ... its border"), else the nearest at all."""
    skip = set(exclude)
    candidates = [(span, e) for span, e in index.mentions_in(token.sent.start_char, token.idx)
                  if e.type in types and e.id not in skip]
    for (start, end), entity in reversed(candidates):
        span = token.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.dep_ in SALIENT_DEPS:
            return entity
    return candidates[-1][1] if candidates else None


def coordinated(token: Token) -> Iterator[Token]:
    """The token and every conjunct hanging off it ("Russia, China and Kazakhstan")."""
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from coordinated(child)


def state_of(entity: Entity, index: EntityIndex) -> Entity:
    """A capital city standing for its state ("Moscow, an ally") -> that state, when mentioned."""
    if entity.type != "CITY":
        return entity
    known = gazetteer().lookup(entity.name)
    iso = known.capital_of if known else None
    if iso is None:
        return entity
    return next((e for e in index.entities if e.type == "COUNTRY" and e.country == iso), entity)


def _clause_head(token: Token) -> Token:
    """The verb whose clause contains `token` (nouns climb through their heads)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def predicative(token: Token) -> bool:
    """Whether the word carries its clause's claim ("is a member", "joined", "share a border"),
    rather than naming something the clause takes for granted ("the Sino-Indian border war")."""
    return token.pos_ in ("VERB", "AUX") or token.dep_ in ("attr", "dobj", "ROOT", "acomp", "appos")


def denied_by_prefix(token: Token) -> bool:
    """ "non-member", "no ally": the word itself is negated."""
    negators = lexicon.words("relation_negators")
    before = [t.lower_ for t in token.doc[max(0, token.i - 2):token.i] if t.text != "-"]
    return bool(before) and before[-1] in negators


def negated(token: Token) -> bool:
    """A negation on the word itself or on the verb of its clause ("is not a member")."""
    negators = lexicon.words("relation_negators")
    for word in (token, _clause_head(token)):
        if any(c.dep_ == "neg" or c.lower_ in negators for c in word.children):
            return True
    return denied_by_prefix(token)


def hypothetical(token: Token) -> bool:
    """A modal or condition on the clause ("could join", "if it joins"), or a wish governing it
    ("wants to join", "its bid to join"): not a standing fact."""
    modals = lexicon.words("relation_modals")
    head = _clause_head(token)
    if any(c.dep_ in ("aux", "mark") and c.lower_ in modals for c in head.children):
        return True
    return head.dep_ in ("xcomp", "acl", "advcl") and head.head.lower_ in modals


def led_somewhere(verb: Token) -> bool:
    """ "led Canada to its worst year", "took the team into the final": the verb moves its object
    somewhere rather than heading it ("led Britain from 1997 to 2007" is office: a date follows)."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        if not any(o.like_num for o in prep.children if o.dep_ == "pobj"):
            return True
    return False


def sentence_span(token: Token) -> tuple[int, int]:
    sent: Span = token.sent
    return sent.start_char, sent.end_char
