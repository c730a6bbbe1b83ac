"""The Python API: `newsgraph.open("corpus.duckdb").entity("Xi Jinping").quotes()`.

Thin over `newsgraph.query`; every method returns plain dicts (one per row), ready for
`pandas.DataFrame(...)` or JSON.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.query import Filters, Profile, entity_ids, profile
from newsgraph.query import document as find_document
from newsgraph.query import entities, events, figures, quotes, relations, run_sql
from newsgraph.settings import Settings, load_settings
from newsgraph.store import Store

Row = dict[str, Any]


def open(path: str | Path, *, write: bool = False) -> "Corpus":  # noqa: A001 (the documented name)
    """Open a corpus database: read-only unless `write=True` (needed for `ingest`)."""
    return Corpus(Store.open(path, read_only=not write))


class Corpus:
    """An open corpus database; use as a context manager or call `close()`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def entities(self, **filters: Any) -> list[Row]:
        return entities(self.store, Filters(**filters)).dicts()

    def quotes(self, **filters: Any) -> list[Row]:
        return quotes(self.store, Filters(**filters)).dicts()

    def figures(self, **filters: Any) -> list[Row]:
        return figures(self.store, Filters(**filters)).dicts()

    def relations(self, **filters: Any) -> list[Row]:
        return relations(self.store, Filters(**filters)).dicts()

    def events(self, **filters: Any) -> list[Row]:
        return events(self.store, Filters(**filters)).dicts()

    def stance(self, *, actor: str | None = None, speaker: str | None = None,
               include_neutral: bool = False, since: str | None = None, until: str | None = None,
               limit: int | None = 50) -> list[Row]:
        """Who speaks for and against `actor`, or whom `speaker` supports and opposes."""
        from newsgraph.query import stance

        if (actor is None) == (speaker is None):
            raise TypeError("give exactly one of actor= or speaker=")
        filters = stance.StanceFilters(since=since, until=until, include_neutral=include_neutral, limit=limit)
        rows = (stance.toward(self.store, actor, filters) if actor
                else stance.held_by(self.store, speaker, filters))
        return rows.dicts()

    def stance_matrix(self, actors: list[str], **filters: Any) -> list[Row]:
        """Every speaker's mean stance score toward each of `actors` (None: never took a side)."""
        from newsgraph.query import stance

        return stance.matrix(self.store, list(actors), stance.StanceFilters(**filters)).dicts()

    def claims(self, **filters: Any) -> list[Row]:
        """Claim groups (figures, events, relations compared across sources), most contested
        first; filters: about, kind, contradictions, since, until, limit."""
        from newsgraph.query import claims

        return [g.to_dict() for g in claims.claims(self.store, claims.ClaimFilters(**filters))]

    def contradictions(self, **filters: Any) -> list[Row]:
        """Only the contradicted claim groups, with every side's claimant, outlet and sentence."""
        return self.claims(**filters, contradictions=True)

    def entity(self, name: str) -> "EntityView":
        """The entity called `name` (name, alias or id; the most mentioned if several are)."""
        return EntityView(self, entity_ids(self.store, name)[0])

    def document(self, doc_id: str) -> Row:
        return find_document(self.store, doc_id)

    def sql(self, statement: str) -> list[Row]:
        return run_sql(self.store, statement).dicts()

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def ingest(self, paths: Iterable[str], *, settings: Settings | None = None,
               keep_duplicates: bool = False):
        """Extract and store the articles under `paths` (open with `write=True`)."""
        from newsgraph.corpus import ingest  # the NLP stack loads only when ingesting
        from newsgraph.ingest import read_inputs
        return ingest(self.store, read_inputs(list(paths)), settings or load_settings(),
                      keep_duplicates=keep_duplicates)


class EntityView:
    """One corpus entity and the rows about it."""

    def __init__(self, corpus: Corpus, entity_id: str) -> None:
        self.corpus, self.id = corpus, entity_id
        row = corpus.store.fetch("SELECT name, type, country FROM entities WHERE id = ?", [entity_id])
        self.name, self.type, self.country = row.rows[0]

    def __repr__(self) -> str:
        return f"<Entity {self.id} {self.name!r} {self.type}>"

    def quotes(self, **filters: Any) -> list[Row]:
        """What it said."""
        return self.corpus.quotes(speaker=self.id, **filters)

    def quotes_about(self, **filters: Any) -> list[Row]:
        """Quotes that name it."""
        return self.corpus.quotes(about=self.id, **filters)

    def figures(self, **filters: Any) -> list[Row]:
        return self.corpus.figures(about=self.id, **filters)

    def events(self, **filters: Any) -> list[Row]:
        return self.corpus.events(about=self.id, **filters)

    def relations(self, **filters: Any) -> list[Row]:
        return self.corpus.relations(about=self.id, **filters)

    def profile(self, *, limit: int = 20) -> Profile:
        return profile(self.corpus.store, self.id, limit=limit)
