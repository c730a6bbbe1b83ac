"""CSV and TSV files: one article per row, its text in a named column.

The text column is `--text-column NAME`, else a column called `text` (or `html`); `id`,
`title`, `source`, `url` and `published` columns are read when present. The file is streamed
row by row; a row the csv module cannot read is a Skip naming its line.
"""
from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.fields import article_from_fields
from newsgraph.ingest.text import SAMPLE, binary_kind, encoding_of
from newsgraph.model import Article, Skip

DELIMITERS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long article is one long field


def read_table(path: Path, text_column: str | None = None) -> Iterator[Article | Skip]:
    origin = str(path)
    with open(path, "rb") as raw:
        head = raw.read(SAMPLE)
        kind = binary_kind(head)
        if kind:
            yield Skip(origin, f"is {kind} (extract its text first)")
            return
        raw.seek(0)
        handle = io.TextIOWrapper(raw, encoding=encoding_of(head) or "utf-8", errors="replace", newline="")
        rows = csv.reader(handle, delimiter=DELIMITERS.get(path.suffix.lower(), ","))
        header = next(rows, None)
        if not header:
            yield Skip(origin, "is empty (give it a header row and one article per row)")
            return
        columns = [name.strip() for name in header]
        try:
            column = _text_column(columns, text_column)
        except InputError as exc:
            yield Skip(origin, f"{exc.reason} ({exc.remedy})")
            return
        yield from _rows(rows, columns, column, origin)


def _text_column(header: list[str], wanted: str | None) -> str:
    """The column holding the text; `text` also when only an `html` column is there (the
    article is then read from the HTML)."""
    if wanted is not None and wanted in header:
        return wanted
    if wanted is None and ("text" in header or "html" in header):
        return "text"
    named = f"no column {wanted!r}" if wanted else "no `text` column"
    raise InputError(f"has {named} (its columns: {', '.join(header[:12])})",
                     remedy="name the article text column with --text-column")


def _rows(rows, header: list[str], column: str, origin: str) -> Iterator[Article | Skip]:
    while True:
        line = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skip(origin, f"not a CSV row ({exc})", line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield article_from_fields(dict(zip(header, row)), f"{origin}:{line}", text_field=column)
        except InputError as exc:
            yield Skip(origin, exc.reason + (f" ({exc.remedy})" if exc.remedy else ""), line)
