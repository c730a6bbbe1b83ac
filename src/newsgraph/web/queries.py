"""Queries the web layer needs beyond `newsgraph.query`: pages with `q`, located facts, documents.

The list endpoints run the shared named queries (`newsgraph.query.entities`, `quotes`, ...) so a
column added there shows in the API too; this module adds what a page needs on top: a text
filter `q`, offset pagination, and facts that carry their article key and character offsets so
a click can open the sentence they came from. All SQL here is fixed text with `?` parameters;
table and column names come from the constants below, never from a request.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.query import Filters, document
from newsgraph.store import Rows, Store

MAX_LIMIT = 200          # rows per page at most, whatever the client asks
DEFAULT_LIMIT = 50
MAX_SPANS = 20_000       # spans of one kind returned with one document


@dataclass(frozen=True)
class Page:
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True)
class PageOf:
    """One page of rows; `next_offset` is None on the last page."""

    items: list[dict[str, Any]]
    page: Page
    next_offset: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "items": self.items, "limit": self.page.limit,
                "offset": self.page.offset, "next_offset": self.next_offset}


Named = Callable[[Store, Filters], Rows]


def paged(named: Named, store: Store, filters: Filters, page: Page, q: str | None = None,
          keep: Callable[[dict], bool] | None = None) -> PageOf:
    """One page of a named query, keeping rows that contain `q` (and pass `keep`).

    The text filter runs in SQL (`Filters.text`), so the database cuts the page (LIMIT
    offset+limit+1); only a `keep` test, which needs every row, is applied here.
    """
    window = page.offset + page.limit + 1
    rows = named(store, replace(filters, text=q or None, limit=None if keep else window)).dicts()
    if keep is not None:
        rows = [r for r in rows if keep(r)]
    return cut(rows[page.offset:window], page)


def cut(rows: list[dict[str, Any]], page: Page) -> PageOf:
    """rows holds up to limit+1 rows from the page's offset: the extra one says there is more."""
    more = len(rows) > page.limit
    return PageOf(rows[:page.limit], page, page.offset + page.limit if more else None)


def names_of(store: Store, ids: list[str]) -> set[str]:
    rows = store.fetch("SELECT name FROM entities WHERE list_contains(?, id)", [ids]).rows
    return {r[0] for r in rows}


# -- located facts ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """How one fact table is read with its place in the text: its own columns, the columns
    holding entity ids (each comes back as NAME and NAME_id), and its time order."""

    columns: tuple[str, ...]
    entities: tuple[str, ...]
    order: str = "d.published"


FACTS: dict[str, Fact] = {
    "quotes": Fact(("id", "text", "kind", "cue", "date", "confidence"), ("speaker",),
                   "coalesce(x.date, d.published)"),
    "figures": Fact(("id", "text", "value", "unit", "measure", "time", "approximate"),
                    ("subject", "object", "source"), "coalesce(x.time, d.published)"),
    "relations": Fact(("predicate", "negated", "confidence"), ("subject", "object")),
    "events": Fact(("id", "action", "date", "trigger", "negated", "modality", "confidence"),
                   ("actor", "target", "location"), "coalesce(x.date, d.published)"),
}


def located(store: Store, table: str, where: str, params: list[Any], limit: int) -> list[dict]:
    """Rows of a fact table with their article key, offsets and entity names."""
    fact = FACTS[table]
    own = ", ".join(f'x."{c}"' for c in fact.columns)
    names = ", ".join(f'x."{c}" AS "{c}_id", n_{c}.name AS "{c}"' for c in fact.entities)
    joins = " ".join(f'LEFT JOIN entities n_{c} ON n_{c}.id = x."{c}"' for c in fact.entities)
    return store.fetch(f"""
        SELECT '{table}' AS fact, x.doc, x."start", x."end", d.title, d.published,
               coalesce(d.caller_id, d.key) AS document, {own}, {names}
        FROM {table} x JOIN documents d ON d.key = x.doc {joins}
        WHERE {where}
        ORDER BY {fact.order} NULLS LAST, x.doc, x.seq LIMIT ?""", [*params, limit]).dicts()


def _mentioned_within() -> str:
    return ('EXISTS (SELECT 1 FROM mentions m WHERE m.doc = x.doc AND m.entity = ? '
            'AND m."start" >= x."start" AND m."end" <= x."end")')


def entity_facts(store: Store, key: str, limit: int) -> dict[str, list[dict]]:
    """Everything an entity says, is quoted about, is measured by, does and relates to."""
    return {
        "quotes_by": located(store, "quotes", "x.speaker = ?", [key], limit),
        "quotes_about": located(store, "quotes", "coalesce(x.speaker, '') <> ? AND "
                                + _mentioned_within(), [key, key], limit),
        "figures": located(store, "figures", "? IN (x.subject, x.object, x.source)", [key], limit),
        "events": located(store, "events", "? IN (x.actor, x.target, x.location)", [key], limit),
        "relations": located(store, "relations", "? IN (x.subject, x.object)", [key], limit),
    }


def entity_counts(store: Store, key: str) -> dict[str, int]:
    row = store.fetch("""
        SELECT (SELECT count(*) FROM mentions WHERE entity = $1),
               (SELECT count(DISTINCT doc) FROM mentions WHERE entity = $1),
               (SELECT count(*) FROM quotes WHERE speaker = $1),
               (SELECT count(*) FROM figures WHERE $1 IN (subject, object, source)),
               (SELECT count(*) FROM events WHERE $1 IN (actor, target, location)),
               (SELECT count(*) FROM relations WHERE $1 IN (subject, object)),
               (SELECT count(*) FROM roles WHERE entity = $1)""", [key]).rows[0]
    names = ("mentions", "documents", "quotes_by", "figures", "events", "relations", "roles")
    return dict(zip(names, (int(v) for v in row)))


# -- documents ----------------------------------------------------------------------------------

def documents(store: Store, q: str | None, page: Page) -> PageOf:
    """Articles, newest first; `q` matches the title or the text."""
    where, params = "", []
    if q:
        where = "WHERE contains(lower(coalesce(title, '')), ?) OR contains(lower(text), ?)"
        params = [q.lower(), q.lower()]
    rows = store.fetch(f"""
        SELECT key, caller_id, origin, title, source, url, published, n_chars FROM documents
        {where} ORDER BY published DESC NULLS LAST, key LIMIT ? OFFSET ?""",
        [*params, page.limit + 1, page.offset]).dicts()
    return cut(rows, page)


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """An article's text with every span in it: entity mentions and each kind of fact."""
    meta = document(store, doc_id)
    key = meta["key"]
    text = store.scalar("SELECT text FROM documents WHERE key = ?", [key])
    mentions = store.fetch("""
        SELECT m."start", m."end", m.entity, e.name, e.type FROM mentions m
        JOIN entities e ON e.id = m.entity WHERE m.doc = ? ORDER BY m."start" LIMIT ?""",
        [key, MAX_SPANS]).dicts()
    facts = {table: located(store, table, "x.doc = ?", [key], MAX_SPANS) for table in FACTS}
    return {"ok": True, "document": {**meta, "text": text}, "mentions": mentions, **facts}


