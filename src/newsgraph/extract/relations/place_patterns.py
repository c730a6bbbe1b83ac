"""Where a place or organisation is, from the words right after its name.

The parse attaches "in Kazakhstan" to whatever verb or noun it likes ("Oil pumps from the Uzen
field in Kazakhstan" hangs it on "pumps"), so these read the token sequence instead, and let
the entity types decide: a smaller thing lies in a larger one, within the same country.
- "the Uzen oil and gas field in Kazakhstan", "the Xinjiang region in northwestern China";
- "Bishkek, Kyrgyzstan";
- "Sakhalin, in the far east of Russia";
- "Russia's North Ossetia" (part_of).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from newsgraph.extract._anchors import entity_at
from newsgraph.extract.relations.parse import POSSESSIVE_MARKS
from newsgraph.extract.relations.frames import Found
from newsgraph.extract.relations.lexicon import PLACE_SIZE, triggers
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.model import Entity, EntityIndex

SIZE = PLACE_SIZE
CONTAINER_TYPES = frozenset({"CITY", "REGION", "COUNTRY"})
LIST_WORDS = frozenset({"and", "or", ","})
FILLER_POS = frozenset({"DET", "ADJ"})          # "in the far east of", "in northwestern China"
DESCRIPTION_POS = frozenset({"DET", "ADJ", "ADV", "NOUN", "ADP"})
MAX_FILLER = 2
MAX_DESCRIPTION = 6


def _admin_nouns() -> frozenset[str]:
    """ "region", "province": words that may sit between a region's name and "in"."""
    return frozenset(t.word for t in triggers().values()
                     if t.predicate == "part_of" and t.modifier == "subject")


def contains(inner: Entity, outer: Entity, *, same_size_ok: bool) -> bool:
    """Whether `inner` can lie in `outer`: a larger place, in the same country where both are known."""
    if inner.type not in SIZE or outer.type not in CONTAINER_TYPES or inner.id == outer.id:
        return False
    if inner.country and outer.country and inner.country != outer.country:
        return False
    bigger = SIZE[outer.type] > SIZE[inner.type]
    return bigger or (same_size_ok and inner.type == outer.type == "REGION")


def _mention_at(doc: Doc, i: int, index: EntityIndex) -> tuple[Entity, int] | None:
    """The entity whose name starts at doc[i], and the token after its name."""
    if i >= len(doc):
        return None
    entity = entity_at(doc[i], index)
    if entity is None or (i > 0 and entity_at(doc[i - 1], index) is entity):
        return None
    end = i + 1
    while end < len(doc) and entity_at(doc[end], index) is entity:
        end += 1
    return entity, end


def _skip(doc: Doc, i: int, index: EntityIndex, pos: frozenset[str], limit: int) -> int:
    """Past up to `limit` plain words of the given parts of speech; a name ends the skip."""
    start = i
    while i < len(doc) and i - start < limit and doc[i].pos_ in pos and entity_at(doc[i], index) is None:
        i += 1
    return i


def _in_place(doc: Doc, name: Span, entity: Entity, index: EntityIndex) -> Iterator[Found]:
    i = name.end + (name.end < len(doc) and doc[name.end].lower_ in _admin_nouns())
    if i < len(doc) and doc[i].lower_ == "in":
        found = _mention_at(doc, _skip(doc, i + 1, index, FILLER_POS, MAX_FILLER), index)
        if found and contains(entity, found[0], same_size_ok=True):
            # "Newmont Mining in Indonesia" may say where a firm works rather than where it is
            yield Found(entity, "located_in", found[0], doc[i], 0.6 if entity.type == "ORG" else 0.8)


def _comma_place(doc: Doc, name: Span, entity: Entity, index: EntityIndex) -> Iterator[Found]:
    i = name.end
    if i + 1 >= len(doc) or doc[i].text != "," or entity.type not in ("CITY", "REGION", "LOCATION"):
        return
    if doc[i + 1].lower_ == "in":                                  # "Sakhalin, in the far east of Russia"
        found = _mention_at(doc, _skip(doc, i + 2, index, DESCRIPTION_POS, MAX_DESCRIPTION), index)
        if found and contains(entity, found[0], same_size_ok=False):
            yield Found(entity, "located_in", found[0], doc[i + 1], 0.7)
        return
    found = _mention_at(doc, i + 1, index)                          # "Bishkek, Kyrgyzstan"
    if found is None or not contains(entity, found[0], same_size_ok=False):
        return
    if gazetteer().demonym(doc[i + 1].text) is not None:
        return  # "the capital of Lhasa, Chinese security forces": a demonym starts the next phrase
    if _capital_standing_for(doc[i + 1:found[1]].text, found[0]):
        return  # "Givat Ram, Jerusalem": the city, read by the entities as its state
    listed = found[1] < len(doc) and doc[found[1]].lower_ in LIST_WORDS and found[1] + 1 < len(doc) \
        and _mention_at(doc, found[1] + 1 + (doc[found[1] + 1].lower_ in LIST_WORDS), index) is not None
    if entity.country and found[0].country or not listed:  # "Xinjiang, Kazakhstan and Kyrgyzstan" is a list
        yield Found(entity, "located_in", found[0], doc[i], 0.75)


def _possessed_place(doc: Doc, name: Span, entity: Entity, index: EntityIndex) -> Iterator[Found]:
    """ "Russia's North Ossetia", "China's Xinjiang": a state's possessive before a region is the
    state it is part of (a city lies in it)."""
    i = name.start - 1
    if entity.type not in ("REGION", "LOCATION", "CITY") or i < 1 or doc[i].text not in POSSESSIVE_MARKS:
        return
    owner = entity_at(doc[i - 1], index)
    if owner is not None and owner.type == "COUNTRY" and contains(entity, owner, same_size_ok=False):
        yield Found(entity, "located_in" if entity.type == "CITY" else "part_of", owner, doc[i], 0.7)


def _capital_standing_for(text: str, state: Entity) -> bool:
    known = gazetteer().lookup(text)
    return state.type == "COUNTRY" and known is not None and known.type == "CITY" \
        and known.capital_of is not None and known.capital_of == state.country


def place_relations(doc: Doc, index: EntityIndex) -> Iterator[Found]:
    """located_in read from the words around every mention of a place or organisation."""
    for entity in index.entities:
        if entity.type not in SIZE:
            continue
        for start, end in entity.mentions:
            name = doc.char_span(start, end, alignment_mode="expand")
            if name is not None:
                yield from _in_place(doc, name, entity, index)
                yield from _comma_place(doc, name, entity, index)
                yield from _possessed_place(doc, name, entity, index)
