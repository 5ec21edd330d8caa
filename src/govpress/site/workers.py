"""Where a build's CPU-bound work runs: a process pool for cold builds, this process for small ones.

with Workers(jobs=4) as workers:
    future = workers.submit(render_chunk, sources, context)

With ``jobs <= 1`` (or :meth:`Workers.serial`) ``submit`` runs the call at once and returns a finished future, so
callers are written once for both. The pool's processes are forked where the platform allows it (they start with
everything this process has imported), all of them at the first ``submit``.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from types import TracebackType
from typing import ParamSpec, TypeVar

logger = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class Workers:
    """A process pool of ``jobs`` workers, or none when ``jobs <= 1``; use as a context manager."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: Executor | None = None

    @classmethod
    def serial(cls) -> Workers:
        return cls(1)

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def submit(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run ``function(*args)`` in a worker (picklable arguments and result), or here and now when serial."""
        if not self.parallel:
            return _done(function, *args, **kwargs)
        if self._pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method))
            logger.debug("started %d worker processes", self.jobs)
        return self._pool.submit(function, *args, **kwargs)

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=error is not None)
            self._pool = None


def _done(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(function(*args, **kwargs))
    except Exception as error:  # handed to the caller through the future, as a pool would
        future.set_exception(error)
    return future
