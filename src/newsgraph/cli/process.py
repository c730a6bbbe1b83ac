"""`newsgraph process INPUT... --out DIR [--engine local|dask] [--scheduler ADDRESS] [--workers N]`."""
from __future__ import annotations

import argparse
import sys
from functools import partial

from newsgraph.cli.choices import ENGINES
from newsgraph.cli.options import add_text_column_option
from newsgraph.settings import load_settings


def add_command(commands) -> None:
    parser = commands.add_parser(
        "process", help="extract articles in parallel into a Parquet dataset",
        description="Read what `extract` reads and write the record tables as a Parquet dataset "
                    "under --out (one folder per table; each run adds files, never rewrites "
                    "them). Load it with `newsgraph ingest --from DIR` or query it in place "
                    "with DuckDB. --engine dask starts a local Dask cluster, or uses yours with "
                    "--scheduler tcp://host:8786 (see docs/scaling.md).")
    parser.add_argument("paths", nargs="+", metavar="INPUT")
    parser.add_argument("--out", required=True, metavar="DIR", help="dataset folder (created if missing)")
    parser.add_argument("--engine", choices=ENGINES, default=None,
                        help="local (default): a process pool on this machine; dask: a Dask "
                             "cluster (the default when --scheduler is given)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="a running Dask scheduler, e.g. tcp://host:8786 (implies --engine dask)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: one per CPU; with --scheduler: the cluster's)")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per task")
    add_text_column_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsgraph.cli.progress import progress_bar
    from newsgraph.pipeline import process_batch, warm_up
    from newsgraph.scale import make_executor

    settings = load_settings().with_overrides(batch_size=args.batch_size)
    engine = args.engine or ("dask" if args.scheduler else "local")
    work = partial(process_batch, settings=settings)
    bar = progress_bar(f"processing ({engine})")
    with make_executor(engine, workers=args.workers, scheduler=args.scheduler,
                       setup=partial(warm_up, settings)) as executor, bar:
        task = bar.add_task("process", total=None)
        progress = lambda s: bar.update(task, completed=s.seen)  # noqa: E731
        if "-" in args.paths:  # standard input can only be read here: the client reads it all
            summary = _from_stdin(args, work, executor, settings.batch_size, progress)
            report = _report_batches
        else:
            from newsgraph.scale.partitions import process_partitions
            summary = process_partitions(args.paths, args.out, work, executor, batch_size=settings.batch_size,
                                         text_column=args.text_column, progress=progress)
            report = _report_partitions
    return report(summary, executor.workers)


def _from_stdin(args, work, executor, batch_size: int, progress):
    from newsgraph.ingest import read_inputs
    from newsgraph.scale import process_corpus

    return process_corpus(read_inputs(args.paths, text_column=args.text_column), args.out, work,
                          executor, batch_size=batch_size, progress=progress)


def _report_partitions(summary, workers: int) -> int:
    """PartitionedSummary: the workers' skips one line each, then the totals and failures."""
    for skip in summary.skips:
        print(f"newsgraph: skipped {skip.message()}", file=sys.stderr)
    _totals(summary, len(summary.skips), f"{summary.partitions} partition(s), "
            f"{summary.already} already complete", workers)
    for failure in summary.failed:
        print(f"newsgraph: error: partition failed: {failure} (rerun to retry it)", file=sys.stderr)
    return 1 if summary.failed or (summary.skips and not summary.records) else 0


def _report_batches(summary, workers: int) -> int:
    """ProcessSummary (standard input): the skips are counted, their reasons are in the dataset."""
    _totals(summary, summary.skips, f"{summary.batches} batch(es)", workers)
    return 1 if summary.skips and not summary.records else 0


def _totals(summary, skipped: int, done: str, workers: int) -> None:
    print(f"newsgraph: {summary.records} record(s), {skipped} skipped, {done} "
          f"in {summary.seconds:.1f} s ({summary.rate:.1f} articles/s on {workers} worker(s))",
          file=sys.stderr)
    print(f"{summary.out}: run {summary.run_id}", file=sys.stderr)
    if skipped:
        print(f"newsgraph: the reasons are in the skips table: "
              f"SELECT * FROM read_parquet('{summary.out}/skips/*.parquet')", file=sys.stderr)
