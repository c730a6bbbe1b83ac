"""What a figure is about, read from the dependency parse: the measured thing, its subject and counterpart.

Used by `figures.py`. The rules follow the few shapes news sentences give numbers:
- adjectival: "China's approximately 1,100-mile border with Kazakhstan" (the number modifies a noun);
- "of" phrase: "17% of the oil extracted from Kazakhstan", "a border of 1,100 miles";
- copula: "Kazakhstan's total trade with China was $21 billion";
- verb: "Chinese companies account for 17%", "China lent Russia $6bn", "Russia sent 2,000 troops";
- agent: "30% by US companies";
- counts: "NDC won 114 seats" (the verb's subject, through a relative clause: "the party which won
  15 seats"), "two Cambodian soldiers" (a nationality), "six Tibetans were arrested in New York"
  (where it happened), "John Smith, age 64" (whose age);
- raising: "two protesters are reported to have been shot dead" (measured by "shot dead", not
  "reported").
The measure is then folded to a canonical name where `resources/measures.tsv` lists one.
A figure none of these explain ("compared to $10 billion with Russia") inherits from the one before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from newsgraph.extract.lemmas import forms
from newsgraph.extract.lexicon import rows, words
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
WORTH = frozenset({"worth", "valued", "costing", "totalling", "totaling", "amounting"})
HAVING = frozenset({"have", "has", "had", "having", "include", "includes", "included", "including",
                    "comprise", "comprises", "comprised", "number", "numbers", "numbered"})
UNPLACED = frozenset({"duration", "age", "length"})   # "spent three years in Paris" is not Paris's
PLACE_TYPES = frozenset({"COUNTRY", "REGION", "CITY", "LOCATION"})
LOCATIVE_PREPS = frozenset({"in", "at", "across", "throughout"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# verbs that report or judge another verb's event: the figure is measured by that verb
RAISING = frozenset({"reported", "said", "believed", "thought", "feared", "expected", "confirmed",
                     "claimed", "estimated", "known", "seen", "understood", "alleged", "likely"})


@dataclass(frozen=True, slots=True)
class Frame:
    measure: str | None = None
    subject: str | None = None     # entity ids
    object: str | None = None
    pronoun: bool = False          # the subject slot held a possessive pronoun ("its border")


def frame_of(span: Span, entities: EntityIndex, unit: Unit) -> Frame:
    """Measure, subject and object of the figure at `span`, as far as its own syntax tells."""
    frame = _frame(span, entities, unit)
    if frame.subject is None and not frame.pronoun and unit.kind not in UNPLACED:
        frame = replace(frame, subject=_place_of(governor(span.root), span.root, entities))
    return replace(frame, measure=canonical_measure(frame.measure))


def _frame(span: Span, entities: EntityIndex, unit: Unit) -> Frame:
    root = span.root
    verb = governor(root)
    noun = _described_noun(root, span) if unit.kind != "people" else None   # people are counted, never described
    if unit.kind == "age":
        return _age(span, noun, entities)
    if noun is not None:
        frame = _about_noun(noun, span, entities)
        if unit.kind == "count" and frame.measure and unit.code not in frame.measure:
            frame = replace(frame, measure=f"{frame.measure} {unit.code}")     # "120-seat parliament"
        return frame if frame.subject or frame.pronoun else replace(frame, subject=_verb_subject(verb, entities))
    people = _people(root, verb, unit, entities)
    if people is not None and people.measure == "people":      # "the death toll rose to 52"
        people = replace(people, measure=(_changed(verb, root, entities) or Frame("people")).measure)
    frame = (people or _counted(root, verb, unit)
             or _prep_phrase(root, span, entities)
             or _copula(verb, entities) or _changed(verb, root, entities) or _distance(span, unit, entities)
             or _verb_object_measure(verb, root, unit, entities) or Frame())
    subject = _agent(root, entities) or frame.subject or _verb_subject(verb, entities)
    obj = frame.object or _counterpart(root, entities, span) or _verb_object(verb, entities, subject)
    measure = frame.measure or _verb_measure(verb, unit)
    return Frame(measure, subject, obj, frame.pronoun)


@lru_cache(maxsize=1)
def _measure_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {r["word"].lower(): r["canonical"] for r in rows("measures")}
    alternation = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.I), names


def canonical_measure(measure: str | None) -> str | None:
    """"soldiers shot dead", "death toll" -> "killed"; a phrase with no listed word stays as it is."""
    if not measure:
        return measure
    pattern, names = _measure_names()
    found = pattern.search(measure)
    return names[found[0].lower()] if found else measure


def _age(span: Span, noun: Token | None, entities: EntityIndex) -> Frame:
    """"John Smith, age 64,": the person's age; "a 15-year-old ban": the ban's age."""
    named = entity_at(noun, entities) if noun is not None else None
    if noun is not None and named is None:
        return Frame(f"{noun_phrase(noun, span)} age", _possessor(noun, entities)[0])
    return Frame("age", named.id if named is not None else _apposed(span, entities))


def _apposed(span: Span, entities: EntityIndex) -> str | None:
    """The entity right before the figure, only punctuation between ("Riad Daabas, age 19")."""
    doc = span.doc
    start = span.start_char
    before = entities.mentions_in(max(0, start - 120), start)
    if before:
        (_, end), entity = before[-1]
        if re.fullmatch(r"[\s,(\'\"\u2018\u2019\u201c\u201d-]*(?:who\s+is\s+|aged?\s*)?", doc.text[end:start]):
            return entity.id
    return None


def _counted(root: Token, verb: Token | None, unit: Unit) -> Frame | None:
    """A count of things ("won 114 seats", "dropped two bombs"): measured by the verb it is the
    object or subject of, and the noun; else by the noun alone ("in 9,000 polling stations")."""
    if unit.kind != "count":
        return None
    head = root.head if root.dep_ == "conj" else root          # "deployed 40 tanks and 12 helicopters"
    direct = verb is not None and head.head.i == verb.i and head.dep_ in ("dobj", "nsubj", "nsubjpass")
    acting = _content_verb(verb) if direct and not _is_copula(verb) and verb.lower_ not in HAVING else None
    return Frame(f"{acting.text} {unit.code}" if acting is not None else unit.code)


def _content_verb(verb: Token) -> Token:
    """"are reported to have been shot": the verb the report is about."""
    while verb.lower_ in RAISING:
        inner = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")), None)
        if inner is None:
            break
        verb = inner
    return verb


def _verb_phrase(verb: Token) -> str:
    """The verb with a resulting state ("shot dead", "left ... dead")."""
    states = [c.text for c in verb.children if c.dep_ in ("acomp", "oprd") and c.i > verb.i]
    return " ".join([verb.text, *states[:1]])


def _place_of(verb: Token | None, root: Token, entities: EntityIndex) -> str | None:
    """"six were arrested in New York", "1,000 protesters in Kathmandu": where it happened."""
    holders = [root]
    if verb is not None:
        holders += [verb, *(c for c in verb.children if c.dep_ == "conj")]
        if verb.dep_ == "conj":
            holders.append(verb.head)                      # "70 killed and 1,000 arrested in Tibet"
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (found := _place_in(obj, entities)) is not None:
                        return found
    if verb is not None and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        found = entity_in_phrase(verb.head, entities)     # "Kathmandu, where 1,000 gathered"
        return found.id if found is not None and found.type in PLACE_TYPES else None
    return None


def _place_in(obj: Token, entities: EntityIndex) -> str | None:
    """The place a locative object names: itself, or its "of" phrase ("the X district of Odense")."""
    found = entity_in_phrase(obj, entities)
    if found is None:
        for prep in obj.children:                     # "at a market near the Jokhang temple"
            if prep.dep_ == "prep" and prep.lower_ in ("of", "near", "in", "outside"):
                found = next((f for c in prep.children if c.dep_ == "pobj"
                              and (f := entity_in_phrase(c, entities)) is not None), None)
    return found.id if found is not None and found.type in PLACE_TYPES else None


def _described_noun(root: Token, span: Span) -> Token | None:
    """The noun a figure describes: "a 1,100-mile border", "a border of 1,100 miles"."""
    head = root.head
    if root.dep_ in ADJECTIVAL and head not in span and head.pos_ in NOUNS:
        return head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNS and head.head not in span:
        return head.head
    if head.lower_ in WORTH and head.head.pos_ in NOUNS and head.head not in span:
        return head.head                                   # "a deal worth $120 million"
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


def _people(root: Token, verb: Token | None, unit: Unit, entities: EntityIndex) -> Frame | None:
    """Counts of people are measured by their own noun and what happened to them ("2,000 troops",
    "30 people died", "two protesters are reported shot dead"); whose people a nationality says
    ("two Cambodian soldiers", "five Thais")."""
    if unit.kind != "people":
        return None
    actor = _collective(root)
    acting = verb is not None and actor.dep_ in ("nsubj", "nsubjpass", "dobj") and not _is_copula(verb) \
        and actor.head.i == verb.i and not (actor.dep_ == "dobj" and verb.lower_ in HAVING)
    states = [c for c in root.children if c.dep_ in ("amod", "acl") and c.i > root.i]
    if actor is not root and actor.pos_ in NOUNS:
        states.append(actor)                                  # "the lives of 4,000 people"
    if verb is not None and root.dep_ == "dobj":
        states += [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp") and c.i > root.i]
    state = next((c for c in states if canonical_measure(c.text) != c.text), None)   # "left two soldiers dead"
    measure = (f"{unit.surface} {state.text}" if state is not None
               else f"{unit.surface} {_verb_phrase(_content_verb(verb))}" if acting else unit.surface)
    named = entity_at(root, entities) if root.pos_ in NOUNS else None
    nationality = named.id if named is not None and named.type in PLACE_TYPES else \
        _modifier_entity(root, None, entities)
    return Frame(measure, nationality)


def _collective(root: Token) -> Token:
    """"a group of 1,700 protesters gathered": the group acts for the people in it; "two troops
    and five Thais were injured": the first conjunct's role is the second's."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in NOUNS:
        return root.head.head
    if root.dep_ == "conj" and root.head.pos_ in NOUNS:
        return root.head
    return root


