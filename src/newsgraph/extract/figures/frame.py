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

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from newsgraph.extract.lexicon import words
from newsgraph.extract.figures.quantities import Unit
from newsgraph.model import Entity, EntityIndex

ADJECTIVAL = frozenset({"compound", "amod", "nummod", "nmod", "quantmod", "npadvmod"})
NOUNS = frozenset({"NOUN", "PROPN"})
COUNTERPART_PREPS = frozenset({"with", "to", "from", "between", "against", "for"})
MODIFIERS = frozenset({"amod", "compound", "nmod"})
MAX_MEASURE_TOKENS = 7      # an "of" phrase longer than this is a clause, not a measure
VERB_MEASURED = frozenset({"currency", "mass", "volume", "flow"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "north-east", "north-west", "south-east", "south-west", "from", "away", "off", "outside"})
COPULAS = frozenset({"be", "is", "was", "are", "were", "been", "being", "'s", "am"})
PRONOUN_POSS = frozenset({"its", "their", "his", "her", "our"})


@dataclass(frozen=True, slots=True)
class Frame:
    measure: str | None = None
    subject: str | None = None     # entity ids
    object: str | None = None
    pronoun: bool = False          # the subject slot held a possessive pronoun ("its border")


def frame_of(span: Span, entities: EntityIndex, unit: Unit) -> Frame:
    """Measure, subject and object of the figure at `span`, as far as its own syntax tells."""
    root = span.root
    verb = governor(root)
    noun = _described_noun(root, span)
    if noun is not None:
        frame = _about_noun(noun, span, entities)
        return frame if frame.subject or frame.pronoun else replace(frame, subject=_verb_subject(verb, entities))
    frame = (_people(root, verb, unit) or _prep_phrase(root, span, entities) or _copula(verb, entities)
             or _changed(verb, root, entities) or _distance(span, unit, entities)
             or _verb_object_measure(verb, root, unit, entities) or Frame())
    subject = _agent(root, entities) or frame.subject or _verb_subject(verb, entities)
    obj = frame.object or _counterpart(root, entities, span) or _verb_object(verb, entities, subject)
    measure = frame.measure or _verb_measure(verb, unit)
    return Frame(measure, subject, obj, frame.pronoun)


def _described_noun(root: Token, span: Span) -> Token | None:
    """The noun a figure describes: "a 1,100-mile border", "a border of 1,100 miles"."""
    head = root.head
    if root.dep_ in ADJECTIVAL and head not in span and head.pos_ in NOUNS:
        return head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNS and head.head not in span:
        return head.head
    return None


def _is_copula(verb: Token) -> bool:
    return verb.lower_ in COPULAS


def governor(token: Token) -> Token | None:
    """The verb (or copula) the figure depends on, walking up through prepositions and conjuncts."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _about_noun(noun: Token, span: Span, entities: EntityIndex) -> Frame:
    """The figure describes `noun`: its possessor is the subject, its "with" phrase the counterpart."""
    subject, pronoun = _possessor(noun, entities)
    named = entity_at(noun, entities)                      # "the trillion-dollar Belt and Road Initiative"
    if subject is None:
        subject = named.id if named is not None else _modifier_entity(noun, span, entities)
    measure = _mention_text(noun, entities) if named is not None else noun_phrase(noun, span)
    return Frame(measure, subject, _counterpart(noun, entities, span), pronoun)


def _prep_phrase(root: Token, span: Span, entities: EntityIndex) -> Frame | None:
    """"17% of the oil extracted from Kazakhstan", "$700 million in assets": the measure is the
    object of the figure's own "of" (or "in") phrase."""
    for token in (root, span[-1]):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in") and prep not in span:
                objects = [c for c in prep.children if c.dep_ == "pobj" and not _is_time(c)]
                if objects and (named := entity_at(objects[0], entities)) is not None:
                    return Frame(None, named.id)           # "20% of Kazakhstan": whose, not what
                if objects:
                    subject, pronoun = _possessor(objects[0], entities)
                    return Frame(phrase_of(objects[0]), subject, None, pronoun)
    return None


def _is_time(token: Token) -> bool:
    """"in 2020", "in December": a time phrase, not what is measured."""
    return token.like_num or token.ent_type_ == "DATE"


