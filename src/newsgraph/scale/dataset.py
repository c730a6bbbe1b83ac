"""The record tables as a Parquet dataset: one folder per table, one file per batch.

    OUT/documents/20261128T213000123456-1a2b3c-000001.parquet
    OUT/entities/20261128T213000123456-1a2b3c-000001.parquet
    OUT/quotes/...  OUT/figures/...  OUT/relations/...  OUT/events/...  OUT/places/...  OUT/skips/...

Tables come from `ArticleRecord`'s type hints (see `columns.py`): `document` plus the plain
fields (`extractors`) make `documents`; every `tuple[Dataclass, ...]` field is its own table;
Skips make `skips`. Each row carries `doc_id` and `item` (the input's position in its batch,
which keeps two copies of one text apart). A run's files are named by a run id (UTC time to
the microsecond and a random tag) and the batch number, so appending a day of news adds files
and never rewrites one. A batch is written under temporary names and renamed, `documents` and `skips` last:
readers go by those two folders, so a batch cut short by a crash is never half-read.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import uuid
from datetime import datetime, timezone
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.errors import InputError
from newsgraph.model import Article, ArticleRecord, Document, Skip
from newsgraph.scale.columns import arrow_type, from_cell, from_row, hints, to_cell, to_row

KEYS = (pa.field("doc_id", pa.string()), pa.field("item", pa.int32()))
DOCUMENTS, SKIPS = "documents", "skips"
MARKERS = (DOCUMENTS, SKIPS)  # a batch exists once one of these files does
SUFFIX = ".parquet"


@lru_cache(maxsize=1)
def section_tables() -> dict[str, type]:
    """Table name -> row dataclass, for every `tuple[Dataclass, ...]` field of ArticleRecord."""
    tables: dict[str, type] = {}
    for name, hint in hints(ArticleRecord).items():
        args = [a for a in getattr(hint, "__args__", ()) if a is not Ellipsis]
        if len(args) == 1 and dataclasses.is_dataclass(args[0]):
            tables[name] = args[0]
    return tables


@lru_cache(maxsize=1)
def _plain_fields() -> dict[str, Any]:
    """ArticleRecord fields stored beside the document's own columns (today: `extractors`)."""
    return {k: v for k, v in hints(ArticleRecord).items() if k != "document" and k not in section_tables()}


@lru_cache(maxsize=None)
def table_schema(table: str) -> pa.Schema:
    if table == DOCUMENTS:
        columns = {**hints(Document), **_plain_fields()}
    else:
        columns = hints(Skip if table == SKIPS else section_tables()[table])
    return pa.schema([*KEYS, *(pa.field(name, arrow_type(hint)) for name, hint in columns.items())])