# -- places and time ----------------------------------------------------------------------------

def _selection(entity: str | None, doc_key: str | None) -> tuple[str, list[Any]]:
    """SQL keeping rows of the selection's articles (column `doc` of alias `p`): the corpus,
    the articles naming `entity`, or one article."""
    if doc_key:
        return "p.doc = ?", [doc_key]
    if entity:
        return "p.doc IN (SELECT doc FROM doc_entities WHERE entity = ?)", [entity]
    return "true", []


def places(store: Store, entity: str | None = None, doc_key: str | None = None,
           limit: int = MAX_LIMIT) -> list[dict[str, Any]]:
    """Every geocoded place of the selection at one point: its mentions and articles there, and
    the PLOVER categories of the events located there or told in a sentence naming it."""
    where, params = _selection(entity, doc_key)
    return store.fetch(f"""
        WITH here AS (
            SELECT p.entity, p.lat, p.lon, any_value(p.country) AS country,
                   any_value(p.feature) AS feature, list(DISTINCT p.doc) AS docs,
                   sum(coalesce(json_array_length(p.data -> '$.mentions'), 1)) AS mentions
            FROM places p WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND {where}
            GROUP BY p.entity, p.lat, p.lon),
        acts AS (
            SELECT h.entity, h.lat, h.lon, v.action, count(DISTINCT v.id) AS n
            FROM here h JOIN events v ON list_contains(h.docs, v.doc) AND NOT coalesce(v.negated, false)
             AND (v.location = h.entity OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc = v.doc
                  AND m.entity = h.entity AND m."start" >= v."start" AND m."end" <= v."end"))
            GROUP BY ALL)
        SELECT h.entity, e.name, e.type, h.lat, h.lon, h.country, h.feature, h.mentions,
               len(h.docs) AS documents,
               coalesce((SELECT map_from_entries(list((a.action, a.n) ORDER BY a.n DESC, a.action))
                         FROM acts a WHERE a.entity = h.entity AND a.lat = h.lat AND a.lon = h.lon),
                        MAP {{}}) AS events
        FROM here h JOIN entities e ON e.id = h.entity
        ORDER BY h.mentions DESC, e.name LIMIT ?""", [*params, limit]).dicts()


def place_view(store: Store, key: str, entity: str | None = None, doc_key: str | None = None,
               limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """What happened at place `key` within the selection: its articles and its events."""
    where, params = _selection(entity, doc_key)
    docs = store.fetch(f"""
        SELECT d.key, d.title, d.published, count(*) AS mentions
        FROM mentions p JOIN documents d ON d.key = p.doc
        WHERE p.entity = ? AND {where}
        GROUP BY ALL ORDER BY d.published DESC NULLS LAST, d.key LIMIT ?""",
        [key, *params, limit]).dicts()
    keys = [d["key"] for d in docs]
    told_there = ('(x.location = ? OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc = x.doc '
                  'AND m.entity = ? AND m."start" >= x."start" AND m."end" <= x."end"))')
    events = located(store, "events", f"list_contains(?, x.doc) AND {told_there}",
                     [keys, key, key], limit)
    return {"documents": docs, "events": events}


def quotes_over_time(store: Store, key: str) -> list[dict[str, Any]]:
    """The entity's quotes (said by it) per month; 'undated' when neither quote nor article has a date."""
    return store.fetch("""
        SELECT coalesce(substr(coalesce(q.date, d.published), 1, 7), 'undated') AS month,
               count(*) AS quotes
        FROM quotes q JOIN documents d ON d.key = q.doc WHERE q.speaker = ?
        GROUP BY ALL ORDER BY month""", [key]).dicts()
