"""`newsgraph stance --actor NAME | --speaker NAME | --matrix NAME...`: who stands where."""
from __future__ import annotations

import argparse

from newsgraph.cli.options import add_db_option, add_format_option, open_read, print_rows
from newsgraph.errors import ConfigError


def add_command(commands) -> None:
    parser = commands.add_parser(
        "stance", help="who speaks for and against an actor, whom a speaker backs, a speaker x actor matrix",
        description="Stances come from coded events (X praised Y, X condemned Y) and from what "
                    "speakers say about actors in their quotes; each row counts support, oppose "
                    "(and with --include-neutral, neutral) statements, their mean score (-1..+1) "
                    "and the strongest sentence. --matrix A B C --format csv writes the mean score "
                    "of every speaker toward each of the actors.")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--actor", metavar="NAME", help="who speaks for and against NAME")
    who.add_argument("--speaker", metavar="NAME", help="whom NAME supports and opposes")
    who.add_argument("--matrix", metavar="NAME", nargs="+", help="speakers x these actors, mean scores")
    parser.add_argument("--since", metavar="DATE", help="from this date (YYYY[-MM[-DD]]), inclusive")
    parser.add_argument("--until", metavar="DATE", help="up to this date, inclusive")
    parser.add_argument("--include-neutral", action="store_true",
                        help="count statements that take no side too")
    parser.add_argument("--limit", type=int, default=50, help="rows at most (0: all)")
    add_db_option(parser)
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.query import stance

    filters = stance.StanceFilters(since=args.since, until=args.until,
                                   include_neutral=args.include_neutral, limit=args.limit or None)
    with open_read(args) as store:
        if args.actor:
            rows, title = stance.toward(store, args.actor, filters), f"Stance toward {args.actor}"
        elif args.speaker:
            rows, title = stance.held_by(store, args.speaker, filters), f"Stance of {args.speaker}"
        else:
            if len(set(args.matrix)) != len(args.matrix):
                raise ConfigError("--matrix names an actor twice", remedy="name each actor once")
            rows, title = stance.matrix(store, args.matrix, filters), "Stance matrix (mean score)"
    print_rows(rows, args.format, title=title)
    return 0