def batch_tables(results: Sequence[ArticleRecord | Skip]) -> dict[str, pa.Table]:
    """The Arrow tables of one batch, in input order; tables without rows are left out."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item, result in enumerate(results):
        if isinstance(result, Skip):
            rows[SKIPS].append({"doc_id": None, "item": item, **to_row(result)})
            continue
        keys = {"doc_id": result.document.id, "item": item}
        plain = {k: to_cell(getattr(result, k), hint) for k, hint in _plain_fields().items()}
        rows[DOCUMENTS].append({**keys, **to_row(result.document), **plain})
        for table in section_tables():
            rows[table].extend({**keys, **to_row(entry)} for entry in getattr(result, table))
    return {t: pa.Table.from_pylist(found, schema=table_schema(t)) for t, found in rows.items() if found}


class DatasetWriter:
    """Appends batches to OUT as new Parquet files; never opens an existing file for writing."""

    def __init__(self, out: str | Path, *, run_id: str | None = None) -> None:
        self.out = Path(out)
        # UTC time to the microsecond first, so names sort in the order runs began
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.run_id = run_id or f"{stamp}-{uuid.uuid4().hex[:6]}"
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the dataset folder: {exc}", origin=str(out),
                             remedy="choose a writable --out folder") from None
        self.batches = 0

    def write(self, results: Sequence[ArticleRecord | Skip]) -> str:
        """Write one batch; returns its file name (the same in every table folder)."""
        self.batches += 1
        name = f"{self.run_id}-{self.batches:06d}{SUFFIX}"
        tables = batch_tables(results)
        staged = [(self._stage(t, name, tables[t]), self.out / t / name)
                  for t in sorted(tables, key=lambda t: t in MARKERS)]
        for temporary, final in staged:
            os.replace(temporary, final)
        return name

    def _stage(self, table: str, name: str, data: pa.Table) -> Path:
        folder = self.out / table
        folder.mkdir(exist_ok=True)
        temporary = folder / f".{name}.tmp"  # hidden and not *.parquet: no reader sees it
        pq.write_table(data, temporary, compression="zstd")
        return temporary


def batch_names(root: str | Path) -> list[str]:
    """Complete batches, oldest run first (names start with the run's UTC time); `root` is a
    folder or any fsspec URL (a dataset written by workers to object storage)."""
    fs, base = _fs(root)
    found = set()
    for marker in MARKERS:
        if fs.isdir(f"{base}/{marker}"):
            found |= {PurePosixPath(p).name for p in fs.ls(f"{base}/{marker}", detail=False)
                      if p.endswith(SUFFIX) and not PurePosixPath(p).name.startswith(".")}
    return sorted(found)


def read_dataset(root: str | Path) -> Iterator[ArticleRecord | Skip]:
    """Every record and skip of a dataset, batch by batch, in the order they were written."""
    fs, base = _fs(root)
    if not fs.isdir(f"{base}/{DOCUMENTS}") and not fs.isdir(f"{base}/{SKIPS}"):
        raise InputError("not a newsgraph dataset (no documents/ or skips/ folder)", origin=str(root),
                         remedy="give the --out folder of `newsgraph process`")
    for name in batch_names(root):
        yield from read_batch(root, name)


def read_batch(root: str | Path, name: str) -> list[ArticleRecord | Skip]:
    fs, base = _fs(root)
    tables = {t: _rows_by_item(fs, f"{base}/{t}/{name}") for t in (*MARKERS, *section_tables())}
    found: dict[int, ArticleRecord | Skip] = {}
    for item, (row,) in tables[SKIPS].items():
        found[item] = from_row(Skip, row)
    for item, (row,) in tables[DOCUMENTS].items():
        sections = {t: tuple(from_row(cls, r) for r in tables[t].get(item, ()))
                    for t, cls in section_tables().items()}
        plain = {k: from_cell(row[k], hint) for k, hint in _plain_fields().items() if k in row}
        found[item] = ArticleRecord(document=from_row(Document, row), **sections, **plain)
    return [found[item] for item in sorted(found)]


def _rows_by_item(fs, path: str) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if fs.isfile(path):
        with fs.open(path, "rb") as handle:
            for row in pq.read_table(handle).to_pylist():
                grouped[row.pop("item")].append(row)
    return grouped


def _fs(root: str | Path):
    """The filesystem and path of a dataset folder or URL (local paths need no scheme)."""
    return fsspec.core.url_to_fs(str(root))


class Replay:
    """A dataset in the shape `corpus.ingest` consumes, so `ingest --from DIR` stores without
    parsing again: `articles()` yields the Articles (and Skips) the records were made from, for
    ingest's duplicate gate; `extract(items)` hands back each admitted article's stored record
    in place of `pipeline.extract_records(items, settings)`. A record waits in memory from its
    article's reading to its extraction; one whose article the gate drops waits to the end.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = root
        self._records: dict[tuple[str, str], deque[ArticleRecord]] = defaultdict(deque)

    def articles(self) -> Iterator[Article | Skip]:
        for result in read_dataset(self.root):
            if isinstance(result, Skip):
                yield result
                continue
            article = article_of(result.document)
            self._records[(article.origin, article.text)].append(result)
            yield article

    def extract(self, items: Iterable[Article | Skip]) -> Iterator[ArticleRecord | Skip]:
        for item in items:
            if isinstance(item, Skip):
                yield item
                continue
            waiting = self._records[(item.origin, item.text)]
            record = waiting.popleft()
            if not waiting:
                del self._records[(item.origin, item.text)]
            yield record


def article_of(document: Document) -> Article:
    """The Article a Document was made from (the inverse of `pipeline.document_of`)."""
    generated = hashlib.sha1(document.text.encode("utf-8")).hexdigest()
    return Article(text=document.text, origin=document.origin or "<dataset>",
                   id=None if document.id == generated else document.id, title=document.title,
                   source=document.source, url=document.url, published=document.published,
                   warnings=document.warnings)


def open_dataset(root: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table over the Parquet files, read in place.
    Its SQL reads the dataset's folder and nothing else (no other files, no URLs, no extensions)."""
    connection = duckdb.connect(config={"autoinstall_known_extensions": False,
                                        "autoload_known_extensions": False})
    for folder in sorted(Path(root).iterdir() if Path(root).is_dir() else ()):
        if folder.is_dir() and any(folder.glob(f"*{SUFFIX}")):
            pattern = str(folder / f"*{SUFFIX}").replace("'", "''")
            connection.execute(f'CREATE VIEW "{folder.name}" AS SELECT * FROM '
                               f"read_parquet('{pattern}', union_by_name = true)")
    inside = str(Path(root).resolve()).replace("'", "''")
    for setting in (f"SET allowed_directories = ['{inside}/']", "SET enable_external_access = false",
                    "SET lock_configuration = true"):
        connection.execute(setting)
    return connection


def query_dataset(root: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run SQL over the dataset's tables (documents, entities, quotes, ...): (columns, rows)."""
    with open_dataset(root) as connection:
        cursor = connection.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()
