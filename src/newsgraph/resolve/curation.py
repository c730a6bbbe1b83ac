"""The analyst's corrections to entity resolution: merge, split, rename; kept, re-applied, undoable.

Each decision is a row of `entity_decisions` (who, when). Row tables keep the resolver's own
entity ids in their `data` JSON; their typed columns (what every query reads) carry the curated
ids. So applying the decisions is a pure function of the stored rows and the active decisions:
`apply` recomputes the typed columns of every row a decision ever touched, which is also what
makes undo exact. An ingest curates new rows as it writes them (`Curation.for_article`), so a
merge holds for articles stored after it.

- merge KEEP OTHER: every mention of OTHER is KEEP (OTHER's names find KEEP);
- split ENTITY --alias NAME: the articles where ENTITY goes by NAME get an entity of their own
  (or the existing entity called NAME);
- rename ENTITY NAME: the entity's display name.
"""
from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.errors import NewsgraphError
from newsgraph.model import ArticleRecord
from newsgraph.resolve.names import fold_name, fold_sql, tidy_name
from newsgraph.store import SECTION_TABLES, Rows, Store, entity_id, fold

ACTIONS = ("merge", "split", "rename")
FAMILY = {"IGO": "ORG"}
NOT_ENTITY_COLUMNS = frozenset({"doc", "extractor", "extractor_version", "data"})


class CurationError(NewsgraphError):
    """A decision that cannot be taken as asked."""


@dataclass(frozen=True)
class Decision:
    id: int
    action: str
    entity: str
    other: str | None = None
    alias: str | None = None
    name: str | None = None
    previous: str | None = None
    who: str | None = None
    decided_at: object = None
    undone_by: str | None = None
    undone_at: object = None

    @property
    def active(self) -> bool:
        return self.undone_at is None


class Curation:
    """The active decisions, in the order taken, as a mapping from resolver ids to curated ids."""

    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self.decisions = tuple(d for d in decisions if d.active and d.action in ("merge", "split"))

    @classmethod
    def load(cls, store: Store) -> "Curation":
        return cls(all_decisions(store))

    def __bool__(self) -> bool:
        return bool(self.decisions)

    def curate(self, entity: str, names: Iterable[str] = ()) -> str:
        """The curated id of a resolver id, for a document where the entity goes by `names`."""
        folded = {fold_name(n) for n in names}
        for decision in self.decisions:
            if decision.action == "merge" and entity == decision.other:
                entity = decision.entity
            elif decision.action == "split" and entity == decision.entity \
                    and fold_name(decision.alias or "") in folded:
                entity = decision.other or entity
        return entity

    def target(self, entity: str) -> str:
        """Where merges send an entity, whatever its names (lookups by name or id)."""
        for decision in self.decisions:
            if decision.action == "merge" and entity == decision.other:
                entity = decision.entity
        return entity

    def for_article(self, record: ArticleRecord, entity_ids: Mapping[str, str]) -> dict[str, str]:
        """resolver id -> curated id for the entities of one article, where they differ."""
        curated: dict[str, str] = {}
        for entity in record.entities:
            machine = entity_ids[entity.id]
            changed = self.curate(machine, [entity.name, *entity.aliases])
            if changed != machine:
                curated.setdefault(machine, changed)
        return curated


def all_decisions(store: Store) -> list[Decision]:
    rows = store.fetch("SELECT id, action, entity, other, alias, name, previous, who, decided_at, "
                       "undone_by, undone_at FROM entity_decisions ORDER BY id").rows
    return [Decision(*row) for row in rows]


def decisions(store: Store) -> Rows:
    """Every decision, with the names of the entities it concerns, newest last."""
    return store.fetch("""
        SELECT d.id, d.action, d.entity, e.name AS entity_name, d.other, o.name AS other_name,
               d.alias, d.name, d.who, d.decided_at,
               CASE WHEN d.undone_at IS NULL THEN 'active' ELSE 'undone' END AS state,
               d.undone_by, d.undone_at
        FROM entity_decisions d LEFT JOIN entities e ON e.id = d.entity
        LEFT JOIN entities o ON o.id = d.other ORDER BY d.id""")


