"""How a build's stages overlap, in one place, so that ``site/build.py`` can read as stages run one after another.

with Schedule(jobs=4, output=output) as schedule:
    future = schedule.workers.submit(read_chunk, sources, context)   # CPU work: the process pool
    schedule.write(write_pages, output, pages)                      # files: the writer thread, in order
    schedule.catch_up(4)                                            # ... at most 4 handovers behind
    indexer = schedule.closing(Indexer(output, records))             # left when the schedule ends
    indexing = schedule.alongside(indexer.index, shards)             # another process's work, waited for later
    names = schedule.written()                                       # every file written so far, in order

Three kinds of work run beside the stage that is running:

- **the pool** (:class:`~govpress.site.engine.workers.Workers`): page bodies, generators' preparations and template
  compiling; the pool is shut down by :meth:`Schedule.close_pool` once the last body is in (its processes' memory
  goes with it), or when the schedule ends;
- **the writer**: one thread writes every file the build makes, in the order it was handed them, as soon as it is
  final (the copied files while the pages render, the generated pages while the rest render, the laid-out pages
  while the site is checked); writing is I/O, so it costs the stages little;
- **alongside**: a thread that waits for another process (pagefind indexing the pages) while the site is checked.

Everything handed over is finished (or cancelled, when the build fails) before the ``with`` block ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack
from types import TracebackType
from typing import ParamSpec, TypeVar

from govpress.site.engine.workers import Workers

logger = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class Schedule:
    """The pool, the writer and the thread alongside of one build; use as a context manager."""

    def __init__(self, jobs: int) -> None:
        self.workers = Workers(jobs)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govpress-writer")
        self._alongside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govpress-alongside")
        self._writes: list[Future[Sequence[str]]] = []
        self._resources = ExitStack()

    def write(self, function: Callable[P, Sequence[str]], *args: P.args, **kwargs: P.kwargs) -> None:
        """Write files with ``function(*args)`` (which returns their names) on the writer thread, after what was
        handed to it before."""
        self._writes.append(self._writer.submit(function, *args, **kwargs))

    def catch_up(self, behind: int) -> None:
        """Wait until the writer is at most ``behind`` handovers behind (so what it is handed is not held long)."""
        waiting = [future for future in self._writes if not future.done()]
        for future in waiting[: max(len(waiting) - behind, 0)]:
            future.result()

    def written(self) -> list[str]:
        """Every file written so far, in the order handed over (waiting for the writer; its errors raise here)."""
        return [name for future in self._writes for name in future.result()]

    def alongside(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run ``function(*args)`` on a thread beside the stages (for work done by another process)."""
        return self._alongside.submit(function, *args, **kwargs)

    def closing(self, resource: AbstractContextManager[T]) -> T:
        """Enter ``resource`` (a context manager), left when the schedule ends, after the thread alongside."""
        return self._resources.enter_context(resource)

    def close_pool(self) -> None:
        """Shut the process pool down: no more CPU work goes to it."""
        self.workers.__exit__(None, None, None)

    def __enter__(self) -> Schedule:
        self.workers.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        failed = error is not None
        try:
            self.workers.__exit__(kind, error, traceback)
        finally:
            self._writer.shutdown(wait=True, cancel_futures=failed)
            self._alongside.shutdown(wait=True, cancel_futures=failed)
            self._resources.__exit__(kind, error, traceback)
