"""Named queries used by the CLI, the Python API and the web API alike.

Stable names: `entities`, `quotes`, `figures`, `relations`, `events` (Store, Filters) -> Rows;
`profile(store, name) -> Profile`; `top_entities(store, n)`; `document(store, id)`;
`entity_ids(store, name)`; `run_sql(store, text)` (read-only SELECT).
"""
from newsgraph.query.documents import document, run_sql
from newsgraph.query.filters import DEFAULT_LIMIT, Filters, QueryError, entity_ids
from newsgraph.query.profile import ACTOR_TYPES, Profile, profile, top_entities
from newsgraph.query.tables import NAMED, entities, events, figures, quotes, relations

__all__ = ["ACTOR_TYPES", "DEFAULT_LIMIT", "NAMED", "Filters", "Profile", "QueryError", "document",
           "entities", "entity_ids", "events", "figures", "profile", "quotes", "relations",
           "run_sql", "top_entities"]
