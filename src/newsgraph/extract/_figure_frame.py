"""What a figure is about, read from the dependency parse: the measured thing, its subject and counterpart.

Used by `figures.py`. The rules follow the few shapes news sentences give numbers:
- adjectival: "China's approximately 1,100-mile border with Kazakhstan" (the number modifies a noun);
- "of" phrase: "17% of the oil extracted from Kazakhstan", "a border of 1,100 miles";
- copula: "Kazakhstan's total trade with China was $21 billion";
- verb: "Chinese companies account for 17%", "China lent Russia $6bn", "Russia sent 2,000 troops";
- agent: "30% by US companies".
A figure none of these explain ("compared to $10 billion with Russia") inherits from the one before.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.model import Entity, EntityIndex

ADJECTIVAL = frozenset({"compound", "amod", "nummod", "nmod", "quantmod", "npadvmod"})
NOUNS = frozenset({"NOUN", "PROPN"})
COUNTERPART_PREPS = frozenset({"with", "to", "from", "between", "against", "for"})
MODIFIERS = frozenset({"amod", "compound", "nmod"})
MAX_MEASURE_TOKENS = 7      # an "of" phrase longer than this is a clause, not a measure
PRONOUN_POSS = frozenset({"its", "their", "his", "her", "our"})


@dataclass(frozen=True, slots=True)
class Frame:
    measure: str | None = None
    subject: str | None = None     # entity ids
    object: str | None = None
    pronoun: bool = False          # the subject slot held a possessive pronoun ("its border")


def frame_of(span: Span, entities: EntityIndex, unit_kind: str) -> Frame:
    """Measure, subject and object of the figure at `span`, as far as its own syntax tells."""
    root = span.root
    head = root.head
    if root.dep_ in ADJECTIVAL and head not in span and head.pos_ in NOUNS:
        return _about_noun(head, span, entities)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNS and head.head not in span:
        return _about_noun(head.head, span, entities)     # "a border of 1,100 miles"
    verb = governor(root)
    frame = _of_phrase(root, span, entities) or _copula(verb, entities) or Frame()
    subject = (_agent(root, entities) or frame.subject or _verb_subject(verb, entities))
    obj = frame.object or _counterpart(root, entities, span) or _verb_object(verb, entities, subject)
    measure = frame.measure or _fallback_measure(span, verb, subject, unit_kind)
    return Frame(measure, subject, obj, frame.pronoun)


def governor(token: Token) -> Token | None:
    """The verb (or copula) the figure depends on, walking up through prepositions and conjuncts."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _about_noun(noun: Token, span: Span, entities: EntityIndex) -> Frame:
    """The figure describes `noun`: its possessor is the subject, its "with" phrase the counterpart."""
    subject, pronoun = _possessor(noun, entities)
    if subject is None and (named := entity_at(noun, entities)) is not None:
        subject = named.id                                 # "the trillion-dollar Belt and Road Initiative"
    if subject is None:
        subject = _modifier_entity(noun, span, entities)
    named = entity_at(noun, entities)
    measure = _mention_text(noun, entities) if named is not None else noun_phrase(noun, span)
    return Frame(measure, subject, _counterpart(noun, entities, span), pronoun)


def _of_phrase(root: Token, span: Span, entities: EntityIndex) -> Frame | None:
    """"17% of the oil extracted from Kazakhstan": the measure is the "of" object's phrase."""
    for token in (root, span[-1]):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    subject, pronoun = _possessor(objects[0], entities)
                    return Frame(phrase_of(objects[0]), subject, None, pronoun)
    return None


def _copula(verb: Token | None, entities: EntityIndex) -> Frame | None:
    """"Kazakhstan's total trade with China was $21 billion": the copula's subject is the measure."""
    if verb is None or verb.lemma_ != "be":
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and entity_at(child, entities) is None:
            subject, pronoun = _possessor(child, entities)
            return Frame(noun_phrase(child), subject, _counterpart(child, entities), pronoun)
    return None


def _agent(root: Token, entities: EntityIndex) -> str | None:
    """"30% by US companies": the "by" phrase names whose share it is."""
    for prep in root.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ == "by":
            for obj in prep.children:
                if (found := entity_in_phrase(obj, entities)) is not None:
                    return found.id
    return None


