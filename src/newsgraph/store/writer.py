"""The single writer: a background thread that applies writes in submission order.

Extraction is CPU-bound Python; a commit mostly waits for the disk (the write-ahead log is
synced). Writing on one background thread overlaps the two, so the database adds little to
an ingest's wall time. Every article is still exactly one transaction, written in order,
and the queue is bounded so a slow disk slows extraction down instead of filling memory.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

QUEUE_SIZE = 32  # articles waiting at most: what a kill -9 can cost, redone by the next run


class Writer:
    """Runs `submit`ted writes on one thread; `close()` waits for them and re-raises a failure."""

    def __init__(self, size: int = QUEUE_SIZE) -> None:
        self._queue: queue.Queue = queue.Queue(size)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="newsgraph-writer", daemon=True)
        self._thread.start()

    def submit(self, write: Callable[..., Any], *args: Any,
               done: Callable[[Any], None] | None = None) -> None:
        """Queue `write(*args)`; `done(result)` runs on the writer thread after it succeeds."""
        self._raise()
        self._queue.put((write, args, done))

    def close(self) -> None:
        """Wait for every queued write; raise the first error one of them met."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # after a failure, drain without writing: the run is over
            write, args, done = item
            try:
                result = write(*args)
                if done is not None:
                    done(result)
            except BaseException as exc:  # handed to the submitting thread, never lost
                self._error = exc
