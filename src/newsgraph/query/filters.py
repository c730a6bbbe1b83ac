"""Filters shared by every named query, and the SQL WHERE clause they become."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.resolve.names import fold_name, fold_sql, without_titles
from newsgraph.store import Rows, Store

DEFAULT_LIMIT = 50
ARTICLE_FILTERS = frozenset({"tone_below", "tone_above", "theme", "text"})  # apply to every named query


class QueryError(NewsgraphError):
    """A query that cannot be answered as asked (unknown name, filter that does not apply)."""


@dataclass(frozen=True)
class Filters:
    about: str | None = None      # an entity the row is about (name, alias or id)
    speaker: str | None = None    # who said it (quotes) / who is cited (figures)
    actor: str | None = None      # who acts (events) / the subject (relations)
    type: str | None = None       # entity type, quote kind, figure unit, predicate, action
    since: str | None = None      # YYYY-MM-DD (or YYYY, YYYY-MM), inclusive
    until: str | None = None      # inclusive
    include_negated: bool | None = None  # relations, events: also negated and hypothetical ones
    tone_below: float | None = None   # articles whose tone (GKG sense) is below this
    tone_above: float | None = None
    theme: str | None = None      # articles with this theme (resources/themes.tsv name or GKG name)
    text: str | None = None       # rows holding this text in any column, compared as names are (fold)
    limit: int | None = DEFAULT_LIMIT

    def used(self) -> set[str]:
        return {f.name for f in fields(self) if f.name != "limit" and getattr(self, f.name) is not None}

    def check(self, query: str, allowed: set[str]) -> None:
        extra = self.used() - allowed - ARTICLE_FILTERS
        if extra:
            raise QueryError(f"--{sorted(extra)[0]} does not apply to {query}",
                             remedy=f"{query} takes {', '.join('--' + a for a in sorted(allowed))}")


@dataclass
class Where:
    """WHERE clauses and their parameters, built up one filter at a time."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, column: str, filters: Filters) -> None:
        """Keep rows whose date overlaps [since, until]. Dates may be partial: a figure dated
        "2020" covers the whole year, so it is kept by --since 2020-06-01 and by --until 2020;
        the same holds for a month ("2020-05")."""
        if filters.since:
            since = checked_date(filters.since, "--since")
            ends = f"CASE WHEN length({column}) IN (4, 7) THEN {column} || '-99' ELSE {column} END"
            self.add(f"{ends} >= ?", since)
        if filters.until:
            until = checked_date(filters.until, "--until")
            self.add(f"{column} <= ?", until + "-99" * (2 - until.count("-")))

    def articles(self, doc_column: str, filters: Filters) -> None:
        """Keep rows of articles with the asked tone or theme (every named query takes these)."""
        if filters.tone_below is not None:
            self.add(f"{doc_column} IN (SELECT doc FROM tones WHERE entity IS NULL AND tone < ?)",
                     filters.tone_below)
        if filters.tone_above is not None:
            self.add(f"{doc_column} IN (SELECT doc FROM tones WHERE entity IS NULL AND tone > ?)",
                     filters.tone_above)
        if filters.theme:
            self.add(f"{doc_column} IN (SELECT doc FROM themes WHERE lower(name) = ? OR lower(gkg) = ?)",
                     filters.theme.lower(), filters.theme.lower())

    def reported(self, negated: str, modality: str, filters: Filters) -> None:
        """Only facts as the text reports them (not negated, not hypothetical or conditional),
        unless --include-negated."""
        if not filters.include_negated:
            self.add(f"NOT coalesce({negated}, false) "
                     f"AND coalesce({modality}, 'asserted') NOT IN ('hypothetical', 'conditional')")

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022, 2022-01, 2022-01-07)"


def checked_date(text: str, option: str = "date") -> str:
    """A date filter as given, if it is a real year, month or day; else a QueryError."""
    parts = text.split("-")
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            raise ValueError(text)
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise QueryError(f"{option} {text!r} is not a date", remedy=f"use {DATE_FORMS}") from None
    return text


def entity_ids(store: Store, name: str) -> list[str]:
    """Corpus ids of the entities called `name` (id, name or alias; titles, case and accents
    aside), most mentioned first: query/lookup.py."""
    from newsgraph.query.lookup import entity_ids as lookup  # lookup needs QueryError from here
    return lookup(store, name)


# A row's columns as one folded string (resolve/names.py: case, accents, punctuation aside), for
# the `text` filter: "Chavez" finds "Chávez", "President Bush" finds "Bush".
FOLDED_ROW = fold_sql("concat_ws(chr(31), *COLUMNS(*))")


def fetch_named(store: Store, sql: str, params: list[Any], filters: Filters) -> Rows:
    """A named query's rows under `filters.limit`; with `filters.text`, only the rows holding
    that text, filtered and cut in SQL."""
    if not filters.text:
        return store.fetch(f"{sql} {limit_sql(filters)}", params)
    return store.fetch(f"SELECT * FROM ({sql}) AS r WHERE contains({FOLDED_ROW}, ?) {limit_sql(filters)}",
                       [*params, fold_name(without_titles(filters.text))])


def limit_sql(filters: Filters) -> str:
    return f"LIMIT {int(filters.limit)}" if filters.limit else ""
