"""`newsgraph ingest PATH... [--db FILE] [--workers N] [--keep-duplicates]`: build the corpus."""
from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from newsgraph.cli.options import add_db_option, db_path
from newsgraph.ingest import read_inputs
from newsgraph.ingest.readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES
from newsgraph.settings import load_settings
from newsgraph.store import Store


def add_command(commands) -> None:
    parser = commands.add_parser(
        "ingest", help="extract articles into the corpus database",
        description="Read what `extract` reads (files, folders, .jsonl[.gz], - for stdin) and "
                    "store every new article in the database, one transaction per article. "
                    "Re-ingesting the same text adds nothing; an interrupted run resumes.")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    add_db_option(parser)
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for parsing and extraction (the model loads once in each)")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="store near-duplicate copies as ordinary articles")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.corpus import ingest  # the NLP stack loads only for this command
    settings = load_settings().with_overrides(n_process=args.workers, batch_size=args.batch_size)
    path = db_path(args)
    bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                   transient=True, console=Console(file=sys.stderr, quiet=not sys.stderr.isatty()))
    total = _count(args.paths)
    lines = LogLines(total)
    with Store.open(path) as store, bar:
        task = bar.add_task("ingest", total=total)

        def progress(summary) -> None:
            bar.update(task, completed=summary.seen)
            if not sys.stderr.isatty():
                lines(summary.seen)
        summary = ingest(store, read_inputs(args.paths), settings, debug=args.debug,
                         keep_duplicates=args.keep_duplicates, progress=progress)
    _report(summary, path)
    return 1 if summary.skips and not summary.seen - summary.skips else 0


class RateColumn(ProgressColumn):
    """Articles per second, averaged by rich over the last few updates."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "", style="progress.data.speed")


class LogLines:
    """Where stderr is a log rather than a terminal, a plain progress line every minute."""

    EVERY = 60.0

    def __init__(self, total: int | None) -> None:
        self.total, self.started = total, time.monotonic()
        self.last = self.started

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < self.EVERY:
            return
        self.last = now
        rate = done / (now - self.started)
        left = f", about {(self.total - done) / rate / 60:.0f} min left" if self.total and rate else ""
        of = f"/{self.total}" if self.total else ""
        print(f"newsgraph: {done}{of} articles, {rate:.1f} articles/s{left}", file=sys.stderr, flush=True)


READABLE = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES)


def _count(paths: list[str]) -> int | None:
    """How many articles the inputs hold, for the bar's time left (None: cannot tell cheaply)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = [p for p in path.rglob("*") if p.name.lower().endswith(READABLE)] if path.is_dir() else [path]
        for file in files:
            if raw == "-" or not file.is_file():
                return None
            if file.name.lower().endswith(JSONL_SUFFIXES):
                opener = gzip.open if file.name.endswith(".gz") else open
                try:
                    with opener(file, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except (OSError, EOFError):
                    return None
            else:
                total += 1
    return total


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
