"""The corpus database: opening it (with migrations), the single write path, read-only queries.

Only this package imports duckdb. Every article is written in one transaction: its document
row, new corpus entities and aliases, and all its extracted rows go in together or not at all.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.errors import NewsgraphError
from newsgraph.model import ArticleRecord, Skip
from newsgraph.store.keys import fold, skip_key
from newsgraph.store.migrations import MIGRATIONS, SECTION_TABLES
from newsgraph.store.rows import section_rows, to_json

COMMON = ("doc", "seq", "extractor", "extractor_version", "data")


class StoreError(NewsgraphError):
    """The database cannot be opened, read or written."""


@dataclass(frozen=True)
class CorpusEntity:
    id: str
    name: str
    type: str
    country: str | None = None
    first_doc: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    """Everything written for one article, decided before the transaction starts."""

    key: str
    record: ArticleRecord
    entity_ids: Mapping[str, str]                    # article-local id -> corpus id
    new_entities: tuple[CorpusEntity, ...] = ()
    new_aliases: tuple[tuple[str, str], ...] = ()     # (corpus id, alias)
    minhash: tuple[int, ...] | None = None
    extractor_of: Mapping[str, str] = field(default_factory=dict)  # table -> extractor name
    curated: Mapping[str, str] = field(default_factory=dict)  # corpus id -> the analyst's (typed columns)


@dataclass(frozen=True)
class Duplicate:
    key: str
    duplicate_of: str
    similarity: float
    caller_id: str | None = None
    origin: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Copy:
    """An exact copy of a stored article from another outlet or address: more reach, same story."""

    key: str                  # documents.key of the stored article
    source: str | None
    url: str | None
    published: str | None = None
    caller_id: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class Rows:
    """A query result: column names and rows, in order."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


