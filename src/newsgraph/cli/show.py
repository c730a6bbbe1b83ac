"""`newsgraph show [NAME] [--top N]`: an entity's profile; without a name, the most-mentioned actor."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsgraph.cli.options import add_db_option, add_format_option, console, open_read, print_rows, rich_table
from newsgraph.model.json_text import dumps

if TYPE_CHECKING:  # imported where used: the parser must not load DuckDB
    from newsgraph.query import Profile


# Columns left out of the table view (json and csv keep them): ids and offsets are for programs.
BRIEF = frozenset({"speaker_id", "start", "end", "confidence", "document"})


def add_command(commands) -> None:
    parser = commands.add_parser(
        "show", help="profile of an entity: aliases, roles, relations, quotes, figures, events",
        description="NAME is a name, alias or entity id. Without NAME, shows the most-mentioned "
                    "actor (person, organisation, country or group); --top N shows the N most "
                    "mentioned.")
    parser.add_argument("name", nargs="?", metavar="NAME")
    parser.add_argument("--top", type=int, nargs="?", const=1, default=None, metavar="N",
                        help="profiles of the N most-mentioned actors (default 1)")
    parser.add_argument("--limit", type=int, default=20, help="rows per section")
    add_db_option(parser)
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.query import QueryError, profile, top_entities

    with open_read(args) as store:
        if args.name:
            keys = [args.name]
        else:
            keys = [row[0] for row in top_entities(store, args.top or 1).rows]
            if not keys:
                raise QueryError("the database holds no actors yet",
                                 remedy="run `newsgraph ingest PATH` first")
        profiles = [profile(store, key, limit=args.limit) for key in keys]
    for item in profiles:
        _print(item, args.format)
    return 0


def _print(item: Profile, fmt: str) -> None:
    if fmt in ("json", "jsonl"):
        indent = 1 if fmt == "json" else None
        sys.stdout.write(dumps(item.to_dict(), indent=indent) + "\n")
        return
    if fmt == "csv":
        for name, rows in item.sections().items():
            sys.stdout.write(f"# {name}\n")
            print_rows(rows, "csv")
        return
    out = console(sys.stdout)
    e = item.entity
    out.rule(f"[bold]{e['name']}[/bold]  {e['type']}{' · ' + e['country'] if e['country'] else ''}")
    out.print(f"id {e['id']} · {e['mentions']} mentions in {e['documents']} article(s) · "
              f"seen {e['first_seen'] or '-'} to {e['last_seen'] or '-'}")
    out.print(f"aliases: {', '.join(item.aliases) or '-'}")
    for name, rows in item.sections().items():
        if rows.rows:
            out.print(rich_table(rows, name.replace("_", " ").capitalize(), hide=BRIEF))
