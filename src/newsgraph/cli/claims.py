"""`newsgraph claims [--about NAME] [--contradictions]`: the same fact told across sources."""
from __future__ import annotations

import argparse
import json
import sys

from newsgraph.cli.options import add_db_option, add_format_option, open_read, print_rows


def add_command(commands) -> None:
    parser = commands.add_parser(
        "claims", help="figures, events and relations compared across sources: corroborated or contradicted",
        description="Every figure, event and relation is a claim by a claimant (the quote's speaker, "
                    "the cited source, else the outlet). Claims about the same thing are grouped "
                    "(figures by subject, measure, period and unit; events by actor, action, target "
                    "and a 7-day window; relations by subject, predicate and object) and judged: "
                    "corroborated by another outlet, or contradicted (different values, or an "
                    "assertion against a denial). Copies of one story add reach, never "
                    "corroboration. See docs/data-model.md.")
    parser.add_argument("--about", metavar="NAME", help="claims about this entity")
    parser.add_argument("--kind", choices=("figure", "event", "relation"), help="one kind of claim")
    parser.add_argument("--contradictions", action="store_true", help="only contradicted claims")
    parser.add_argument("--since", metavar="DATE", help="claims dated from (YYYY[-MM[-DD]])")
    parser.add_argument("--until", metavar="DATE", help="claims dated up to, inclusive")
    parser.add_argument("--limit", type=int, default=50, help="groups at most (0: all)")
    add_db_option(parser)
    add_format_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.query import claims

    filters = claims.ClaimFilters(about=args.about, kind=args.kind, contradictions=args.contradictions,
                                  since=args.since, until=args.until, limit=args.limit or None)
    with open_read(args) as store:
        groups = claims.claims(store, filters)
    if args.format in ("json", "jsonl"):
        dicts = [g.to_dict() for g in groups]
        if args.format == "json":
            sys.stdout.write(json.dumps(dicts, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
        else:
            sys.stdout.writelines(json.dumps(d, ensure_ascii=False, allow_nan=False) + "\n" for d in dicts)
    else:
        print_rows(claims.as_rows(groups), args.format,
                   title="Contradictions" if args.contradictions else "Claims")
    return 0
