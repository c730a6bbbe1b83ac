"""Stance over the corpus: who speaks for and against an actor, whom a speaker backs, the matrix.

Every row aggregates the stances stored per article (extract/stance/): counts of support,
oppose and neutral, the mean score, and the strongest sentence with its article, so a number
can always be read back to the words that made it.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsgraph.query.filters import Filters, Where, entity_ids, limit_sql
from newsgraph.store import Rows, Store

# A stance row with the sentence that shows it, cut from the article text.
_STANCES = """
    SELECT s.*, coalesce(d.caller_id, d.key) AS document, d.published,
           substr(d.text, s."start" + 1, s."end" - s."start") AS sentence
    FROM stances s JOIN documents d ON d.key = s.doc
"""

_SUMMARY = """
    count(*) FILTER (WHERE stance = 'support') AS support,
    count(*) FILTER (WHERE stance = 'oppose') AS oppose,
    count(*) FILTER (WHERE stance = 'neutral') AS neutral,
    round(avg(score), 3) AS mean_score,
    arg_max(sentence, abs(score)) AS strongest_sentence,
    arg_max(document, abs(score)) AS strongest_in
"""


@dataclass(frozen=True)
class StanceFilters:
    since: str | None = None
    until: str | None = None
    include_neutral: bool = False   # count statements that take no side in the totals
    limit: int | None = 50


def _where(filters: StanceFilters) -> Where:
    where = Where()
    where.dates("published", Filters(since=filters.since, until=filters.until))
    if not filters.include_neutral:
        where.add("stance <> 'neutral'")
    return where


def toward(store: Store, actor: str, filters: StanceFilters = StanceFilters()) -> Rows:
    """Who speaks for and against `actor`: one row per speaker, most outspoken first."""
    where = _where(filters)
    where.add("list_contains(?, target)", entity_ids(store, actor))
    return store.fetch(f"""
        WITH s AS ({_STANCES})
        SELECT h.name AS speaker, {_SUMMARY}
        FROM s LEFT JOIN entities h ON h.id = s.holder
        {where.sql()}
        GROUP BY h.name ORDER BY support + oppose DESC, abs(mean_score) DESC, speaker
        {limit_sql(filters)}""", where.params)


def held_by(store: Store, speaker: str, filters: StanceFilters = StanceFilters()) -> Rows:
    """Whom (or what) `speaker` supports and opposes: one row per target."""
    where = _where(filters)
    where.add("list_contains(?, holder)", entity_ids(store, speaker))
    return store.fetch(f"""
        WITH s AS ({_STANCES})
        SELECT coalesce(t.name, s.target_text) AS toward, t.type, {_SUMMARY}
        FROM s LEFT JOIN entities t ON t.id = s.target
        {where.sql()}
        GROUP BY ALL ORDER BY support + oppose DESC, abs(mean_score) DESC, toward
        {limit_sql(filters)}""", where.params)


def matrix(store: Store, actors: list[str], filters: StanceFilters = StanceFilters()) -> Rows:
    """Speakers (rows) by actors (columns): the mean stance score of each speaker toward each
    actor, empty where the speaker never took a side on it."""
    columns = {name: entity_ids(store, name) for name in actors}
    where = _where(filters)
    selects, params = [], []
    for name, ids in columns.items():
        selects.append(f'round(avg(score) FILTER (WHERE list_contains(?, target)), 3) AS "{_column(name)}"')
        params.append(ids)
    where.add("list_contains(?, target)", [i for ids in columns.values() for i in ids])
    return store.fetch(f"""
        WITH s AS ({_STANCES})
        SELECT h.name AS speaker, {', '.join(selects)}, count(*) AS stances
        FROM s JOIN entities h ON h.id = s.holder
        {where.sql()}
        GROUP BY h.name ORDER BY stances DESC, speaker {limit_sql(filters)}""", [*params, *where.params])


def _column(name: str) -> str:
    return name.replace('"', "'")


def themes_of(store: Store, key: str, limit: int = 20) -> Rows:
    """The themes of the articles that mention an entity, most frequent first."""
    return store.fetch("""
        SELECT t.name AS theme, t.gkg, count(DISTINCT t.doc) AS articles, sum(t.count) AS mentions
        FROM themes t WHERE t.doc IN (SELECT doc FROM mentions WHERE entity = ?)
        GROUP BY ALL ORDER BY articles DESC, mentions DESC, theme LIMIT ?""", [key, limit])
