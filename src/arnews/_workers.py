"""Worker processes for :func:`arnews._batch.process`: a pool that survives a dying worker.

Kept apart from :mod:`arnews._batch` so that importing arnews, and running
in one process, never loads ``multiprocessing`` and ``concurrent.futures``
(about a third of the cost of ``import arnews``); :func:`~arnews._batch.process`
imports this module the first time it is asked for more than one worker.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing.context
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

from arnews._batch import (
    IN_FLIGHT_PER_WORKER,
    WORKER_CRASHED,
    DocumentError,
    Job,
    Outcome,
    Progress,
    _run_chunk,
    _warm_up,
)

__all__ = ["in_workers"]

T = TypeVar("T")


def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and shuts
    # the pool down, so workers must not die mid-task with a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool(Generic[T]):
    """A process pool that replaces itself when a worker dies."""

    def __init__(
        self, function: Callable[[str], T], workers: int, context: multiprocessing.context.BaseContext
    ) -> None:
        self._function = function
        self._workers = workers
        self._context = context
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(self._workers, mp_context=self._context, initializer=_ignore_interrupt)
        # Outside "fork", the executor starts a worker per submit until it has
        # them all. Starting them now, each warming up the function's lazy
        # tables, means no worker is ever started while the pool is breaking
        # (a race that leaves an orphan the interpreter waits for at exit).
        for _ in range(self._workers):
            executor.submit(_warm_up, self._function)
        return executor

    def submit(self, chunk: list[Job]) -> Future[list[Outcome[T]]]:
        try:
            return self._executor.submit(_run_chunk, self._function, chunk)
        except BrokenProcessPool as error:
            # A worker died since the last look: report it where results are read.
            broken: Future[list[Outcome[T]]] = Future()
            broken.set_exception(error)
            return broken

    def restart(self) -> None:
        # Under "fork", wait until the broken pool's threads are gone: the
        # next fork must again happen in a single-threaded process.
        forking = self._context.get_start_method() == "fork"
        self._executor.shutdown(wait=forking, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def in_workers(
    jobs: Iterable[Job],
    function: Callable[[str], T],
    *,
    workers: int,
    chunksize: int,
    progress: Progress | None,
    context: multiprocessing.context.BaseContext,
) -> Iterator[Outcome[T]]:
    """Run ``function`` over ``jobs`` in ``workers`` processes; outcomes in input order.

    At most ``IN_FLIGHT_PER_WORKER * workers`` chunks of ``chunksize`` jobs
    are in flight at once, so memory stays bounded on an endless input.
    """
    pool = _Pool(function, workers, context)
    in_flight: collections.deque[tuple[list[Job], Future[list[Outcome[T]]]]] = collections.deque()
    limit = IN_FLIGHT_PER_WORKER * workers
    try:
        for chunk in _chunks(jobs, chunksize):
            in_flight.append((chunk, pool.submit(chunk)))
            if len(in_flight) >= limit:
                yield from _settle(pool, in_flight, progress)
        while in_flight:
            yield from _settle(pool, in_flight, progress)
    finally:
        pool.close()


def _settle(
    pool: _Pool[T],
    in_flight: collections.deque[tuple[list[Job], Future[list[Outcome[T]]]]],
    progress: Progress | None,
) -> list[Outcome[T]]:
    """Wait for the oldest chunk in flight and return its outcomes."""
    chunk, future = in_flight.popleft()
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        outcomes = _recover(pool, in_flight, chunk)
    if progress is not None:
        progress(len(outcomes))
    return outcomes


def _recover(
    pool: _Pool[T],
    in_flight: collections.deque[tuple[list[Job], Future[list[Outcome[T]]]]],
    chunk: list[Job],
) -> list[Outcome[T]]:
    """After a worker died: rerun ``chunk`` one job at a time to find the culprit.

    Every chunk still in flight died with the pool, so it is resubmitted to
    the fresh one; only a document that kills a worker on its own is reported.
    """
    pool.restart()
    outcomes: list[Outcome[T]] = []
    for job in chunk:
        try:
            outcomes.extend(pool.submit([job]).result())
        except BrokenProcessPool:
            message = "the worker process died while processing this document"
            outcomes.append(Outcome(job.id, error=DocumentError(WORKER_CRASHED, message, job.id)))
            pool.restart()
    for position, (waiting, _) in enumerate(in_flight):
        in_flight[position] = (waiting, pool.submit(waiting))
    return outcomes
