"""An entity's profile: who it is, what it holds, says, is said about, does, and with whom."""
from __future__ import annotations

from dataclasses import dataclass

from newsgraph.query import stance
from newsgraph.query.filters import Filters, QueryError, entity_ids
from newsgraph.query.lookup import merged_into
from newsgraph.query.tables import figures, quotes
from newsgraph.store import Rows, Store

# Types that act: the ones a profile of "the most-mentioned actor" considers.
ACTOR_TYPES = ("PERSON", "ORG", "IGO", "COUNTRY", "GROUP")


@dataclass(frozen=True)
class Profile:
    entity: dict
    aliases: tuple[str, ...]
    homonyms: Rows        # other entities answering to the same name
    roles: Rows
    relations: Rows
    quotes_by: Rows
    quotes_about: Rows
    figures: Rows
    events_over_time: Rows
    co_actors: Rows
    themes: Rows
    stance_toward: Rows   # who speaks for and against it
    stance_of: Rows       # whom it supports and opposes

    def sections(self) -> dict[str, Rows]:
        return {name: getattr(self, name) for name in (
            "homonyms", "roles", "relations", "quotes_by", "quotes_about", "figures",
            "events_over_time", "co_actors", "themes", "stance_toward", "stance_of")}

    def to_dict(self) -> dict:
        return {"entity": self.entity, "aliases": list(self.aliases),
                **{name: rows.dicts() for name, rows in self.sections().items()}}


def top_entities(store: Store, n: int = 1, types: tuple[str, ...] = ACTOR_TYPES) -> Rows:
    """The n most-mentioned entities of the given types."""
    return store.fetch("""
        SELECT e.id, e.name, e.type, count(*) AS mentions, count(DISTINCT m.doc) AS documents
        FROM entities e JOIN mentions m ON m.entity = e.id
        WHERE list_contains(?, e.type)
        GROUP BY e.id, e.name, e.type ORDER BY mentions DESC, e.name LIMIT ?""", [list(types), n])


def profile(store: Store, name: str, *, limit: int = 20) -> Profile:
    """The profile of the entity called `name` (the most mentioned one, if several are)."""
    ids = entity_ids(store, name)
    key = ids[0]
    entity = store.fetch("""
        SELECT e.id, e.name, e.type, e.country, count(m.doc) AS mentions,
               count(DISTINCT m.doc) AS documents, min(d.published) AS first_seen,
               max(d.published) AS last_seen
        FROM entities e LEFT JOIN mentions m ON m.entity = e.id
        LEFT JOIN documents d ON d.key = m.doc WHERE e.id = ?
        GROUP BY ALL""", [key]).dicts()
    if not entity:
        raise QueryError(f"no entity {key!r}")
    aliases = store.fetch("SELECT DISTINCT alias FROM entity_aliases WHERE list_contains(?, entity) "
                          "ORDER BY alias", [[key, *merged_into(store, key)]])
    return Profile(
        entity=entity[0], aliases=tuple(r[0] for r in aliases.rows),
        homonyms=_homonyms(store, ids[1:]), roles=_roles(store, key),
        relations=_relations(store, key, limit),
        quotes_by=quotes(store, Filters(speaker=key, limit=limit)),
        quotes_about=quotes(store, Filters(about=key, limit=limit)),
        figures=figures(store, Filters(about=key, limit=limit)),
        events_over_time=_events_over_time(store, key), co_actors=_co_actors(store, key, limit),
        themes=stance.themes_of(store, key, limit),
        stance_toward=stance.toward(store, key, stance.StanceFilters(limit=limit)),
        stance_of=stance.held_by(store, key, stance.StanceFilters(limit=limit)),
    )


def _homonyms(store: Store, ids: list[str]) -> Rows:
    return store.fetch("SELECT id, name, type, country FROM entities WHERE list_contains(?, id) "
                       "ORDER BY id", [ids])


def _roles(store: Store, key: str) -> Rows:
    return store.fetch("""
        SELECT r.title, o.name AS "of", bool_or(r.former) AS former,
               min(json_extract_string(r.data, '$.since')) AS since,
               max(json_extract_string(r.data, '$.until')) AS "until", count(*) AS times,
               min(d.published) AS first_seen, max(d.published) AS last_seen
        FROM roles r JOIN documents d ON d.key = r.doc LEFT JOIN entities o ON o.id = r."of"
        WHERE r.entity = ? GROUP BY r.title, o.name ORDER BY times DESC, r.title""", [key])


def _relations(store: Store, key: str, limit: int) -> Rows:
    return store.fetch("""
        SELECT s.name AS subject, r.predicate, o.name AS object, count(*) AS times
        FROM relations r LEFT JOIN entities s ON s.id = r.subject
        LEFT JOIN entities o ON o.id = r.object
        WHERE (r.subject = ? OR r.object = ?) AND NOT coalesce(r.negated, false)
          AND coalesce(json_extract_string(r.data, '$.modality'), 'asserted') = 'asserted'
        GROUP BY ALL ORDER BY times DESC, subject, object LIMIT ?""", [key, key, limit])


def _events_over_time(store: Store, key: str) -> Rows:
    return store.fetch("""
        SELECT substr(coalesce(v.date, d.published), 1, 7) AS month, v.action,
               CASE WHEN v.actor = ? THEN 'actor' WHEN v.target = ? THEN 'target'
                    ELSE 'location' END AS as_,
               count(*) AS events
        FROM events v JOIN documents d ON d.key = v.doc
        WHERE ? IN (v.actor, v.target, v.location)
        GROUP BY ALL ORDER BY month NULLS LAST, events DESC""", [key, key, key])


def _co_actors(store: Store, key: str, limit: int) -> Rows:
    return store.fetch("""
        SELECT e.name, e.type, count(DISTINCT o.doc) AS shared_articles
        FROM doc_entities me JOIN doc_entities o ON o.doc = me.doc AND o.entity <> me.entity
        JOIN entities e ON e.id = o.entity
        WHERE me.entity = ? AND list_contains(?, e.type)
        GROUP BY e.name, e.type ORDER BY shared_articles DESC, e.name LIMIT ?""",
        [key, list(ACTOR_TYPES), limit])