def _verb_subject(verb: Token | None, entities: EntityIndex) -> str | None:
    """"Chinese companies account for 17%", "China lent Russia $6bn"."""
    if verb is None or verb.lemma_ == "be":
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            found = entity_in_phrase(child, entities)
            return found.id if found else None
    return None


def _verb_object(verb: Token | None, entities: EntityIndex, subject: str | None) -> str | None:
    """"lent Russia $6bn" (dative), "sent 2,000 troops to Kazakhstan" (a "to" phrase of the verb)."""
    if verb is None or verb.lemma_ == "be":
        return None
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and (found := entity_at(child, entities)) and found.id != subject:
            return found.id
    return _counterpart(verb, entities, preps=frozenset({"to"}))


def _counterpart(token: Token, entities: EntityIndex, span: Span | None = None,
                 preps: frozenset[str] = COUNTERPART_PREPS) -> str | None:
    """The entity in a "with"/"to"/"from" phrase of `token` (or of the figure's last token)."""
    holders = [token] if span is None else [token, span[-1]]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (found := entity_in_phrase(obj, entities)) is not None:
                        return found.id
    return None


def _possessor(noun: Token, entities: EntityIndex) -> tuple[str | None, bool]:
    for child in noun.children:
        if child.dep_ == "poss":
            if child.lower_ in PRONOUN_POSS:
                return None, True
            found = entity_in_phrase(child, entities)
            return (found.id if found else None), False
    return None, False


def _modifier_entity(noun: Token, span: Span, entities: EntityIndex) -> str | None:
    """"Chinese oil exports": an entity among the noun's left modifiers."""
    for child in noun.lefts:
        if child.dep_ in MODIFIERS and child not in span and (found := entity_at(child, entities)):
            return found.id
    return None


def _fallback_measure(span: Span, verb: Token | None, subject: str | None, unit_kind: str) -> str | None:
    """Counts of people are measured by their own noun ("troops"); a figure an actor handles by its
    verb ("lent"); anything else stays unexplained and may inherit."""
    if unit_kind == "people":
        return span[-1].text if span[-1].pos_ in NOUNS or span[-1].pos_ == "ADJ" else None
    if unit_kind != "duration" and verb is not None and subject is not None and verb.lemma_ != "be" \
            and verb.dep_ != "prep":
        return verb.text
    return None


def noun_phrase(noun: Token, span: Span | None = None) -> str:
    """The noun with its adjective and compound modifiers, minus the figure, determiners, possessors."""
    words = [t for t in noun.lefts if t.dep_ in MODIFIERS and (span is None or t not in span)
             and not any(c in (span or ()) for c in t.subtree)]
    return " ".join(t.text for t in (*words, noun))


def phrase_of(noun: Token) -> str:
    """The noun's phrase in the article's words, determiners off, cut at the first punctuation."""
    tokens = [t for t in noun.subtree if not (t.dep_ in ("det", "poss", "case") and t.i < noun.i)]
    kept = []
    for token in tokens:
        if token.is_punct and token.i > noun.i:
            break
        kept.append(token)
    return " ".join(t.text for t in kept[:MAX_MEASURE_TOKENS])


def _mention_text(token: Token, entities: EntityIndex) -> str:
    """The words of the entity mention covering `token` ("Belt and Road Initiative")."""
    doc = token.doc
    for (start, end), _ in entities.mentions_in(token.sent.start_char, token.sent.end_char):
        if start <= token.idx < end:
            return doc.text[start:end]
    return token.text


def entity_at(token: Token, entities: EntityIndex) -> Entity | None:
    return entities.at(token.idx, token.idx + len(token.text))


def entity_in_phrase(token: Token, entities: EntityIndex) -> Entity | None:
    """The entity a noun phrase names: its head's, else the first mention left of the head
    ("Chinese companies" -> China, "the Carnegie Moscow Center")."""
    found = entity_at(token, entities)
    if found is not None:
        return found
    start = token.left_edge.idx
    mentions = entities.mentions_in(start, token.idx + len(token.text))
    return mentions[0][1] if mentions else None
