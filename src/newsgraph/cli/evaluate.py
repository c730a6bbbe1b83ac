"""`newsgraph evaluate records|places|quotes`: accuracy against gold (docs/accuracy.md).

Each runs newsgraph's extraction in this process (batched like `newsgraph extract`) on the
gold set's articles, or scores ready-made records given with --records, and prints the
scores: a table for people, one JSON object for programs. --show N adds the first N misses
and the first N false positives, each with the sentence it came from.
"""
from __future__ import annotations

import argparse

from newsgraph.cli.choices import EVAL_SPLITS, EVAL_THRESHOLD


def add_command(commands) -> None:
    parser = commands.add_parser(
        "evaluate", help="score newsgraph against gold: records, places or quotes",
        description="Measure accuracy against annotated articles (docs/accuracy.md).")
    kinds = parser.add_subparsers(dest="gold_kind", required=True, metavar="GOLD")

    records = kinds.add_parser(
        "records", help="every section against *.gold.json files (per-article macro F1, section means)",
        description="Score every *.gold.json in DIR against newsgraph's record of the article its "
                    "`document` names (a text file beside it).")
    records.add_argument("gold", metavar="DIR", help="folder of *.gold.json files and their articles")
    records.set_defaults(run=run_records)

    places = kinds.add_parser(
        "places", help="geocoded toponyms (GeoVirus format): recall, acc@161 km, median error",
        description="Score places against a JSONL of articles with geocoded toponyms: "
                    '{"id", "text", "locations": [{"name", "start", "end", "lat", "lon"}]}.')
    places.add_argument("gold", metavar="FILE.jsonl")
    places.set_defaults(run=run_places)

    quotes = kinds.add_parser(
        "quotes", help="quote attribution on a PolNeAR checkout: content, speaker, end to end",
        description="Score quotes against a checkout of networkdynamics/PolNeAR (brat standoff). "
                    "The test split is for reporting once per release, never for tuning.")
    quotes.add_argument("gold", metavar="DIR", help="the PolNeAR checkout (holds data/<split>/)")
    quotes.add_argument("--split", choices=EVAL_SPLITS, default="dev")
    quotes.add_argument("--threshold", type=float, default=EVAL_THRESHOLD,
                        help="least content overlap for a match (default %(default)s)")
    quotes.set_defaults(run=run_quotes)

    for sub in (records, places, quotes):
        sub.add_argument("--records", metavar="FILE.jsonl", default=None,
                         help="score these extraction records instead of extracting now")
        sub.add_argument("--format", choices=("table", "json"), default="table")
        sub.add_argument("--show", type=int, default=0, metavar="N",
                         help="list the first N misses and the first N false positives")
        sub.add_argument("--save-records", metavar="FILE.jsonl", default=None,
                         help="also write the records extracted now (to rescore them with --records)")
        sub.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")


def run_records(args: argparse.Namespace) -> int:
    from newsgraph.cli._evaluate_run import run_records as run
    return run(args)


def run_places(args: argparse.Namespace) -> int:
    from newsgraph.cli._evaluate_run import run_places as run
    return run(args)


def run_quotes(args: argparse.Namespace) -> int:
    from newsgraph.cli._evaluate_run import run_quotes as run
    return run(args)


__all__ = ["add_command"]
