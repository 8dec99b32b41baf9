"""Order-preserving, bounded-memory parallel map over worker processes.

``ordered_map`` yields results in the order of its inputs, consumes the input iterator
lazily and keeps at most ``max_pending`` items in flight, so a corpus streams through a
pool in constant memory. With one job it runs in-process through the same function, which
is why the output of ``-j 1`` and ``-j 2`` is byte-identical.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["ordered_map", "resolve_jobs", "usable_cores"]

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """Cores this process may run on (CPU affinity aware), at least 1."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        n = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


def resolve_jobs(jobs: int) -> int:
    """``jobs`` as a worker count: 0 means every usable core; negative is an error."""
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (all usable cores) or a positive number, not {jobs}")
    return usable_cores() if jobs == 0 else jobs


def _context() -> multiprocessing.context.BaseContext:
    # fork shares already-loaded tables copy-on-write and starts fastest; it is only safe
    # while this process has a single thread, otherwise use forkserver (or spawn).
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int = 1,
    *,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    max_pending: int | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item, in input order, using ``jobs`` processes.

    ``fn`` and ``initializer`` must be importable module-level functions. ``initializer``
    runs once per worker (in-process when ``jobs`` is 1). At most ``max_pending`` items
    (default ``2 * jobs + 1``) are submitted but not yet yielded. An exception raised by
    ``fn`` is re-raised here when its result is reached.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield fn(item)
        return
    limit = max(1, max_pending or 2 * jobs + 1)
    pending: deque[Future[R]] = deque()
    executor = ProcessPoolExecutor(
        jobs, mp_context=_context(), initializer=_start_worker, initargs=(initializer, initargs)
    )
    finished = False
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        for f in pending:
            f.cancel()
        if not finished:
            _stop_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what happens next.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now (an error or an interrupt): their results are no longer wanted."""
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()
