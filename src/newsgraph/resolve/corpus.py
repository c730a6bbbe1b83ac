"""One entity per real-world thing across the corpus.

Each article's entities (already merged within the article by `resolve/entities.py`) are
matched to corpus entities:

1. the same canonical name in the same type family, with no conflicting country;
2. else one of the article's names that is already a known alias of exactly one corpus entity
   of that family ("NATO" in one article, "North Atlantic Treaty Organization" with alias
   "NATO" in another). A lone word is never enough for a person ("Lee", "Kim"): persons
   match by full names only;
3. else a new corpus entity.

Homonyms stay apart by type family and by country: Washington the city, the state and the
person are three entities; a capital standing for its state was already turned into that
state by the mention extractor. Ids are derived from the first name, family and country and
never change once given: later articles only add aliases.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsgraph.model import ArticleRecord, Entity
from newsgraph.store import CorpusEntity, Store, entity_id, fold, tidy

# Types that one thing may carry in different articles (NER calls a bloc ORG, the lexicon IGO).
FAMILY = {"ORG": "ORG", "IGO": "ORG"}


def family(type_: str) -> str:
    return FAMILY.get(type_, type_)


@dataclass(frozen=True)
class Resolution:
    entity_ids: dict[str, str]                        # article-local id -> corpus id
    new_entities: tuple[CorpusEntity, ...]
    new_aliases: tuple[tuple[str, str], ...]


@dataclass
class CorpusIndex:
    """What the resolver knows: corpus entities by name and by alias, per type family."""

    entities: dict[str, CorpusEntity] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    by_alias: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_entity(self, entity: CorpusEntity) -> None:
        if entity.id not in self.entities:
            self.entities[entity.id] = entity
            self.by_name[(family(entity.type), fold(entity.name))].append(entity.id)

    def add_alias(self, entity: str, alias: str) -> None:
        self.aliases[entity].add(alias)
        self.by_alias[(family(self.entities[entity].type), fold(alias))].add(entity)


class CorpusResolver:
    """Maps each article's entities to corpus entities; state lives in the database."""

    def __init__(self, index: CorpusIndex | None = None) -> None:
        self.index = index or CorpusIndex()

    @classmethod
    def load(cls, store: Store) -> "CorpusResolver":
        index = CorpusIndex()
        for row in store.fetch("SELECT id, name, type, country, first_doc FROM entities ORDER BY id").rows:
            index.add_entity(CorpusEntity(*row))
        for entity, alias in store.fetch("SELECT entity, alias FROM entity_aliases").rows:
            index.add_alias(entity, alias)
        return cls(index)

    def resolve(self, record: ArticleRecord, doc_key: str) -> Resolution:
        """The corpus id of every entity in the article; the index is not changed until `accept`."""
        ids: dict[str, str] = {}
        created: dict[str, CorpusEntity] = {}
        aliases: list[tuple[str, str]] = []
        for entity in record.entities:
            corpus_id = self._match(entity, created) or self._create(entity, doc_key, created)
            ids[entity.id] = corpus_id
            known = self.index.aliases.get(corpus_id, set())
            aliases += [(corpus_id, a) for a in _names(entity) if a not in known]
        return Resolution(ids, tuple(created.values()), tuple(dict.fromkeys(aliases)))

    def accept(self, resolution: Resolution) -> None:
        """Take a committed article's new entities and aliases into the index."""
        for entity in resolution.new_entities:
            self.index.add_entity(entity)
        for corpus_id, alias in resolution.new_aliases:
            self.index.add_alias(corpus_id, alias)

    def _match(self, entity: Entity, created: dict[str, CorpusEntity]) -> str | None:
        fam = family(entity.type)
        pool = {**self.index.entities, **created}
        by_name = [i for i in self.index.by_name.get((fam, fold(entity.name)), ())
                   if _compatible(pool[i], entity)]
        by_name += [c.id for c in created.values()
                    if family(c.type) == fam and fold(c.name) == fold(entity.name)]
        if by_name:
            return _best(by_name, pool, entity)
        by_alias = {i for name in _matchable(entity)
                    for i in self.index.by_alias.get((fam, fold(name)), ())
                    if _compatible(pool[i], entity)}
        return next(iter(by_alias)) if len(by_alias) == 1 else None

    def _create(self, entity: Entity, doc_key: str, created: dict[str, CorpusEntity]) -> str:
        base = entity_id(family(entity.type), entity.name, entity.country)
        new_id, n = base, 1
        while new_id in self.index.entities or new_id in created:
            n += 1
            new_id = f"{base}-{n}"
        created[new_id] = CorpusEntity(new_id, tidy(entity.name), entity.type, entity.country, doc_key)
        return new_id


def _names(entity: Entity) -> list[str]:
    """The entity's names, tidied ("USA   " is "USA"), once each."""
    return list(dict.fromkeys(n for n in map(tidy, [entity.name, *entity.aliases]) if n))


def _matchable(entity: Entity) -> Iterable[str]:
    """Names safe to match on: a person only by a name of two words or more."""
    for name in _names(entity):
        if entity.type != "PERSON" or len(name.split()) > 1:
            yield name


def _compatible(known: CorpusEntity, entity: Entity) -> bool:
    return known.country is None or entity.country is None or known.country == entity.country


def _best(ids: list[str], pool: dict[str, CorpusEntity], entity: Entity) -> str:
    """Prefer the same exact type and country; among equals, the smallest id, so the choice
    does not depend on the order the index was filled in (a resumed run decides alike)."""
    def rank(i: str) -> tuple[bool, bool, str]:
        known = pool[i]
        return (known.type != entity.type, known.country != entity.country, i)
    return min(ids, key=rank)
