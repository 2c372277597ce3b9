"""Worker processes for :func:`arnews._batch.process`: a pool that survives a dying worker.

Kept apart from :mod:`arnews._batch` so that importing arnews, and running
in one process, never loads ``multiprocessing`` (about a third of the cost of
``import arnews``); :func:`~arnews._batch.process` imports this module the
first time it is asked for more than one worker.

Each worker has a pipe of its own, and the parent reads and writes them all
from one thread. A process pool executor serves the same purpose through a
shared queue, a feeder thread and a manager thread; with chunks of a few
milliseconds of work, their hand-offs cost the parent about as much CPU as a
tenth of a worker, on a machine whose every core is parsing.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import multiprocessing.connection
import multiprocessing.context
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

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

# How long closing the pool waits for a worker to leave after being asked,
# before it is terminated.
_EXIT_GRACE_SECONDS = 5.0


class _PoolBrokenError(Exception):
    """A worker died, or its pipe broke, while chunks were in flight."""


def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _serve(
    connection: multiprocessing.connection.Connection,
    function: Callable[[str], Any],
    warm: bool,
    inherited: list[multiprocessing.connection.Connection],
) -> None:
    """A worker's life: run each chunk that arrives, send its outcomes back, until told to stop."""
    # Ctrl-C reaches the whole process group; the parent handles it and stops
    # the pool, so workers must not die mid-task with a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for pipe_end in inherited:
        pipe_end.close()
    if warm:
        _warm_up(function)
    # A thread takes the chunks off the pipe as they come. Otherwise the parent,
    # sending the next chunk, and this worker, sending a result, could both
    # wait for the other to read once a pipe's buffer is full.
    tasks: queue.SimpleQueue[tuple[int, list[Job]] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(connection, tasks), daemon=True).start()
    while (task := tasks.get()) is not None:
        number, chunk = task
        outcomes = _run_chunk(function, chunk)
        try:
            connection.send((number, outcomes))
        except OSError:  # the parent is gone
            return


def _receive(
    connection: multiprocessing.connection.Connection,
    tasks: queue.SimpleQueue[tuple[int, list[Job]] | None],
) -> None:
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the parent is gone: stop
            task = None
        tasks.put(task)
        if task is None:
            return


class _Worker:
    """One worker process, the parent's end of its pipe and the chunks it holds."""

    def __init__(
        self,
        function: Callable[[str], Any],
        context: multiprocessing.context.BaseContext,
        warm: bool,
        siblings: list[multiprocessing.connection.Connection],
    ) -> None:
        parent_end, child_end = context.Pipe()
        # A forked child inherits every open descriptor: it closes the parent's
        # end of its own pipe and of its siblings' pipes. Holding them, it would
        # never see its input end when the parent is killed, and live on.
        inherited = [parent_end, *siblings] if context.get_start_method() == "fork" else []
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child_end, function, warm, inherited), daemon=True
        )
        self.process.start()
        child_end.close()
        self.connection = parent_end
        self.holding: set[int] = set()

    def ask_to_leave(self) -> None:
        with contextlib.suppress(OSError):  # it is gone already
            self.connection.send(None)

    def leave_by(self, deadline: float) -> None:
        """Wait for the worker to leave until ``time.monotonic()`` reaches ``deadline``; then terminate it."""
        handles: list[Any] = [self.connection, self.process.sentinel]
        while self.process.is_alive():
            left = deadline - time.monotonic()
            ready = multiprocessing.connection.wait(handles, left) if left > 0 else []
            if not ready:
                self.process.terminate()
                break
            if self.connection in ready:
                # A result nobody waits for any more: read it, or a worker
                # blocked on a full pipe would never see the request to leave.
                try:
                    self.connection.recv()
                except (EOFError, OSError):
                    handles = [self.process.sentinel]
        self.process.join()
        self.connection.close()


