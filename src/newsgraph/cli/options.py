"""Options shared by the commands that read the corpus database: --db and --format."""
from __future__ import annotations

import argparse
import csv
import sys
from typing import IO, TYPE_CHECKING, Any

from newsgraph.settings import load_settings

if TYPE_CHECKING:  # imported where used: the parser must not load rich or DuckDB
    from rich.console import Console
    from rich.table import Table

    from newsgraph.store import Rows, Store

FORMATS = ("table", "json", "jsonl", "csv")
MAX_CELL = 160   # characters a table cell shows before it is cut (csv and json keep everything)
LONG_TEXT = 40   # a column with longer cells is text that folds; shorter ones stay on one line
SHORT_COLUMN = 24
MIN_WIDE = 20
# Columns a table for people leaves out (csv and json keep them): ids and offsets are for programs.
FOR_PROGRAMS = frozenset({"speaker_id", "actor_id", "target_id", "subject_id", "object_id", "start",
                          "end", "confidence", "document", "local_id", "doc"})


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
    from newsgraph.store import Store

    return Store.open(db_path(args), read_only=True, write_into=write_into)


def print_rows(rows: Rows, fmt: str, *, title: str | None = None, stream: IO[str] | None = None) -> None:
    from newsgraph.model.json_text import dumps

    out = stream or sys.stdout
    if fmt == "json":
        out.write(dumps(rows.dicts(), indent=1) + "\n")
    elif fmt == "jsonl":
        for row in rows.dicts():
            out.write(dumps(row) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(rows.columns)
        writer.writerows([_raw(v) for v in row] for row in rows.rows)
    else:
        screen = console(out)
        screen.print(rich_table(rows, title, hide=FOR_PROGRAMS, width=screen.width))
        if any(len(_cell(v)) > MAX_CELL for row in rows.rows for v in row):
            screen.print(f"[dim]cells over {MAX_CELL} characters are cut; --format csv or json "
                         "gives the full text[/dim]")


def console(stream: IO[str]) -> Console:
    """A console as wide as the terminal (at least 100 columns when writing to a file)."""
    from rich.console import Console

    width = Console(file=stream).width
    return Console(file=stream, width=width if stream.isatty() else max(width, 100))


def rich_table(rows: Rows, title: str | None = None, *, hide: frozenset[str] = frozenset(),
               width: int | None = None) -> Table:
    """Short columns (names, numbers, dates) keep their width and never fold one word a line;
    long text columns share what is left of the terminal's width and fold."""
    from rich.table import Table

    width = width or console(sys.stdout).width
    table = Table(title=f"{title} ({len(rows)})" if title else None, title_justify="left")
    keep = [i for i, column in enumerate(rows.columns) if column not in hide]
    natural = {i: max([len(rows.columns[i])] + [len(_short(_cell(r[i]))) for r in rows.rows]) for i in keep}
    short = {i: min(n, SHORT_COLUMN) for i, n in natural.items() if n <= LONG_TEXT}
    wide = [i for i in keep if i not in short]
    room = width - 3 * len(keep) - 1 - sum(short.values())
    share = max(MIN_WIDE, room // len(wide)) if wide else 0
    for i in keep:
        if i in short:
            table.add_column(rows.columns[i], overflow="ellipsis", no_wrap=True, min_width=short[i])
        else:
            table.add_column(rows.columns[i], overflow="fold", width=min(share, natural[i]))
    for row in rows.rows:
        table.add_row(*(_short(_cell(row[i])) for i in keep))
    return table


def _raw(value: Any) -> Any:
    """CSV is for programs: numbers as numbers (21000000000, not 21,000,000,000)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return value


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1].rstrip() + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):  # 21000000000.0 reads as 21,000,000,000, not 2.1e+10
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)
