"""Filters shared by every named query, and the SQL WHERE clause they become."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.store import Store, fold

DEFAULT_LIMIT = 50


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
    limit: int | None = DEFAULT_LIMIT

    def used(self) -> set[str]:
        return {f.name for f in fields(self) if f.name != "limit" and getattr(self, f.name) is not None}

    def check(self, query: str, allowed: set[str]) -> None:
        extra = self.used() - allowed
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
        if filters.since:
            self.add(f"{column} >= ?", filters.since)
        if filters.until:
            # "2020" or "2020-05" as an upper bound covers the whole year or month
            self.add(f"{column} <= ?", filters.until + "-99" * (2 - filters.until.count("-")))

    def reported(self, negated: str, modality: str, filters: Filters) -> None:
        """Only facts as the text reports them (not negated, not hypothetical or conditional),
        unless --include-negated."""
        if not filters.include_negated:
            self.add(f"NOT coalesce({negated}, false) "
                     f"AND coalesce({modality}, 'asserted') NOT IN ('hypothetical', 'conditional')")

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def entity_ids(store: Store, name: str) -> list[str]:
    """Corpus ids of the entities called `name` (canonical name, alias or id), most mentioned first."""
    rows = store.fetch(
        "SELECT e.id FROM entities e WHERE e.id = ? OR lower(e.name) = ? "
        "OR e.id IN (SELECT entity FROM entity_aliases WHERE folded = ?) "
        "ORDER BY lower(e.name) = ? DESC, "
        "(SELECT count(*) FROM mentions m WHERE m.entity = e.id) DESC, e.id",
        [name, fold(name), fold(name), fold(name)]).rows
    if not rows:
        raise QueryError(f"no entity named {name!r} in the database",
                         remedy="list names with `newsgraph query entities`")
    return [r[0] for r in rows]


def limit_sql(filters: Filters) -> str:
    return f"LIMIT {int(filters.limit)}" if filters.limit else ""
