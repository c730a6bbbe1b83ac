"""`newsgraph sql "SELECT ..."`: read-only SQL over the corpus tables (docs/data-model.md)."""
from __future__ import annotations

import argparse

from newsgraph.cli.options import add_db_option, add_format_option, open_read, print_rows


def add_command(commands) -> None:
    parser = commands.add_parser(
        "sql", help="run one read-only SELECT on the database",
        description="The database is opened read-only and anything but a single SELECT is "
                    "refused. Tables are described in docs/data-model.md.")
    parser.add_argument("statement", metavar="SQL")
    add_db_option(parser)
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.query import run_sql

    with open_read(args) as store:
        rows = run_sql(store, args.statement)
    print_rows(rows, args.format)
    return 0
