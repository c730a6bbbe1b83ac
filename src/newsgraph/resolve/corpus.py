"""One entity per real-world thing across the corpus.

Each article's entities (already merged within the article by `resolve/entities.py`) are
matched to corpus entities:

1. a person the article names by surname only ("Bush", "President Bush", "G.W. Bush") is the
   corpus person with that surname whom the article's other actors co-occur with (clearly more
   than with any other of that surname); with no such evidence it goes on to 2.-4., where it
   stays its own entity rather than a wrong merge ("Pope", "Mohammed" alone join no one);
2. the same canonical name in the same type family, with no conflicting country;
3. else one of the article's names that is already a known alias of exactly one corpus entity
   of that family ("NATO" in one article, "North Atlantic Treaty Organization" with alias
   "NATO" in another). A lone word is never enough for a person ("Lee", "Kim"): persons
   match by full names only;
4. else a new corpus entity.

Names compare folded (case, accents, hyphens, full stops aside: "al-Qaeda" is "al Qaeda").

Homonyms stay apart by type family and by country: Washington the city, the state and the
person are three entities; a capital standing for its state was already turned into that
state by the mention extractor. Ids are derived from the first name, family and country and
never change once given: later articles only add aliases.
"""
from __future__ import annotations

from collections import ChainMap, Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from newsgraph.extract import lexicon
from newsgraph.model import ArticleRecord, Entity
from newsgraph.resolve.names import fold_name as fold
from newsgraph.resolve.names import initials, initials_match
from newsgraph.store import CorpusEntity, Store, entity_id, tidy

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
    by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    neighbours: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add_entity(self, entity: CorpusEntity) -> None:
        if entity.id not in self.entities:
            self.entities[entity.id] = entity
            self.by_name[(family(entity.type), fold(entity.name))].append(entity.id)
            words = fold(entity.name).split()
            if entity.type == "PERSON" and len(words) > 1:
                self.by_surname[words[-1]].add(entity.id)

    def add_article(self, ids: Iterable[str]) -> None:
        """Who appears with whom: what tells two people with one surname apart."""
        present = set(ids)
        for entity in present:
            if entity in self.entities and self.entities[entity].type == "PERSON":
                self.neighbours[entity].update(present - {entity})

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
        for entity, other, times in store.fetch(
                "SELECT a.entity, b.entity, count(*) FROM doc_entities a JOIN doc_entities b "
                "ON a.doc = b.doc AND a.entity <> b.entity WHERE a.type = 'PERSON' GROUP BY ALL").rows:
            index.neighbours[entity][other] = times
        return cls(index)

    def resolve(self, record: ArticleRecord, doc_key: str) -> Resolution:
        """The corpus id of every entity in the article; the index is not changed until `accept`."""
        ids: dict[str, str] = {}
        created: dict[str, CorpusEntity] = {}
        aliases: list[tuple[str, str]] = []
        context = {self._context_id(e) for e in record.entities} - {None}
        home = _article_country(record)
        for entity in record.entities:
            entity = _party_of(entity, home)
            corpus_id = (self._by_surname(entity, context) or self._match(entity, created)
                         or self._create(entity, doc_key, created))
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
        self.index.add_article(resolution.entity_ids.values())

    def _match(self, entity: Entity, created: dict[str, CorpusEntity]) -> str | None:
        fam = family(entity.type)
        pool = ChainMap(created, self.index.entities)  # no copy: the index grows with the corpus
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

    def _context_id(self, entity: Entity) -> str | None:
        """The corpus entity an article's actor already is by its exact name (for context)."""
        found = self.index.by_name.get((family(entity.type), fold(entity.name)))
        if found:
            return found[0]
        words = fold(entity.name).split()  # "Gore" beside "Clinton": the one Gore, as context
        namesakes = self.index.by_surname.get(words[-1], ()) if entity.type == "PERSON" and len(words) == 1 else ()
        return next(iter(namesakes)) if len(namesakes) == 1 else None

    def _by_surname(self, entity: Entity, context: set[str]) -> str | None:
        """A person named by surname only (or initials and surname, "G.W. Bush"): the corpus
        person the article's context picks out."""
        words = fold(entity.name).split()
        if entity.type != "PERSON" or not words or (len(words) > 1 and initials(entity.name) is None):
            return None
        candidates = sorted(c for c in self.index.by_surname.get(words[-1], ())
                            if len(words) == 1 or initials_match(entity.name, self.index.entities[c].name))
        if not candidates:
            return None
        scores = sorted(((sum(self.index.neighbours[c][o] for o in context), c) for c in candidates),
                        reverse=True) + [(0, "")]
        (best, chosen), (second, _) = scores[0], scores[1]
        return chosen if best > 0 and best >= 2 * second else None

    def _create(self, entity: Entity, doc_key: str, created: dict[str, CorpusEntity]) -> str:
        base = entity_id(family(entity.type), entity.name, entity.country)
        new_id, n = base, 1
        while new_id in self.index.entities or new_id in created:
            n += 1
            new_id = f"{base}-{n}"
        created[new_id] = CorpusEntity(new_id, tidy(entity.name), entity.type, entity.country, doc_key)
        return new_id


def _article_country(record: ArticleRecord) -> str | None:
    """The state an article is most about: the country mentioned most often."""
    countries = Counter({e.country: len(e.mentions) for e in record.entities if e.type == "COUNTRY" and e.country})
    return countries.most_common(1)[0][0] if countries else None


def _party_of(entity: Entity, home: str | None) -> Entity:
    """Parties and bodies of one name in different states ("Liberal Party", "Labour Party", the
    "Senate", "Parliament") are told apart by the country of the article that names them."""
    words = fold(entity.name).split()
    generic_party = "party" in words and all(w in _generic_party_words() for w in words)
    national_body = len(words) == 1 and words[0] in _national_body_words()
    if entity.type == "ORG" and entity.country is None and home and (generic_party or national_body):
        return replace(entity, country=home)
    return entity


@lru_cache(maxsize=1)
def _generic_party_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.words("generic_party_words"))


@lru_cache(maxsize=1)
def _national_body_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.words("national_body_words"))


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


def _best(ids: list[str], pool: Mapping[str, CorpusEntity], entity: Entity) -> str:
    """Prefer the same exact type and country; among equals, the smallest id, so the choice
    does not depend on the order the index was filled in (a resumed run decides alike)."""
    def rank(i: str) -> tuple[bool, bool, str]:
        known = pool[i]
        return (known.type != entity.type, known.country != entity.country, i)
    return min(ids, key=rank)