def _people(root: Token, verb: Token | None, unit: Unit) -> Frame | None:
    """Counts of people are measured by their own noun: "2,000 troops", "30 people died"."""
    if unit.kind != "people":
        return None
    acting = verb is not None and root.dep_ in ("nsubj", "nsubjpass") and not _is_copula(verb)
    return Frame(f"{unit.surface} {verb.text}" if acting else unit.surface)


def _copula(verb: Token | None, entities: EntityIndex) -> Frame | None:
    """"Kazakhstan's total trade with China was $21 billion": the copula's subject is the measure."""
    return _measured_subject(verb, entities) if verb is not None and _is_copula(verb) else None


def _changed(verb: Token | None, root: Token, entities: EntityIndex) -> Frame | None:
    """"China's exports rose 5%", "the project will cost $5bn": the subject of a measure verb."""
    if verb is None or verb.lower_ not in words("measure_verbs") or root.dep_.startswith("nsubj"):
        return None
    return _measured_subject(verb, entities)


def _measured_subject(verb: Token, entities: EntityIndex) -> Frame | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in NOUNS and entity_at(child, entities) is None:
            return _described(child, entities)
    return None


def _verb_object_measure(verb: Token | None, root: Token, unit: Unit, entities: EntityIndex) -> Frame | None:
    """"estimated the damage at $2m", "raised rates by 50 basis points": the verb's object."""
    if verb is None or unit.kind == "duration" or root.dep_ != "pobj" or root.head.head.i != verb.i:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ in NOUNS and entity_at(child, entities) is None:
            return _described(child, entities)
    return None


def _described(noun: Token, entities: EntityIndex) -> Frame:
    """A measured noun phrase: its possessor ("China's exports") or place ("output in Kazakhstan")
    is the subject, its "with" phrase the counterpart."""
    subject, pronoun = _possessor(noun, entities)
    subject = subject or _counterpart(noun, entities, preps=frozenset({"of", "in"})) \
        or _modifier_entity(noun, None, entities)
    return Frame(noun_phrase(noun), subject, _counterpart(noun, entities), pronoun)


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
    if verb is None or _is_copula(verb):
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            found = entity_in_phrase(child, entities)
            return found.id if found else None
    return None


def _verb_object(verb: Token | None, entities: EntityIndex, subject: str | None) -> str | None:
    """"lent Russia $6bn" (dative), "sent 2,000 troops to Kazakhstan" (a "to" phrase of the verb)."""
    if verb is None or _is_copula(verb):
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
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
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


def _modifier_entity(noun: Token, span: Span | None, entities: EntityIndex) -> str | None:
    """"Chinese oil exports": an entity among the noun's left modifiers."""
    for child in noun.lefts:
        if child.dep_ in MODIFIERS and (span is None or child not in span):
            if (found := entity_at(child, entities)) is not None:
                return found.id
    return None


def _verb_measure(verb: Token | None, unit: Unit) -> str | None:
    """A sum or a quantity of goods an actor handles is measured by the verb ("lent", "pledged",
    "shipped"); other figures, and those under "compared to", may inherit from the figure before."""
    if unit.kind not in VERB_MEASURED or verb is None or _is_copula(verb) or verb.dep_ == "prep":
        return None
    return verb.text


def _distance(span: Span, unit: Unit, entities: EntityIndex) -> Frame | None:
    """"20 kilometres north of Beirut", "500 km (311 miles) from Caracas": a distance to a place."""
    if unit.kind != "length":
        return None
    after = span.doc[span.end:span.end + 12]
    if len(after) and after[0].text == "(":               # skip a parenthetical conversion
        closing = next((t.i for t in after if t.text == ")"), None)
        after = span.doc[closing + 1:closing + 10] if closing is not None else after
    if not len(after) or after[0].lower_ not in DIRECTIONS:
        return None
    mentions = entities.mentions_in(after.start_char, after.end_char)
    return Frame("distance", None, mentions[0][1].id if mentions else None)


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
    for (start, end), _ in entities.mentions_in(max(0, token.idx - 200), token.idx + 200):
        if start <= token.idx < end:
            mention = token.doc.char_span(start, end, alignment_mode="expand")
            return mention.text if mention is not None else token.text
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
