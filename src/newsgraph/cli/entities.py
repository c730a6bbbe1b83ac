"""`newsgraph entities merge|split|rename|decisions|undo`: the analyst corrects entity resolution.

Every decision is stored in the database with who took it and when, holds for articles
ingested later, and can be undone (resolve/curation.py).
"""
from __future__ import annotations

import argparse

from newsgraph.cli.options import add_db_option, add_format_option


def add_command(commands) -> None:
    parser = commands.add_parser(
        "entities", help="merge, split or rename entities; list and undo those decisions",
        description="Fix what entity resolution got wrong. ENTITY is an id, a name or an alias; "
                    "a name that fits several entities lists them, then give the id. Decisions "
                    "are kept in the database (who, when), hold for later ingests, and undo.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    merge = actions.add_parser("merge", help="KEEP and OTHER are one entity (KEEP's id and name stay)")
    merge.add_argument("keep", metavar="KEEP")
    merge.add_argument("other", metavar="OTHER")
    split = actions.add_parser("split", help="the articles where ENTITY goes by NAME get an entity of their own")
    split.add_argument("entity", metavar="ENTITY")
    split.add_argument("--alias", required=True, metavar="NAME")
    rename = actions.add_parser("rename", help="give ENTITY the display name NAME")
    rename.add_argument("entity", metavar="ENTITY")
    rename.add_argument("name", metavar="NAME")
    listing = actions.add_parser("decisions", help="every decision: what, who, when, active or undone")
    undo = actions.add_parser("undo", help="undo decision ID (default: the latest active one)")
    undo.add_argument("id", nargs="?", type=int, metavar="ID")
    for sub in (merge, split, rename, listing, undo):
        sub.add_argument("--who", metavar="NAME", help="who decides (default: NEWSGRAPH_USER, else the login name)")
        add_db_option(sub)
        add_format_option(sub)
        sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.cli._entities_run import run as decide
    return decide(args)
