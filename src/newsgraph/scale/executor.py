"""The `Executor` protocol and the local engines: where batches of work run.

An executor maps a picklable function over batches and yields the results in input order,
with a bounded number of batches in flight (so memory stays flat on any corpus size). Each
worker runs `setup` once when it starts (the model load), so it is paid once per worker, not
per batch. When a batch's task itself fails (a worker killed by the OS, a broken pool), the
executor hands `on_error(batch, exc)` back in its place: the job goes on.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from newsgraph.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")
Setup = Callable[[], Any]
OnError = Callable[[Any, BaseException], Any]
ENGINES = ("local", "dask")


class Executor(Protocol):
    """Where batches run. Another engine (Ray, a job queue) is one more class like these."""

    workers: int  # batches that can run at once

    def map(self, fn: Callable[[T], R], batches: Iterable[T], *, on_error: OnError) -> Iterator[R]:
        """`fn(batch)` for every batch, in input order; `on_error(batch, exc)` where a task died."""
        ...

    def close(self) -> None:
        """Stop the workers (and the cluster this executor started)."""
        ...

    def __enter__(self) -> "Executor": ...

    def __exit__(self, *exc: object) -> None: ...


class ContextManaged:
    """`with make_executor(...) as executor:` closes the workers however the block ends."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # type: ignore[attr-defined]


def ordered(submit: Callable[[T], Future], batches: Iterable[T], window: int, *,
            on_error: OnError) -> Iterator[Any]:
    """Submit ahead up to `window` batches, yield results in input order."""
    pending: deque[tuple[T, Future]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield _result(*pending.popleft(), on_error)
    while pending:
        yield _result(*pending.popleft(), on_error)


def _result(batch: T, future: Future, on_error: OnError) -> Any:
    try:
        return future.result()
    except Exception as exc:  # the task died, not an article: the batch becomes skips
        return on_error(batch, exc)


class InlineExecutor(ContextManaged):
    """No pool: batches run in this process (one worker; handy under a debugger)."""

    workers = 1

    def __init__(self, setup: Setup | None = None) -> None:
        if setup is not None:
            setup()

    def map(self, fn: Callable[[T], R], batches: Iterable[T], *, on_error: OnError) -> Iterator[R]:
        for batch in batches:
            try:
                yield fn(batch)
            except Exception as exc:
                yield on_error(batch, exc)

    def close(self) -> None:
        pass


class LocalExecutor(ContextManaged):
    """A pool of worker processes on this machine, each loading the model once."""

    def __init__(self, workers: int, setup: Setup | None = None) -> None:
        self.workers = workers
        self._setup = setup
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: workers start from a clean interpreter, never from a parent holding
        # threads (rich's progress refresh) or a half-used spaCy pipeline.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=self._setup)

    def map(self, fn: Callable[[T], R], batches: Iterable[T], *, on_error: OnError) -> Iterator[R]:
        return ordered(lambda b: self._submit(fn, b), batches, 2 * self.workers + 1, on_error=on_error)

    def _submit(self, fn: Callable[[T], R], batch: T) -> Future:
        try:
            return self.pool.submit(fn, batch)
        except BrokenProcessPool:  # a worker died (its batches in flight became skips): start afresh
            self.pool = self._new_pool()
            return self.pool.submit(fn, batch)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_executor(engine: str = "local", *, workers: int | None = None, scheduler: str | None = None,
                  setup: Setup | None = None) -> Executor:
    """`local` (a process pool; inline for one worker) or `dask` (a LocalCluster, or `scheduler`)."""
    if engine == "dask":
        from newsgraph.scale.dask_engine import DaskExecutor  # dask imports only when asked for

        return DaskExecutor(workers=workers, scheduler=scheduler, setup=setup)
    if engine != "local":
        raise ConfigError(f"unknown engine {engine!r}", remedy=f"use one of {', '.join(ENGINES)}")
    if scheduler:
        raise ConfigError("--scheduler needs --engine dask", remedy="add --engine dask")
    count = workers or multiprocessing.cpu_count()
    return InlineExecutor(setup) if count <= 1 else LocalExecutor(count, setup)
