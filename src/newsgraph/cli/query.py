"""`newsgraph query entities|quotes|figures|relations|events [filters]`: rows from the corpus."""
from __future__ import annotations

import argparse
from dataclasses import replace

from newsgraph.cli.choices import DEFAULT_LIMIT, QUERIES
from newsgraph.cli.options import add_db_option, add_format_option, open_read, print_rows


def add_command(commands) -> None:
    parser = commands.add_parser(
        "query", help="list entities, quotes, figures, relations or events from the database",
        description="Named queries over the corpus database. Names given to --about, --speaker "
                    "and --actor match an entity's name, any alias, or its id.")
    parser.add_argument("what", choices=QUERIES)
    parser.add_argument("--about", metavar="NAME", help="rows about this entity")
    parser.add_argument("--speaker", metavar="NAME", help="quotes said by / figures cited to it")
    parser.add_argument("--actor", metavar="NAME", help="events it does / relations it is subject of")
    parser.add_argument("--type", metavar="T", help="entity type, quote kind, unit, predicate or action")
    parser.add_argument("--since", metavar="DATE", help="from this date (YYYY[-MM[-DD]]), inclusive")
    parser.add_argument("--until", metavar="DATE", help="up to this date, inclusive")
    parser.add_argument("--tone-below", type=float, metavar="T",
                        help="only articles whose tone is below T (GKG sense: positive minus negative %% of words)")
    parser.add_argument("--tone-above", type=float, metavar="T", help="only articles whose tone is above T")
    parser.add_argument("--theme", metavar="THEME",
                        help="only articles with this theme (e.g. armed_conflict, or its GKG name ARMEDCONFLICT)")
    parser.add_argument("--include-negated", action="store_true",
                        help="relations and events: also those the text denies or only supposes "
                             "(by default only reported facts)")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows at most (0: all)")
    add_db_option(parser)
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.query import NAMED, Filters

    filters = Filters(about=args.about, speaker=args.speaker, actor=args.actor, type=args.type,
                      since=args.since, until=args.until, tone_below=args.tone_below,
                      tone_above=args.tone_above, theme=args.theme, limit=args.limit or None)
    if args.include_negated:
        filters = replace(filters, include_negated=True)
    with open_read(args) as store:
        rows = NAMED[args.what](store, filters)
    print_rows(rows, args.format, title=args.what.capitalize())
    return 0
