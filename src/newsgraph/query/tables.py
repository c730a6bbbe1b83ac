"""Named queries over the corpus: entities, quotes, figures, relations, events.

Each takes a Store and Filters and returns Rows. The CLI, the Python API and the web API all
call these, so a column added here appears everywhere.
"""
from __future__ import annotations

from newsgraph.query.filters import Filters, Where, entity_ids, fetch_named
from newsgraph.store import Rows, Store

DOC = "coalesce(d.caller_id, d.key) AS document, d.published, d.title"


def entities(store: Store, filters: Filters = Filters()) -> Rows:
    """Entities by number of mentions; --about keeps those named in articles that name it."""
    filters.check("entities", {"about", "type", "since", "until"})
    where = Where()
    if filters.type:
        where.add("e.type = ?", filters.type.upper())
    if filters.about:
        ids = entity_ids(store, filters.about)
        where.add("m.doc IN (SELECT doc FROM mentions WHERE list_contains(?, entity))", ids)
        where.add("NOT list_contains(?, e.id)", ids)
    where.dates("d.published", filters)
    where.articles("d.key", filters)
    return fetch_named(store, f"""
        SELECT e.id, e.name, e.type, e.country, count(*) AS mentions,
               count(DISTINCT m.doc) AS documents, min(d.published) AS first_seen,
               max(d.published) AS last_seen,
               (SELECT string_agg(alias, '; ' ORDER BY alias) FROM entity_aliases a
                 WHERE a.entity = e.id AND a.alias <> e.name) AS aliases
        FROM entities e JOIN mentions m ON m.entity = e.id JOIN documents d ON d.key = m.doc
        {where.sql()}
        GROUP BY e.id, e.name, e.type, e.country
        ORDER BY mentions DESC, documents DESC, e.name""", where.params, filters)


def quotes(store: Store, filters: Filters = Filters()) -> Rows:
    """Quotes; --speaker: said by; --about: naming the entity inside the quote; --type: kind."""
    filters.check("quotes", {"about", "speaker", "type", "since", "until"})
    where = Where()
    if filters.speaker:
        where.add("list_contains(?, q.speaker)", entity_ids(store, filters.speaker))
    if filters.about:
        where.add(_mentioned_within("q"), entity_ids(store, filters.about))
    if filters.type:
        where.add("q.kind = ?", filters.type.lower())
    where.dates("d.published", filters)
    where.articles("d.key", filters)
    return fetch_named(store, f"""
        SELECT s.name AS speaker, q.text, q.cue, q.kind, q.confidence, {DOC},
               q.speaker AS speaker_id, q."start", q."end"
        FROM quotes q JOIN documents d ON d.key = q.doc LEFT JOIN entities s ON s.id = q.speaker
        {where.sql()}
        ORDER BY d.published NULLS LAST, q.doc, q.seq""", where.params, filters)


def figures(store: Store, filters: Filters = Filters()) -> Rows:
    """Figures; --about: subject or counterpart; --speaker: the cited source; --type: unit."""
    filters.check("figures", {"about", "speaker", "type", "since", "until"})
    where = Where()
    if filters.about:
        ids = entity_ids(store, filters.about)
        where.add("(list_contains(?, f.subject) OR list_contains(?, f.object))", ids, ids)
    if filters.speaker:
        where.add("list_contains(?, f.source)", entity_ids(store, filters.speaker))
    if filters.type:
        where.add("lower(f.unit) = ?", filters.type.lower())
    where.dates("coalesce(f.time, d.published)", filters)
    where.articles("d.key", filters)
    return fetch_named(store, f"""
        SELECT f.text, f.value, f.unit, f.measure, s.name AS subject, o.name AS object,
               f.time, c.name AS source, f.approximate, {DOC}
        FROM figures f JOIN documents d ON d.key = f.doc
        LEFT JOIN entities s ON s.id = f.subject LEFT JOIN entities o ON o.id = f.object
        LEFT JOIN entities c ON c.id = f.source
        {where.sql()}
        ORDER BY coalesce(f.time, d.published) NULLS LAST, f.doc, f.seq""",
        where.params, filters)


def relations(store: Store, filters: Filters = Filters()) -> Rows:
    """Relations; --actor: the subject; --about: subject or object; --type: predicate."""
    filters.check("relations", {"about", "actor", "type", "since", "until", "include_negated"})
    where = Where()
    if filters.actor:
        where.add("list_contains(?, r.subject)", entity_ids(store, filters.actor))
    if filters.about:
        ids = entity_ids(store, filters.about)
        where.add("(list_contains(?, r.subject) OR list_contains(?, r.object))", ids, ids)
    if filters.type:
        where.add("r.predicate = ?", filters.type.lower())
    where.reported("r.negated", "json_extract_string(r.data, '$.modality')", filters)
    where.dates("d.published", filters)
    where.articles("d.key", filters)
    return fetch_named(store, f"""
        SELECT s.name AS subject, r.predicate, o.name AS object, r.negated, json_extract_string(r.data, '$.modality') AS modality,
               json_extract_string(r.data, '$.since') AS since, json_extract_string(r.data, '$.until') AS until,
               r.confidence,
               count(*) OVER (PARTITION BY r.subject, r.predicate, r.object) AS times, {DOC}
        FROM relations r JOIN documents d ON d.key = r.doc
        LEFT JOIN entities s ON s.id = r.subject LEFT JOIN entities o ON o.id = r.object
        {where.sql()}
        ORDER BY d.published NULLS LAST, r.doc, r.seq""", where.params, filters)


def events(store: Store, filters: Filters = Filters()) -> Rows:
    """Events; --actor: who acts; --about: actor, target or place; --type: PLOVER action."""
    filters.check("events", {"about", "actor", "type", "since", "until", "include_negated"})
    where = Where()
    if filters.actor:
        where.add("list_contains(?, v.actor)", entity_ids(store, filters.actor))
    if filters.about:
        ids = entity_ids(store, filters.about)
        where.add("(list_contains(?, v.actor) OR list_contains(?, v.target) "
                  "OR list_contains(?, v.location))", ids, ids, ids)
    if filters.type:
        where.add("v.action = ?", filters.type.upper())
    where.reported("v.negated", "v.modality", filters)
    where.dates("coalesce(v.date, d.published)", filters)
    where.articles("d.key", filters)
    return fetch_named(store, f"""
        SELECT coalesce(v.date, d.published) AS date,
               coalesce(v.date_source, CASE WHEN v.date IS NULL THEN 'article' ELSE 'text' END) AS date_source,
               v.action, a.name AS actor,
               t.name AS target, l.name AS location, v.trigger, v.negated, v.modality,
               v.confidence, {DOC}
        FROM events v JOIN documents d ON d.key = v.doc
        LEFT JOIN entities a ON a.id = v.actor LEFT JOIN entities t ON t.id = v.target
        LEFT JOIN entities l ON l.id = v.location
        {where.sql()}
        ORDER BY coalesce(v.date, d.published) NULLS LAST, v.doc, v.seq""",
        where.params, filters)


def _mentioned_within(alias: str) -> str:
    """Rows whose span contains a mention of one of the given entities."""
    return (f"EXISTS (SELECT 1 FROM mentions m WHERE m.doc = {alias}.doc AND list_contains(?, m.entity) "
            f'AND m."start" >= {alias}."start" AND m."end" <= {alias}."end")')


NAMED = {"entities": entities, "quotes": quotes, "figures": figures, "relations": relations,
         "events": events}