def _copula(verb: Token | None, entities: EntityIndex) -> Frame | None:
    """"Kazakhstan's total trade with China was $21 billion": the copula's subject is the measure."""
    return _measured_subject(verb, entities) if verb is not None and _is_copula(verb) else None


def _changed(verb: Token | None, root: Token, entities: EntityIndex) -> Frame | None:
    """"China's exports rose 5%", "the project will cost $5bn": the subject of a measure verb."""
    if verb is None or verb.lower_ not in words("measure_verbs") or root.dep_.startswith("nsubj"):
        return None
    return _measured_subject(verb, entities)


def _measured_subject(verb: Token, entities: EntityIndex) -> Frame | None:
    """The verb's own subject; a participle without one ("rates soared, reaching 90%") takes the
    subject of the verb it hangs from."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.pos_ in NOUNS and entity_at(child, entities) is None:
                return _described(child, entities)
            return None
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return _measured_subject(verb.head, entities)
    if verb.dep_ == "acl" and verb.head.pos_ in NOUNS and entity_at(verb.head, entities) is None:
        return _described(verb.head, entities)            # "payments totalling $5m"
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
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                child = verb.head                         # "the party which won 15 seats"
            if child.lower_ in PERSONAL_PRONOUNS:
                return _reporter(verb, entities)
            found = entity_in_phrase(child, entities)
            return found.id if found else None
    if verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:
        return _controller(verb, entities)
    return None


def _reporter(verb: Token, entities: EntityIndex) -> str | None:
    """"Weiner said he already has 30 co-sponsors": a pronoun under a reporting verb is its subject."""
    token = verb
    while token.dep_ in ("ccomp", "conj", "xcomp", "advcl") and token.head.i != token.i:
        token = token.head
        if token.lower_ in RAISING or token.lower_ in forms(words("reporting_verbs"), "VERB"):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            found = entity_in_phrase(subject, entities) if subject is not None else None
            return found.id if found is not None and found.type == "PERSON" else None
    return None


def _controller(verb: Token, entities: EntityIndex) -> str | None:
    """"the plan calls for A and B to receive a loan", "asked Russia to send troops": the
    infinitive's subject is the object of the verb above it."""
    for child in verb.head.children:
        if child.dep_ == "dobj" and child.i < verb.i and (found := entity_in_phrase(child, entities)):
            return found.id
        if child.dep_ == "prep" and child.lower_ == "for" and child.i < verb.i:
            for obj in child.children:
                if obj.dep_ == "pobj" and (found := entity_in_phrase(obj, entities)) is not None:
                    return found.id
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
