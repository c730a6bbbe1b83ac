"""`newsgraph ingest PATH... [--db FILE] [--workers N] [--keep-duplicates]`: build the corpus."""
from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from functools import partial

from newsgraph.cli.options import add_db_option, add_text_column_option, db_path
from newsgraph.errors import ConfigError
from newsgraph.settings import Settings, load_settings


def add_command(commands) -> None:
    parser = commands.add_parser(
        "ingest", help="extract articles into the corpus database",
        description="Read what `extract` reads (files, folders, .jsonl[.gz], - for stdin) and "
                    "store every new article in the database, one transaction per article. "
                    "Re-ingesting the same text adds nothing; an interrupted run resumes.")
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--from", dest="dataset", metavar="URL", default=None,
                        help="load a Parquet dataset written by `newsgraph process` (a folder or an fsspec URL) instead of reading articles")
    add_db_option(parser)
    add_text_column_option(parser)
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for parsing and extraction (the model loads once in each)")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="store near-duplicate copies as ordinary articles")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.cli.progress import LogLines, count_articles, progress_bar
    from newsgraph.corpus import ingest  # the NLP stack loads only for this command
    from newsgraph.store import Store

    if bool(args.paths) == bool(args.dataset):
        raise ConfigError("give either PATH... or --from DIR", remedy="see `newsgraph ingest --help`")
    settings = load_settings().with_overrides(batch_size=args.batch_size)
    path = db_path(args)
    bar = progress_bar("ingesting")
    lines = LogLines(None if args.dataset else count_articles(args.paths))
    with Store.open(path) as store, bar, ExitStack() as stack:
        task = bar.add_task("ingest", total=lines.total)
        items, extract = _source(args, settings, stack)

        def progress(summary) -> None:
            bar.update(task, completed=summary.seen)
            if not sys.stderr.isatty():
                lines(summary.seen)
        summary = ingest(store, items, settings, debug=args.debug, keep_duplicates=args.keep_duplicates,
                         progress=progress, extract=extract)
    _report(summary, path)
    return 1 if summary.skips and not summary.seen - summary.skips else 0


def _source(args: argparse.Namespace, settings: Settings, stack: ExitStack):
    """The articles to ingest and how they become records: a stored Parquet dataset (no parsing),
    worker processes that parse and extract (--workers N), or this process."""
    if args.dataset:
        from newsgraph.scale import Replay
        replay = Replay(args.dataset)
        return replay.articles(), replay.extract
    from newsgraph.ingest import read_inputs

    items = read_inputs(args.paths, text_column=args.text_column)
    if not args.workers or args.workers <= 1:
        return items, None
    from newsgraph.pipeline import process_batch, warm_up
    from newsgraph.scale import make_executor, parallel_records
    executor = stack.enter_context(make_executor("local", workers=args.workers,
                                                 setup=partial(warm_up, settings)))
    work = partial(process_batch, settings=settings)
    return items, lambda admitted: parallel_records(admitted, work, executor, batch_size=settings.batch_size)


def _report(summary, path: str) -> None:
    totals = summary.totals
    print(f"newsgraph: {summary.stored} article(s) added, {summary.already} already stored, "
          f"{summary.duplicates} near-duplicate(s), {summary.skips} skipped "
          f"in {summary.seconds:.1f} s", file=sys.stderr)
    print(f"{path}: {totals.get('documents', 0)} articles, {totals.get('entities', 0)} entities, "
          f"{totals.get('quotes', 0)} quotes, {totals.get('figures', 0)} figures, "
          f"{totals.get('relations', 0)} relations, {totals.get('events', 0)} events, "
          f"{totals.get('duplicates', 0)} duplicates, {totals.get('skips', 0)} skips")
    if summary.skips:
        print("newsgraph: the reasons are in the skips table: "
              "newsgraph sql \"SELECT * FROM skips\"", file=sys.stderr)
