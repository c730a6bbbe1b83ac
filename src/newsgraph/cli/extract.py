"""`newsgraph extract PATH... [--format json|jsonl|table]`: one record per article."""
from __future__ import annotations

import argparse
import sys

from newsgraph.cli.options import add_text_column_option
from newsgraph.settings import load_settings


def add_command(commands) -> None:
    parser = commands.add_parser(
        "extract", help="extract records from articles and print them",
        description="Read .txt, .md, .html, .json, .jsonl(.gz), .csv/.tsv files, folders or - "
                    "(stdin) and print one "
                    "record per article (spec/extraction.md). json prints an object for one "
                    "article and an array for several; jsonl streams one object per line.")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("json", "jsonl", "table"), default="json")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")
    parser.add_argument("--processes", type=int, default=None, help="processes for nlp.pipe")
    add_text_column_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.cli.output import RecordWriter
    from newsgraph.ingest import read_inputs
    from newsgraph.model import Skip
    from newsgraph.pipeline import extract_records

    settings = load_settings().with_overrides(batch_size=args.batch_size, n_process=args.processes)
    items = read_inputs(args.paths, text_column=args.text_column)
    succeeded = failed = 0
    with RecordWriter(args.format, sys.stdout) as writer:
        for item in extract_records(items, settings, debug=args.debug):
            if isinstance(item, Skip):
                failed += 1
                print(f"newsgraph: skipped {item.message()}", file=sys.stderr)
                continue
            for warning in item.document.warnings:
                print(f"newsgraph: warning: {warning}", file=sys.stderr)
            succeeded += 1
            writer.write(item)
    if failed:
        print(f"newsgraph: {succeeded} article(s) extracted, {failed} skipped", file=sys.stderr)
    return 0 if succeeded else 1
