"""Where a build's CPU-bound work runs: a process pool for cold builds, this process for small ones.

with Workers(jobs=4) as workers:
    future = workers.submit(render_chunk, sources, context)

With ``jobs <= 1`` (or :meth:`Workers.serial`) ``submit`` runs the call at once and returns a finished future, so
callers are written once for both. The pool's processes are forked where the platform allows it (they start with
everything this process has imported), all of them at the first ``submit``.

A worker never outlives the build: on Linux it asks the kernel to kill it when its parent dies (``prctl(
PR_SET_PDEATHSIG, SIGKILL)``, so a SIGKILL of the build leaves no worker), and it exits at once if its parent is
already gone by the time it starts. Workers ignore Ctrl-C (SIGINT goes to the whole process group): the build
process alone handles it, cancels what is queued and shuts the pool down.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from types import TracebackType
from typing import ParamSpec, TypeVar

logger = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")
PR_SET_PDEATHSIG = 1


class Workers:
    """A process pool of ``jobs`` workers, or none when ``jobs <= 1``; use as a context manager.

    ``inherited``: what each worker runs first, once forked (a closure over values that cannot be pickled, such as
    the site's Jinja2 environments: a forked worker has them already). Such a pool exists only where processes can
    be forked; elsewhere the workers are serial (:attr:`parallel` is false) and the caller does the work itself."""

    def __init__(self, jobs: int, inherited: Callable[[], None] | None = None) -> None:
        self.fork = "fork" in multiprocessing.get_all_start_methods()
        self.jobs = max(1, jobs) if self.fork or inherited is None else 1
        self._inherited = inherited
        self._pool: Executor | None = None

    @classmethod
    def serial(cls) -> Workers:
        return cls(1)

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def submit(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run ``function(*args)`` in a worker (picklable arguments and result), or here and now when serial. The
        workers are started (all of them) at the first call."""
        if not self.parallel:
            return _done(function, *args, **kwargs)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("fork" if self.fork else None),
                initializer=start_worker,
                initargs=(os.getpid(), self._inherited),
            )
            logger.debug("started %d worker processes", self.jobs)
        return self._pool.submit(function, *args, **kwargs)

    def shutdown(self, cancel: bool = False) -> None:
        """Stop the workers, after what they were given (``cancel``: what has not started is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.shutdown(cancel=error is not None)


def start_worker(parent: int, inherited: Callable[[], None] | None = None) -> None:
    """A worker's first act: die with its parent (``parent``: the build's process id), leave Ctrl-C to it; then
    ``inherited`` (:class:`Workers`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                logger.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError) as error:
            logger.debug("no prctl: %s", error)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    if inherited is not None:
        inherited()


def _done(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(function(*args, **kwargs))
    except Exception as error:  # handed to the caller through the future, as a pool would
        future.set_exception(error)
    return future