class _Pool(Generic[T]):
    """Worker processes fed chunks by number; replaced as a whole when one of them dies."""

    def __init__(
        self, function: Callable[[str], T], workers: int, context: multiprocessing.context.BaseContext
    ) -> None:
        self._function = function
        self._size = workers
        self._context = context
        # Forked workers inherit the tables this process built (see process());
        # others build their own before taking work.
        self._warm = context.get_start_method() != "fork"
        self._numbers = itertools.count()
        self._done: dict[int, list[Outcome[T]]] = {}
        self._broken = False
        self._workers = self._start()

    def _start(self) -> list[_Worker]:
        workers: list[_Worker] = []
        for _ in range(self._size):
            siblings = [worker.connection for worker in workers]
            workers.append(_Worker(self._function, self._context, self._warm, siblings))
        return workers

    def submit(self, chunk: list[Job]) -> int:
        """Send ``chunk`` to the worker holding the fewest chunks; return the number of its outcomes."""
        number = next(self._numbers)
        self._collect(timeout=0)
        if not self._broken:
            worker = min(self._workers, key=lambda w: len(w.holding))
            try:
                worker.connection.send((number, chunk))
            except OSError:  # it died since the last look: result() reports it
                self._broken = True
            else:
                worker.holding.add(number)
        return number

    def result(self, number: int) -> list[Outcome[T]]:
        """The outcomes of chunk ``number``, waiting for them if need be.

        Raises:
            _PoolBrokenError: If a worker died since the pool (re)started.
        """
        while number not in self._done:
            if self._broken:
                raise _PoolBrokenError
            self._collect(timeout=None)
        return self._done.pop(number)

    def _collect(self, timeout: float | None) -> None:
        """Read every result that is ready (waiting up to ``timeout`` for one); note a dead worker."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self._workers:
            by_handle[worker.connection] = worker
            by_handle[worker.process.sentinel] = worker
        for handle in multiprocessing.connection.wait(list(by_handle), timeout):
            worker = by_handle[handle]
            if handle is not worker.connection:  # the process ended: it died
                self._broken = True
                continue
            try:
                number, outcomes = worker.connection.recv()
            except (EOFError, OSError):
                self._broken = True
                continue
            worker.holding.discard(number)
            self._done[number] = outcomes

    def restart(self) -> None:
        """Stop every worker (whatever they hold is lost) and start fresh ones."""
        self.close(abandon=True)
        self._done.clear()
        self._broken = False
        self._workers = self._start()

    def close(self, *, abandon: bool) -> None:
        """Stop the workers: at once when their work is ``abandon``-ed, else once they are idle."""
        deadline = time.monotonic() + (0.0 if abandon else _EXIT_GRACE_SECONDS)
        if not abandon:
            for worker in self._workers:
                worker.ask_to_leave()
        for worker in self._workers:
            worker.leave_by(deadline)


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
    in_flight: collections.deque[tuple[list[Job], int]] = collections.deque()
    limit = IN_FLIGHT_PER_WORKER * workers
    try:
        for chunk in _chunks(jobs, chunksize):
            in_flight.append((chunk, pool.submit(chunk)))
            if len(in_flight) >= limit:
                yield from _settle(pool, in_flight, progress)
        while in_flight:
            yield from _settle(pool, in_flight, progress)
    finally:
        # Chunks still in flight here were abandoned (the caller stopped
        # reading, or an error is on its way up): no need to wait for them.
        pool.close(abandon=bool(in_flight))


def _settle(
    pool: _Pool[T], in_flight: collections.deque[tuple[list[Job], int]], progress: Progress | None
) -> list[Outcome[T]]:
    """Wait for the oldest chunk in flight and return its outcomes."""
    chunk, number = in_flight.popleft()
    try:
        outcomes = pool.result(number)
    except _PoolBrokenError:
        outcomes = _recover(pool, in_flight, chunk)
    if progress is not None:
        progress(len(outcomes))
    return outcomes


def _recover(
    pool: _Pool[T], in_flight: collections.deque[tuple[list[Job], int]], chunk: list[Job]
) -> list[Outcome[T]]:
    """After a worker died: rerun ``chunk`` one job at a time to find the culprit.

    Every chunk still in flight died with the pool, so it is resubmitted to
    the fresh one; only a document that kills a worker on its own is reported.
    """
    pool.restart()
    outcomes: list[Outcome[T]] = []
    for job in chunk:
        try:
            outcomes.extend(pool.result(pool.submit([job])))
        except _PoolBrokenError:
            message = "the worker process died while processing this document"
            outcomes.append(Outcome(job.id, error=DocumentError(WORKER_CRASHED, message, job.id)))
            pool.restart()
    for position, (waiting, _) in enumerate(in_flight):
        in_flight[position] = (waiting, pool.submit(waiting))
    return outcomes
