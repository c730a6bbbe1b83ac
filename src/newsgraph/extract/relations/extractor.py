"""Standing relations: membership, office, affiliation, location, capitals, borders, alliances.

Three sources, one output:
- roles (`roles.rules.v2`): a title implies a relation with its owner ("Kazakh President
  Tokayev" -> leader_of Kazakhstan; "spokesman for the Foreign Ministry" -> spokesperson_for;
  "deputy director of X" -> affiliated_with X), with the role's tenure;
- trigger words (`_relation_frames`): "a member of", "includes Russia among its members",
  "China's border with Kazakhstan", "the capital of Kazakhstan", "Moscow, an ideological ally",
  "a Beijing-based organization", "the Xinjiang region of China";
- the words after a place's name (`_place_patterns`): "the Uzen field in Kazakhstan",
  "Bishkek, Kyrgyzstan".
A negated or hypothetical clause ("China is not a member", "could join") is kept with its flags
(`negated`, `modality`); the record lists such relations apart from the reported facts. A
membership verb's date is its start ("joined NATO in 2004" -> since 2004), a stated tenure its
span ("led Britain from 1997 to 2007"). Each relation carries the words that state it (within one
sentence) and a confidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsgraph.extract._anchors import (
    denied_by_prefix, hypothetical, negated, predicative, sentence_span, state_of,
)
from newsgraph.extract.registry import Context, TableSection, register
from newsgraph.extract.relations.frames import Found, frame, trigger_of
from newsgraph.extract.relations.lexicon import Trigger, membership_body, relation_for
from newsgraph.extract.relations.parse import Words
from newsgraph.extract.relations.roles import AFFILIATION_TYPES, UNTITLED
from newsgraph.extract.relations.place_patterns import CONTAINER_TYPES as CONTAINERS, SIZE, contains, place_relations
from newsgraph.extract.relations.tenure import Tenure, held, tenure_after
from newsgraph.model import SYMMETRIC_PREDICATES, ArticleRecord, EntityIndex, Relation, Role

ACTORS = frozenset({"COUNTRY", "ORG", "IGO", "GROUP", "PERSON"})
PLACES = frozenset({"COUNTRY", "REGION", "CITY", "LOCATION"})
BODIES = frozenset({"ORG", "IGO", "GROUP"})
# Which entity types each predicate joins: (subject types, object types).
ARGUMENT_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "member_of": (ACTORS - {"GROUP"}, BODIES),  # "Democrats joined Republicans" is no membership
    "leader_of": (frozenset({"PERSON"}), BODIES | PLACES - {"LOCATION"}),
    "spokesperson_for": (frozenset({"PERSON"}), BODIES | {"COUNTRY"}),
    "affiliated_with": (frozenset({"PERSON"}), frozenset({"ORG", "IGO"})),
    "located_in": (PLACES | {"ORG"}, PLACES),
    "part_of": (PLACES | {"ORG"}, PLACES | BODIES),
    "capital_of": (frozenset({"CITY"}), frozenset({"COUNTRY", "REGION"})),
    "headquartered_in": (BODIES, PLACES - {"LOCATION"}),
    "borders": (PLACES, PLACES),
    "ally_of": (ACTORS, ACTORS),
}
# Between actors a capital stands for its state ("Moscow, an ideological ally").
STATE_PREDICATES = frozenset({"member_of", "ally_of", "borders", "spokesperson_for"})
CONTAINMENT = frozenset({"part_of", "located_in"})
ROLE_CONFIDENCE = 0.85
FORMER_ROLE_CONFIDENCE = 0.8
BECOMING = frozenset({"become", "became", "becomes", "becoming"})  # "became a member ... in 2004"
POSSESSIVE_CONFIDENCE = 0.6   # "VOA's David Gollust": works for, most likely
EVIDENCE_WIDTH = 90


def _from_roles(roles: Iterable[Role], doc: Doc, index: EntityIndex) -> Iterator[Found]:
    for role in roles:
        person, owner = index.get(role.person), index.get(role.of)
        predicate = relation_for(role.title, owner.type if owner else None)
        if role.title == UNTITLED and owner is not None and membership_body(owner.name):
            predicate = "member_of"  # "X of the New Patriotic Party"
        span = doc.char_span(*role.span, alignment_mode="expand") if role.span else None
        if predicate and person and owner and span is not None:
            confidence = FORMER_ROLE_CONFIDENCE if role.former else ROLE_CONFIDENCE
            yield Found(person, predicate, owner, span.root, confidence, since=role.since, until=role.until,
                        evidence=role.span)


def _possessive_affiliations(words: Words) -> Iterator[Found]:
    """ "VOA's David Gollust reports": a person named right after an organisation's possessive
    works for it (no title, so no role)."""
    for person in (e for e in words.index.entities if e.type == "PERSON"):
        for first, _ in words.spans_of(person):
            if words.lower(first - 1) not in ("'s", "’s"):
                continue  # a bare apostrophe is as often a closing quotation mark
            owner = words.entity(first - 2)
            if owner is not None and owner.type in AFFILIATION_TYPES:
                start = words.name_start(first - 2)
                yield Found(person, "affiliated_with", owner, words[first], POSSESSIVE_CONFIDENCE,
                            evidence=words.chars(start, words.name_end(first)))


def _flags(token: Token) -> tuple[bool, str]:
    """(negated, modality) of the claim a trigger makes. A clause's negation or modal voids its
    claim; a thing it only names ("since the Sino-Indian border war") stands unless the word
    itself is denied ("non-member")."""
    if not predicative(token):
        return denied_by_prefix(token), "asserted"
    return negated(token), "hypothetical" if hypothetical(token) else "asserted"


def _from_triggers(doc: Doc, words: Words) -> Iterator[Found]:
    for token in doc:
        trigger = trigger_of(token)
        if trigger is None:
            continue
        is_negated, modality = _flags(token)
        tenure = _tenure(words, token, trigger)
        for found in frame(token, trigger, words.index):
            yield replace(found, negated=is_negated, modality=modality, since=tenure.since, until=tenure.until)


def _tenure(words: Words, token: Token, trigger: Trigger) -> Tenure:
    """The dates in the trigger's own clause: "joined NATO in 2004", "became a member of the EU in
    2004", "a member since 2019"."""
    if token.i not in words.position:
        return Tenure()
    joined = trigger.kind == "verb" and trigger.predicate == "member_of" or (
        token.dep_ == "attr" and token.head.lower_ in BECOMING)
    verb = token if trigger.kind == "verb" and token.pos_ in ("VERB", "AUX") else None
    return tenure_after(words, words.position[token.i] + 1, joined=joined, verb=verb)


