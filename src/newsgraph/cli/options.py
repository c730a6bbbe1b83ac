"""Options shared by the commands that read the corpus database: --db and --format."""
from __future__ import annotations

import argparse
import csv
import sys
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from newsgraph.model.json_text import dumps
from newsgraph.settings import load_settings
from newsgraph.store import Rows, Store

FORMATS = ("table", "json", "jsonl", "csv")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", default=None,
                        help="corpus database (default: setting `db`, env NEWSGRAPH_DB, "
                             "else newsgraph.duckdb)")


def add_text_column_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-column", metavar="NAME", default=None,
                        help="the column of .csv/.tsv inputs that holds the article text "
                             "(default: `text`)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table for people; json, jsonl or csv for programs")


def db_path(args: argparse.Namespace) -> str:
    return args.db or load_settings().db


def open_read(args: argparse.Namespace, *, write_into: str | None = None) -> Store:
    """The database opened read-only: queries can never change it, nor read other files.
    `write_into` is the one folder an export may write into."""
    return Store.open(db_path(args), read_only=True, write_into=write_into)


def print_rows(rows: Rows, fmt: str, *, title: str | None = None, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    if fmt == "json":
        out.write(dumps(rows.dicts(), indent=1) + "\n")
    elif fmt == "jsonl":
        for row in rows.dicts():
            out.write(dumps(row) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(rows.columns)
        writer.writerows([_cell(v) for v in row] for row in rows.rows)
    else:
        console(out).print(rich_table(rows, title))


def console(stream: IO[str]) -> Console:
    return Console(file=stream, width=max(Console(file=stream).width, 120))


def rich_table(rows: Rows, title: str | None = None, *, hide: frozenset[str] = frozenset()) -> Table:
    table = Table(title=f"{title} ({len(rows)})" if title else None, title_justify="left")
    keep = [i for i, column in enumerate(rows.columns) if column not in hide]
    for i in keep:
        table.add_column(rows.columns[i], overflow="fold")
    for row in rows.rows:
        table.add_row(*(_cell(row[i]) for i in keep))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):  # 21000000000.0 reads as 21,000,000,000, not 2.1e+10
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)
