"""Find an entity by any name a user has for it: id, name or alias, with or without a title
("President Bush", "Mr Blair"), in any case and with or without accents ("Alvaro Uribe").

Shared by `show`, `query --about/--speaker/--actor`, the Python API and the page, so they all
answer alike. An entity the analyst merged into another answers with the one it was merged
into. `candidates` lists every entity a name could mean, most mentioned first, for the caller to
show when a name is ambiguous.
"""
from __future__ import annotations

from newsgraph.query.filters import QueryError
from newsgraph.resolve.curation import Curation
from newsgraph.resolve.names import fold_name, fold_sql, without_titles
from newsgraph.store import Rows, Store


def candidates(store: Store, name: str) -> Rows:
    """Entities called `name` (curated ids), the exact canonical name first, then by mentions."""
    names = list(dict.fromkeys(n for n in (fold_name(name), fold_name(without_titles(name))) if n))
    found = store.fetch(f"""
        SELECT e.id FROM entities e
        WHERE e.id = ? OR list_contains(?, {fold_sql('e.name')})
           OR e.id IN (SELECT entity FROM entity_aliases WHERE list_contains(?, {fold_sql('alias')}))""",
        [name, names, names]).rows
    curation = Curation.load(store)
    ids = list(dict.fromkeys(curation.target(r[0]) for r in found))
    return store.fetch(f"""
        SELECT e.id, e.name, e.type, e.country,
               (SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS mentions,
               (SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.entity = e.id) AS documents
        FROM entities e WHERE list_contains(?, e.id)
        ORDER BY e.id = ? DESC, {fold_sql('e.name')} = ? DESC, mentions DESC, e.id""",
        [ids, name, fold_name(name)])


def entity_ids(store: Store, name: str) -> list[str]:
    """Corpus ids of the entities called `name`, best first; QueryError when there are none."""
    rows = candidates(store, name).rows
    if not rows:
        raise QueryError(f"no entity named {name!r} in the database",
                       remedy="list names with `newsgraph query entities`")
    return [r[0] for r in rows]


def merged_into(store: Store, entity: str) -> list[str]:
    """The entities the analyst merged into `entity` (their names are its names too)."""
    curation = Curation.load(store)
    merged = {d.other for d in curation.decisions if d.action == "merge" and d.other}
    return sorted(other for other in merged if curation.target(other) == entity)
