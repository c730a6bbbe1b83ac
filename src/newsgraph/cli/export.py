"""`newsgraph export --format jsonl|parquet|csv|graphml|gkg --out PATH`: the corpus for other tools."""
from __future__ import annotations

import argparse
import sys

from newsgraph.cli.options import add_db_option, open_read
from newsgraph.cli.choices import EXPORT_FORMATS


def add_command(commands) -> None:
    parser = commands.add_parser(
        "export", help="write the database as JSONL, Parquet, CSV, GraphML or GDELT GKG",
        description="parquet and csv write one file per table into the folder --out; jsonl "
                    "(one article per line), graphml (actors and their relations and events, "
                    "for Gephi) and gkg (GDELT GKG 2.1 columns) write the file --out. "
                    "See docs/data-model.md.")
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    parser.add_argument("--out", required=True, metavar="PATH")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.export import export

    folder_export = args.format in ("parquet", "csv")  # DuckDB itself writes these files
    with open_read(args, write_into=args.out if folder_export else None) as store:
        written = export(store, args.format, args.out)
    print(f"newsgraph: wrote {len(written)} file(s) to {args.out}", file=sys.stderr)
    return 0