class Store:
    """One open corpus database. `Store.open(path)` for writing, `read_only=True` for queries."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con, self.path = connection, path
        self._columns: dict[str, dict[str, str]] = {}

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False,
             write_into: str | Path | None = None) -> "Store":
        """`write_into`: the one folder a read-only export may write files into (COPY TO)."""
        path = str(path)
        _check_path(path, read_only)
        _check_header(path)
        try:
            store = cls(_connect(path, read_only, write_into), path)
            if not read_only:
                store._migrate()
            store._check_version()
        except duckdb.Error as exc:
            raise _translate(exc, path) from None
        return store

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def fetch(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Rows:
        try:
            cursor = self._con.execute(sql, params)
            columns = tuple(d[0] for d in cursor.description or ())
            return Rows(columns, tuple(cursor.fetchall()))
        except duckdb.Error as exc:
            raise _translate(exc, self.path) from None

    def select(self, sql: str) -> Rows:
        """Run one SELECT statement; any other kind is refused before it runs."""
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {str(exc).splitlines()[0]}") from None
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise StoreError("only one read-only SELECT statement is allowed",
                             remedy="write a single SELECT ...; use `newsgraph ingest` to change data")
        return self.fetch(sql)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.fetch(sql, params).rows
        return rows[0][0] if rows else None

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", *SECTION_TABLES, "duplicates", "skips")
        return {t: int(self.scalar(f"SELECT count(*) FROM {t}")) for t in tables}

    def copy_table(self, table: str, target: str, fmt: str) -> None:
        """DuckDB writes Parquet and CSV itself."""
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        self._run(f"COPY (SELECT * FROM {table}) TO '{_quote(target)}' ({options})")

    # -- writing: the single write path -----------------------------------------------

    def write_article(self, article: StoredArticle) -> bool:
        """Write one article in one transaction; False when its key is already stored."""
        with self._transaction():
            if self._con.execute("SELECT 1 FROM documents WHERE key = ?", [article.key]).fetchone():
                return False
            self._insert_document(article)
            self._insert_entities(article)
            for table, rows in section_rows(article.record, article.entity_ids).items():
                self._insert_rows(table, article.key, rows, article.extractor_of.get(table),
                                  article.curated)
        return True

    def write_duplicate(self, duplicate: Duplicate) -> None:
        with self._transaction():
            self._insert("duplicates", [asdict(duplicate)], or_ignore=True)

    def write_copy(self, copy: Copy) -> None:
        """Record a copy once per (article, source, url); the article's own reading is not one."""
        own = self.fetch("SELECT source, url FROM documents WHERE key = ?", [copy.key]).rows
        if own and tuple(own[0]) == (copy.source, copy.url):
            return
        copy_key = hashlib.sha1(f"{copy.key}|{copy.source}|{copy.url}".encode()).hexdigest()
        with self._transaction():
            self._insert("copies", [{"copy_key": copy_key, **asdict(copy)}], or_ignore=True)

    def write_skip(self, skip: Skip) -> None:
        row = {"key": skip_key(skip.origin, skip.line, skip.reason), "input": skip.origin,
               "line": skip.line, "reason": skip.reason}
        with self._transaction():
            self._insert("skips", [row], or_ignore=True)

    def execute(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Run write statements in one transaction (entity curation: resolve/curation.py)."""
        with self._transaction():
            for sql, params in statements:
                self._con.execute(sql, params)

    def _insert_document(self, article: StoredArticle) -> None:
        doc, record = article.record.document, article.record
        caller_id = doc.id if doc.id != article.key and doc.id != _raw_sha1(doc.text) else None
        self._insert("documents", [{
            "key": article.key, "caller_id": caller_id, "origin": doc.origin, "title": doc.title,
            "source": doc.source, "url": doc.url, "published": doc.published,
            "language": doc.language, "text": doc.text, "n_chars": len(doc.text),
            "extractors": list(record.extractors), "warnings": list(doc.warnings),
            "minhash": list(article.minhash) if article.minhash else None}])

    def _insert_entities(self, article: StoredArticle) -> None:
        # New by construction: the resolver's index mirrors these tables (one writer).
        self._insert("entities", [asdict(e) for e in article.new_entities])
        aliases = [{"entity": e, "alias": a, "folded": fold(a)} for e, a in article.new_aliases]
        self._insert("entity_aliases", aliases)

    def _insert_rows(self, table: str, doc: str, rows: list[dict], extractor: str | None,
                     curated: Mapping[str, str] | None = None) -> None:
        """`data` keeps the resolver's entity ids; typed columns take the analyst's (`curated`)."""
        curated = curated or {}
        version = extractor.rsplit(".", 1)[-1] if extractor and "." in extractor else None
        known = set(self._table_columns(table)) - set(COMMON)
        full = [{**{k: curated.get(v, v) if isinstance(v, str) else v for k, v in row.items() if k in known},
                 "doc": doc, "seq": i,
                 "extractor": extractor, "extractor_version": version, "data": to_json(row)}
                for i, row in enumerate(rows)]
        self._insert(table, full)

    def _insert(self, table: str, rows: list[dict], *, or_ignore: bool = False) -> None:
        """Insert rows column-wise: one list parameter per column, unnested by DuckDB. Far
        cheaper than binding a parameter per value (or executemany, one statement per row)."""
        if not rows:
            return
        types = self._table_columns(table)
        columns = [c for c in dict.fromkeys(c for row in rows for c in row) if c in types]
        names = ", ".join(f'"{c}"' for c in columns)
        unnests = ", ".join(f'unnest(?::{types[c]}[]) AS "{c}"' for c in columns)
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        self._con.execute(f"{verb} INTO {table} ({names}) SELECT * FROM (SELECT {unnests})",
                          [[row.get(c) for row in rows] for c in columns])

    def _table_columns(self, table: str) -> dict[str, str]:
        """Column name -> SQL type, in table order (read once per table)."""
        if table not in self._columns:
            rows = self._con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()
            self._columns[table] = dict(rows)
        return self._columns[table]

    def _transaction(self) -> "_Transaction":
        return _Transaction(self)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._con.execute(sql, params)
        except duckdb.Error as exc:
            raise _translate(exc, self.path) from None

    # -- schema ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        self._con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                          "name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
        done = {r[0] for r in self._con.execute("SELECT version FROM schema_migrations").fetchall()}
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self._transaction():
                self._con.execute(migration.sql)
                self._con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                  [migration.version, migration.name])

    def _check_version(self) -> None:
        try:
            have = self._con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
        except duckdb.CatalogException:
            raise StoreError("is not a newsgraph database (no schema_migrations table)",
                             origin=self.path, remedy="choose another --db or run `newsgraph ingest` first") from None
        latest = MIGRATIONS[-1].version
        if have is None or have < latest:
            raise StoreError(f"has schema version {have}, this newsgraph needs {latest}", origin=self.path,
                             remedy="run `newsgraph ingest` on it once to upgrade it")
        if have > latest:
            raise StoreError(f"was written by a newer newsgraph (schema {have} > {latest})",
                             origin=self.path, remedy="upgrade newsgraph")


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK and one clear StoreError: no partial article is left."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._con.begin()

    def __exit__(self, kind, exc, tb) -> bool:
        con = self.store._con
        if exc is None:
            try:
                con.commit()
                return False
            except duckdb.Error as error:
                exc = error
        try:
            con.rollback()
        except duckdb.Error:
            pass  # the transaction may already be aborted; nothing of it was committed
        if isinstance(exc, duckdb.Error):
            raise _translate(exc, self.store.path) from None
        return False


# No connection reaches outside its database file: SQL cannot read or write other files
# (read_csv, read_text, glob, COPY) or URLs, and DuckDB never downloads or loads extensions.
LOCKED_DOWN = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def _connect(path: str, read_only: bool, write_into: str | Path | None) -> duckdb.DuckDBPyConnection:
    if write_into is None:
        return duckdb.connect(path, read_only=read_only,
                              config={**LOCKED_DOWN, "enable_external_access": False,
                                      "lock_configuration": True})
    # allowed_directories can only be set on a running database, before access is disabled.
    connection = duckdb.connect(path, read_only=read_only, config=LOCKED_DOWN)
    folder = str(Path(write_into).resolve()).replace("'", "''")
    for setting in (f"SET allowed_directories = ['{folder}/']", "SET enable_external_access = false",
                    "SET lock_configuration = true"):
        connection.execute(setting)
    return connection


def _check_header(path: str) -> None:
    """A file that is not a DuckDB database is named before DuckDB tries to read it (it would
    otherwise guess a format and try to download an extension for it, e.g. for SQLite)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read: {exc.strerror}", origin=path,
                         remedy="check the file's permissions, or choose another --db") from None
    if head and head[8:12] != DUCKDB_MAGIC:
        kind = "an SQLite database" if head.startswith(b"SQLite format 3") else "not a DuckDB database"
        raise StoreError(f"is {kind}", origin=path,
                         remedy="choose another --db, or move the file away and ingest again")


