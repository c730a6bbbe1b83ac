"""Progress shared by the long-running commands (ingest, process): a rich bar on a terminal,
a plain line a minute in a log."""
from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from newsgraph.ingest.readers import kind_of


def progress_bar(label: str) -> Progress:
    """Articles done, articles per second, time elapsed and left; silent when stderr is no terminal."""
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                    transient=True, console=Console(file=sys.stderr, quiet=not sys.stderr.isatty()))


class RateColumn(ProgressColumn):
    """Articles per second since the first article was done. The first one pays for loading the
    model, and the articles a rerun finds already stored pass in a burst: counting from the
    first completion, and only once a second has passed, keeps either from showing as a rate."""

    MIN_SECONDS = 1.0

    def __init__(self, clock=time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.first: dict[int, tuple[float, float]] = {}   # task id -> (time, count) at first completion

    def render(self, task: Task) -> Text:
        return Text(self.rate(task.id, task.completed), style="progress.data.speed")

    def rate(self, task_id: int, completed: float) -> str:
        now = self.clock()
        if completed <= 0:
            return ""
        started, count = self.first.setdefault(task_id, (now, completed))
        if now - started < self.MIN_SECONDS or completed <= count:
            return ""
        return f"{(completed - count) / (now - started):.1f} articles/s"


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


def count_articles(paths: list[str]) -> int | None:
    """How many articles the inputs hold, for the bar's time left (None: cannot tell cheaply)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        try:
            files = [p for p in path.rglob("*") if kind_of(p.name)] if path.is_dir() else [path]
        except OSError:
            return None
        for file in files:
            kind = kind_of(file.name) or "text"
            if raw == "-" or not file.is_file() or kind in ("json", "table"):
                return None
            if kind == "jsonl":
                opener = gzip.open if file.name.lower().endswith(".gz") else open
                try:
                    with opener(file, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except Exception:  # a corrupt file: the reader names it; the bar just cannot tell
                    return None
            else:
                total += 1
    return total
