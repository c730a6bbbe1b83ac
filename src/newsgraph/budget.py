"""A time budget for one article: a runaway extraction becomes a skip, not a hang.

The budget is a real-time alarm (SIGALRM) that raises `OverBudget` in the running code. Python
code stops at its next bytecode; a long call into C (a regular expression, the parser) stops
when it returns. Signals reach only the main thread, so the budget applies in the main thread
of a process (the CLI, and each worker process of `--workers`/`process`) and is not enforced
in other threads (web requests, Dask threads), nor where another alarm is already running.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """Raised when the budget runs out. A BaseException, so that an extractor's own
    `except Exception` cannot swallow it and carry on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def can_enforce() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget inside the block once `seconds` have passed (0 or less: no budget)."""
    if seconds <= 0 or not can_enforce() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(_signum, _frame) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