def _raw_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _quote(path: str) -> str:
    return path.replace("'", "''")


def _check_path(path: str, read_only: bool) -> None:
    target = Path(path)
    if target.is_dir():
        raise StoreError("is a folder", origin=path,
                         remedy=f"give a file name, e.g. {target / 'newsgraph.duckdb'}")
    if not target.parent.is_dir():
        raise StoreError(f"folder {str(target.parent)!r} does not exist", origin=path,
                         remedy="create it, or choose another --db")
    if read_only and not target.exists():
        raise StoreError("no such database", origin=path,
                         remedy="run `newsgraph ingest PATH --db FILE` first, or pass the right --db")


def _translate(exc: duckdb.Error, path: str) -> StoreError:
    text = str(exc)
    lowered = text.lower()
    if "lock" in lowered and ("conflicting" in lowered or "could not set lock" in lowered):
        return StoreError("is in use by another process", origin=path,
                          remedy="wait for the other newsgraph command to finish, or use another --db")
    if "no space left" in lowered or "disk full" in lowered or "not enough space" in lowered:
        return StoreError("disk full: the last article was rolled back", origin=path,
                          remedy="free some space and run the same command again; it resumes")
    if "not a valid duckdb" in lowered or "corrupt" in lowered or "invalid" in lowered and "file" in lowered:
        return StoreError("is not a DuckDB database or is corrupt", origin=path,
                          remedy="choose another --db, or move the file away and ingest again")
    first = text.strip().splitlines()[0] if text.strip() else exc.__class__.__name__
    return StoreError(f"database error: {first}", origin=path)