def analyst() -> str:
    """Who takes a decision: NEWSGRAPH_USER, else the login name."""
    try:
        return os.environ.get("NEWSGRAPH_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def merge(store: Store, keep: str, other: str, who: str | None = None) -> Decision:
    if keep == other:
        raise CurationError("an entity cannot be merged into itself")
    return _record(store, "merge", keep, who, other=other)


def split(store: Store, entity: str, alias: str, who: str | None = None) -> Decision:
    alias = tidy_name(alias)
    used = store.scalar(
        f"SELECT count(*) FROM doc_entities WHERE entity = ? AND (? = {fold_sql('name')} OR list_contains("
        f"list_transform(CAST(json_extract(data, '$.aliases') AS VARCHAR[]), lambda a: {fold_sql('a')}), ?))",
        [entity, fold_name(alias), fold_name(alias)])
    if not used:
        raise CurationError(f"{entity!r} never goes by {alias!r} in an article",
                            remedy="see its aliases with `newsgraph show`")
    return _record(store, "split", entity, who, other=_split_target(store, entity, alias), alias=alias)


def rename(store: Store, entity: str, name: str, who: str | None = None) -> Decision:
    previous = store.scalar("SELECT name FROM entities WHERE id = ?", [entity])
    return _record(store, "rename", entity, who, name=tidy_name(name), previous=previous)


def undo(store: Store, decision_id: int | None = None, who: str | None = None) -> Decision:
    """Undo one decision (by default the latest active one) and re-apply the rest."""
    active = [d for d in all_decisions(store) if d.active]
    chosen = [d for d in active if decision_id is None or d.id == decision_id]
    if not chosen:
        raise CurationError("no such active decision" if decision_id else "no decision to undo",
                            remedy="list them with `newsgraph entities decisions`")
    decision = chosen[-1]
    store.execute([("UPDATE entity_decisions SET undone_by = ?, undone_at = current_timestamp "
                    "WHERE id = ?", [who or analyst(), decision.id])])
    apply(store)
    return decision


def _record(store: Store, action: str, entity: str, who: str | None, **fields: str | None) -> Decision:
    _check_entity(store, entity)
    if fields.get("other") and action == "merge":
        _check_entity(store, fields["other"])
    next_id = int(store.scalar("SELECT coalesce(max(id), 0) + 1 FROM entity_decisions"))
    columns = ["id", "action", "entity", "who", *fields]
    values = [next_id, action, entity, who or analyst(), *fields.values()]
    store.execute([(f"INSERT INTO entity_decisions ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", values)])
    apply(store)
    return next(d for d in all_decisions(store) if d.id == next_id)


def _check_entity(store: Store, entity: str) -> None:
    if not store.scalar("SELECT count(*) FROM entities WHERE id = ?", [entity]):
        raise CurationError(f"no entity {entity!r}", remedy="give an id from `newsgraph query entities`")


def _split_target(store: Store, entity: str, alias: str) -> str:
    """The entity already called `alias` (same type family), else a new one with that name."""
    name, type_, country = store.fetch("SELECT name, type, country FROM entities WHERE id = ?", [entity]).rows[0]
    family = FAMILY.get(type_, type_)
    for other, other_type in store.fetch(f"SELECT id, type FROM entities WHERE {fold_sql('name')} = ? "
                                         "AND id <> ?", [fold_name(alias), entity]).rows:
        if FAMILY.get(other_type, other_type) == family:
            return other
    new_id = entity_id(family, alias, country)
    if new_id == entity or store.scalar("SELECT count(*) FROM entities WHERE id = ?", [new_id]):
        new_id = entity_id(family, f"{alias} ({name})", country)
    store.execute([
        ("INSERT INTO entities (id, name, type, country) VALUES (?, ?, ?, ?)", [new_id, alias, type_, country]),
        ("INSERT INTO entity_aliases (entity, alias, folded) VALUES (?, ?, ?)", [new_id, alias, fold(alias)]),
    ])
    return new_id




def apply(store: Store) -> None:
    """Recompute every row any decision ever touched from the resolver's ids and the active
    decisions, and the display names of renamed entities."""
    every = all_decisions(store)
    touched = sorted({i for d in every if d.action in ("merge", "split") for i in (d.entity, d.other) if i})
    statements: list[tuple[str, list]] = []
    if touched:
        curation = Curation(every)
        docs, machines, curated = [], [], []
        for doc, machine, name, aliases in store.fetch(
                "SELECT doc, json_extract_string(data, '$.entity'), name, json_extract(data, '$.aliases') "
                "FROM doc_entities WHERE list_contains(?, json_extract_string(data, '$.entity'))",
                [touched]).rows:
            docs.append(doc)
            machines.append(machine)
            curated.append(curation.curate(machine, [name or "", *json.loads(aliases or "[]")]))
        for table, column in _entity_columns(store):
            statements.append((
                f'UPDATE {table} SET "{column}" = m.curated FROM (SELECT unnest(?::VARCHAR[]) AS doc, '
                f"unnest(?::VARCHAR[]) AS machine, unnest(?::VARCHAR[]) AS curated) m "
                f"WHERE m.doc = {table}.doc AND m.machine = json_extract_string({table}.data, '$.{column}')",
                [docs, machines, curated]))
    statements += _names(every)
    if statements:
        store.execute(statements)


def _names(every: list[Decision]) -> list[tuple[str, list]]:
    """Each renamed entity takes its latest active name, or the name it had before the first."""
    names: dict[str, str] = {}
    for decision in every:
        if decision.action == "rename":
            names.setdefault(decision.entity, decision.previous or decision.entity)
            if decision.active:
                names[decision.entity] = decision.name or names[decision.entity]
    return [("UPDATE entities SET name = ? WHERE id = ?", [name, entity]) for entity, name in names.items()]


def _entity_columns(store: Store) -> list[tuple[str, str]]:
    """Text columns of the row tables: those holding entity ids are the ones an update matches."""
    rows = store.fetch("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE list_contains(?, table_name) AND data_type = 'VARCHAR'",
                       [list(SECTION_TABLES)]).rows
    return [(t, c) for t, c in rows if c not in NOT_ENTITY_COLUMNS and c.isidentifier()]
