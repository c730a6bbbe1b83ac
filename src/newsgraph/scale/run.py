"""Batches of read items -> an executor -> the Parquet dataset, with a progress callback.

The caller passes the work (`pipeline.process_batch` with its settings), so this layer knows
executors and files, not spaCy. Skips from reading never travel to a worker; they are put
back in their place when the batch returns, so a batch's files list its inputs in order.
"""
from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.model import Article, ArticleRecord, Skip
from newsgraph.scale.dataset import DatasetWriter
from newsgraph.scale.executor import Executor

Result = ArticleRecord | Skip
Work = Callable[[list[Article]], list[Result]]


@dataclass
class ProcessSummary:
    """What one `process` run wrote."""

    out: str
    run_id: str
    records: int = 0
    skips: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.records + self.skips

    @property
    def rate(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0


def process_corpus(items: Iterable[Article | Skip], out: str | Path, work: Work, executor: Executor, *,
                   batch_size: int = 32,
                   progress: Callable[[ProcessSummary], None] | None = None) -> ProcessSummary:
    """Run `work` over `items` in batches on `executor`, appending each batch to the dataset `out`."""
    started = time.monotonic()
    writer = DatasetWriter(out)
    summary = ProcessSummary(out=str(out), run_id=writer.run_id)
    for merged in batch_results(items, work, executor, batch_size=batch_size):
        writer.write(merged)
        summary.batches += 1
        summary.skips += sum(isinstance(r, Skip) for r in merged)
        summary.records += len(merged) - sum(isinstance(r, Skip) for r in merged)
        summary.seconds = time.monotonic() - started
        if progress:
            progress(summary)
    summary.seconds = time.monotonic() - started
    return summary


def batch_results(items: Iterable[Article | Skip], work: Work, executor: Executor, *,
                  batch_size: int = 32) -> Iterator[list[Result]]:
    """Each batch's results in input order, reading's skips back in their places."""
    in_flight: deque[list[Article | Skip]] = deque()  # executors answer in input order

    def shipped() -> Iterator[list[Article]]:
        for batch in _batches(items, batch_size):
            in_flight.append(batch)
            yield [item for item in batch if isinstance(item, Article)]

    for results in executor.map(work, shipped(), on_error=_all_skipped):
        yield _merge(in_flight.popleft(), results)


def parallel_records(items: Iterable[Article | Skip], work: Work, executor: Executor, *,
                     batch_size: int = 32) -> Iterator[Result]:
    """Records and Skips one at a time, as `pipeline.extract_records` yields them, made by workers."""
    for batch in batch_results(items, work, executor, batch_size=batch_size):
        yield from batch


def _batches(items: Iterable[Article | Skip], size: int) -> Iterator[list[Article | Skip]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _merge(batch: Sequence[Article | Skip], results: Sequence[Result]) -> list[Result]:
    """Reading's skips back in their places among the workers' results."""
    answers = iter(results)
    return [item if isinstance(item, Skip) else next(answers) for item in batch]


def _all_skipped(articles: list[Article], exc: BaseException) -> list[Result]:
    reason = (f"the worker running this batch failed ({exc.__class__.__name__}: {exc}); "
              "process this input again, alone, to see whether it is the cause")
    return [Skip(article.origin, reason) for article in articles]