def _typed(found: Found, index: EntityIndex) -> Found | None:
    """The relation with capitals read as states where actors are meant; None if ill-typed."""
    subject, obj = found.subject, found.object
    if found.predicate in STATE_PREDICATES:
        subject, obj = state_of(subject, index), state_of(obj, index)
    if found.predicate in CONTAINMENT:
        if SIZE.get(subject.type, 0) > SIZE.get(obj.type, 0):
            subject, obj = obj, subject  # "the Chinese region of Xinjiang": the smaller is inside
        if found.predicate == "located_in" and obj.type in CONTAINERS and subject.type in SIZE \
                and not contains(subject, obj, same_size_ok=True):
            return None  # a city in a city, a region in another country; "part of" is said outright
    subject_types, object_types = ARGUMENT_TYPES[found.predicate]
    if subject.id == obj.id or subject.type not in subject_types or obj.type not in object_types:
        return None
    return replace(found, subject=subject, object=obj)


def _key(found: Found) -> tuple[str, str, str, bool]:
    """Subject, predicate, object and whether it is reported: "is not a member" and "is a
    member" said of the same pair are two statements, both kept."""
    pair = (found.subject.id, found.object.id)
    if found.predicate in SYMMETRIC_PREDICATES:
        pair = tuple(sorted(pair))
    return pair[0], found.predicate, pair[1], found.negated or found.modality != "asserted"


def relations_of(found: Iterable[Found], index: EntityIndex) -> list[Relation]:
    """One relation per subject, predicate and object: the most confident statement of it."""
    best: dict[tuple[str, str, str, bool], Found] = {}
    for item in filter(None, (_typed(f, index) for f in found)):
        key = _key(item)
        if key not in best or _better(item, best[key]):
            best[key] = item
    return [Relation(f.subject.id, f.predicate, f.object.id, _evidence(f), f.confidence, f.negated, f.modality,
                     f.since, f.until)
            for f in sorted(best.values(), key=lambda f: f.trigger.idx)]


def _better(item: Found, than: Found) -> bool:
    """More confident, or as confident and dated."""
    if item.confidence != than.confidence:
        return item.confidence > than.confidence
    return bool(item.since or item.until) and not (than.since or than.until)


def _evidence(found: Found) -> tuple[int, int]:
    """The stretch of the sentence from the trigger to the nearest mentions of both sides
    ("China's approximately 1,100-mile border with Kazakhstan"); the sentence if one is missing."""
    if found.evidence is not None:
        return found.evidence
    sent_start, sent_end = sentence_span(found.trigger)
    start = found.trigger.idx
    bounds = [start, start + len(found.trigger.text)]
    for entity in (found.subject, found.object):
        inside = [m for m in entity.mentions if sent_start <= m[0] and m[1] <= sent_end]
        if not inside:
            return sent_start, sent_end
        bounds += min(inside, key=lambda m: abs(m[0] - start))
    return min(bounds), max(bounds)


@register
class RuleRelations:
    name = "relations.rules.v2"
    section = "relations"
    requires = ("roles",)

    def extract(self, doc: Doc, context: Context) -> list[Relation]:
        index = context.entities
        words = Words.of(doc, index)
        found = [*_from_roles(context.section("roles"), doc, index),
                 *_from_triggers(doc, words),
                 *_possessive_affiliations(words),
                 *place_relations(doc, index)]
        return relations_of(found, index)

    def table(self, record: ArticleRecord) -> Sequence[TableSection]:
        if not record.relations:
            return []
        rows = tuple(_row(record, r) for r in record.relations)
        return [TableSection(f"Standing relations ({len(rows)})",
                             ("subject", "relation", "object", "held", "conf", "stated in"), rows)]


def _row(record: ArticleRecord, relation: Relation) -> tuple[str, ...]:
    def name(entity_id: str) -> str:
        entity = record.entity(entity_id)
        return entity.name if entity else entity_id

    evidence = " ".join(record.document.text[relation.span[0]:relation.span[1]].split())
    if len(evidence) > EVIDENCE_WIDTH:
        evidence = evidence[:EVIDENCE_WIDTH - 1] + "…"
    predicate = relation.predicate.replace("_", " ")
    if not relation.reported:
        predicate = ("not " if relation.negated else f"{relation.modality}: ") + predicate
    return (name(relation.subject), predicate, name(relation.object), held(relation.since, relation.until),
            f"{relation.confidence:.2f}", evidence)
