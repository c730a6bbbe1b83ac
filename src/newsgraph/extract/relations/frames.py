"""Relations stated around a trigger word: where its subject and object sit in the parse.

A trigger (`relation_triggers.tsv`) is a noun ("member", "border", "capital", "ally"), a verb
("borders", "joined", "based") or a listing verb ("includes ... among its members"). The frame
finds the two sides from the dependency parse of the trigger's own clause, never from elsewhere
in the story: prepositional objects, possessives, modifiers and demonyms, the noun a phrase is in
apposition to, the subject of a copula. Which side is which is data, not code.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from newsgraph.extract._anchors import ACTOR_TYPES, coordinated, entity_at, led_somewhere, preceding, resolve
from newsgraph.extract.relations.lexicon import PLACE_SIZE, Trigger, former_marks, triggers
from newsgraph.model import SYMMETRIC_PREDICATES, Entity, EntityIndex

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
HAVING_VERBS = frozenset({"share", "shares", "shared", "sharing", "have", "has", "had", "having"})
NAMING_WORDS = (("known", "as"), ("called",), ("named",))
EXPLICIT = 0.85      # both sides in the trigger's own phrase or clause
NAMED_LATER = 0.7    # the subject named a few words on ("the capital ..., then known as Astana")
INFERRED = 0.55      # the object is the sentence's earlier actor ("Beijing ... Moscow, an ally")
NAMING_WINDOW = 8  # tokens after a trigger in which "then known as X" may name its subject


@dataclass(frozen=True, slots=True)
class Found:
    """One relation read off the parse, before spans and confidences are attached."""

    subject: Entity
    predicate: str
    object: Entity
    trigger: Token
    confidence: float               # how directly the words say it
    negated: bool = False
    modality: str = "asserted"      # asserted | hypothetical
    since: str | None = None
    until: str | None = None
    evidence: tuple[int, int] | None = None  # the words that state it, where known beforehand


@dataclass
class Sides:
    subjects: list[Entity]
    objects: list[Entity]
    confidence: float = EXPLICIT


def trigger_of(token: Token) -> Trigger | None:
    kinds = ("noun",) if token.pos_ in ("NOUN", "PROPN") else ("verb", "include")
    table = triggers()
    return next((table[(token.lower_, k)] for k in kinds if (token.lower_, k) in table), None)


def frame(token: Token, trigger: Trigger, index: EntityIndex) -> Iterator[Found]:
    """Every relation the trigger at `token` states."""
    if any(c.lower_ in former_marks() for c in token.children):
        return  # "the former capital" no longer is one
    sides = {"noun": _noun_sides, "verb": _verb_sides, "include": _include_sides}[trigger.kind](
        token, trigger, index)
    if sides is None or not (_unique(sides.subjects) and _unique(sides.objects)):
        if (token.lower_, "verb") in triggers():
            sides = _between_names(token, index) or sides
    if sides is None:
        return
    if not _unique(sides.subjects):
        _smallest_place_is_subject(sides)
    if not _unique(sides.objects) and trigger.predicate in SYMMETRIC_PREDICATES:
        for a, b in combinations(_unique(sides.subjects), 2):
            yield Found(a, trigger.predicate, b, token, sides.confidence)
        return
    for subject in _unique(sides.subjects):
        for obj in _unique(sides.objects):
            if subject.id != obj.id:
                yield Found(subject, trigger.predicate, obj, token, sides.confidence)


def _smallest_place_is_subject(sides: Sides) -> None:
    """ "Nepal's capital of Kathmandu", "the Tibetan capital of Lhasa": with both places on the
    object side, the smaller is the one the noun names."""
    places = sorted((e for e in _unique(sides.objects) if e.type in PLACE_SIZE), key=lambda e: PLACE_SIZE[e.type])
    if len(places) >= 2 and PLACE_SIZE[places[0].type] < PLACE_SIZE[places[1].type]:
        sides.subjects.append(places[0])
        sides.objects = [e for e in sides.objects if e is None or e.id != places[0].id]


def _unique(entities: Iterable[Entity | None]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        if entity is not None:
            seen.setdefault(entity.id, entity)
    return list(seen.values())


def _prep_name(prep: Token) -> str:
    """ "such as" is parsed as "as" with "such" hanging off it."""
    if prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children):
        return "such as"
    return prep.lower_


def _prep_objects(head: Token, names: frozenset[str], index: EntityIndex) -> list[Entity]:
    found = []
    for prep in head.children:
        if prep.dep_ in ("prep", "agent") and _prep_name(prep) in names:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [resolve(t, index) for t in coordinated(pobj)]
    return found


def _modifier_entities(head: Token, index: EntityIndex) -> list[Entity]:
    """Names and demonyms modifying a noun: "Kazakh capital", "Sino-Russian border"."""
    found = []
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            found += [entity_at(t, index) for t in child.subtree]
    return found


def _noun_sides(token: Token, trigger: Trigger, index: EntityIndex) -> Sides | None:
    head = token.head if token.dep_ == "compound" and entity_at(token.head, index) is None else token
    sides = Sides(_prep_objects(head, trigger.subject_preps, index),
                  _prep_objects(head, trigger.object_preps - {"between"}, index))
    between = _prep_objects(head, trigger.object_preps & {"between"}, index)
    sides.subjects += between
    # A possessor owns the noun ("Kazakhstan's capital"), except where the two sides are alike.
    owners = [resolve(c, index) for c in head.children if c.dep_ == "poss"]
    (sides.subjects if trigger.modifier == "pair" else sides.objects).extend(owners)
    modifiers = _modifier_entities(head, index)
    (sides.objects if trigger.modifier == "object" else sides.subjects).extend(
        modifiers if trigger.modifier else [])
    sides.subjects += [resolve(c, index) for c in head.children if c.dep_ == "appos"]
    if not _unique(sides.subjects):
        _noun_context(token, head, index, sides)
    if not _unique(sides.objects) and trigger.fallback == "preceding" and head.dep_ == "appos":
        subject_ids = [e.id for e in _unique(sides.subjects)]
        sides.objects.append(preceding(head.head, index, ACTOR_TYPES, exclude=subject_ids))
        sides.confidence = INFERRED
    return sides


def _noun_context(token: Token, head: Token, index: EntityIndex, sides: Sides) -> None:
    """The subject of a relation noun from outside its phrase."""
    if head.dep_ == "appos":                                   # "Moscow, an ideological ally"
        sides.subjects.append(resolve(head.head, index))
    elif token.dep_ == "compound":
        if head.i == token.i:                                  # "NATO member Turkey"
            sides.subjects.append(entity_at(token.head, index))
        # else "member states such as ...": the sides sit inside the phrase, read already
    elif head.dep_ == "attr" or (head.dep_ == "dobj" and head.head.lower_ in HAVING_VERBS):
        verb = head.head                                       # "X is a member", "X and Y share a border"
        for subject in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
            sides.subjects += [resolve(t, index) for t in coordinated(subject)]
    else:
        sides.subjects.append(_named_after(head, index))      # "the capital, then known as Astana"
        sides.confidence = NAMED_LATER


def _named_after(head: Token, index: EntityIndex) -> Entity | None:
    doc = head.doc
    end = min(head.sent.end, head.right_edge.i + NAMING_WINDOW)
    for i in range(head.right_edge.i + 1, end):
        for words in NAMING_WORDS:
            if tuple(t.lower_ for t in doc[i:i + len(words)]) == words and i + len(words) < len(doc):
                return entity_at(doc[i + len(words)], index)
    return None


def _between_names(token: Token, index: EntityIndex) -> Sides | None:
    """ "Kazakhstan borders China" read as a noun: a verb reading between two adjacent names."""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return None
    skip_det = token.i + 2 < len(doc) and doc[token.i + 1].pos_ == "DET"
    after = doc[token.i + 1 + skip_det]
    subject, obj = entity_at(doc[token.i - 1], index), entity_at(after, index)
    if subject is None or obj is None:
        return None
    return Sides([subject], [resolve(t, index) or entity_at(t, index) for t in coordinated(after)])


def _verb_subjects(verb: Token, index: EntityIndex) -> list[Entity]:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ in ("conj", "xcomp"):  # "X applied and joined", "X wants to join"
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    found = [resolve(t, index) for s in subjects for t in coordinated(s)]
    if not subjects and verb.dep_ in ("acl", "amod", "relcl"):  # "a Beijing-based organization"
        found.append(resolve(verb.head, index))
    return found


def _verb_sides(verb: Token, trigger: Trigger, index: EntityIndex) -> Sides | None:
    if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBN", "VBG"):
        return None
    if trigger.predicate == "leader_of" and led_somewhere(verb):
        return None
    objects = _prep_objects(verb, trigger.object_preps, index)
    if "-" in trigger.object_preps:
        objects += [resolve(t, index) for c in verb.children if c.dep_ == "dobj" for t in coordinated(c)]
    objects += [entity_at(c, index) for c in verb.children if c.dep_ in ("npadvmod", "compound")]
    return Sides(_verb_subjects(verb, index), objects)


def _include_sides(verb: Token, trigger: Trigger, index: EntityIndex) -> Sides | None:
    """ "the SCO includes Russia among its members"; "whose members include Russia and China"."""
    nouns = {w for (w, kind), t in triggers().items() if kind == "noun" and t.predicate == trigger.predicate}
    listed = [resolve(t, index) for c in verb.children if c.dep_ == "dobj" for t in coordinated(c)]
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    among = [p for p in verb.children if p.lower_ == "among" and any(c.lower_ in nouns for c in p.children)]
    if subject is not None and subject.lower_ in nouns:        # "whose members include"
        owner = next((c for c in subject.children if c.dep_ in ("poss", "compound")), None)
        group = resolve(owner, index) if owner is not None else None
    elif among:
        group = resolve(subject, index) if subject is not None else None
    else:
        return None
    group = group or preceding(verb, index, frozenset({"IGO", "ORG"}))
    return Sides(listed, [group])
