"""Rebuilding a site after writes to the data API (``govpress api serve --site PROJECT``).

A write only marks the site stale; a background thread waits for writes to pause (:data:`QUIET` seconds, but never
more than :data:`LONGEST_WAIT` after the first one), then runs ``govpress build PROJECT`` in a child process, so a
rebuild never delays or fails a write, and a failed build is logged and tried again at the next write. The build is
incremental (only pages whose data changed are rendered) and takes a file lock, so the workers of one server, or
several servers on one machine, never build the same project at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)
QUIET = 0.5
LONGEST_WAIT = 2.0
BUILD_TIMEOUT = 600


class Rebuilder:
    """Rebuilds ``project`` in the background after :meth:`mark` calls, debounced."""

    def __init__(self, project: Path, quiet: float = QUIET, longest_wait: float = LONGEST_WAIT) -> None:
        self.project = project.resolve()
        self.quiet = quiet
        self.longest_wait = longest_wait
        self._changed = threading.Condition()
        self._first: float | None = None
        self._last = 0.0
        self._stopped = False
        self.builds = 0
        self._thread = threading.Thread(target=self._run, name=f"rebuild {self.project}", daemon=True)
        self._thread.start()

    def mark(self, *_: object) -> None:
        """A write happened: rebuild soon. Returns at once."""
        with self._changed:
            now = time.monotonic()
            self._first = self._first if self._first is not None else now
            self._last = now
            self._changed.notify()

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()
        self._thread.join(timeout=BUILD_TIMEOUT)

    def _run(self) -> None:
        while True:
            with self._changed:
                while self._first is None and not self._stopped:
                    self._changed.wait()
                if self._stopped:
                    return
                self._wait_for_quiet()
                self._first = None
            self._build()

    def _wait_for_quiet(self) -> None:
        """Wait (holding the condition) until writes pause or the longest wait has passed."""
        while not self._stopped and self._first is not None:
            now = time.monotonic()
            due = min(self._last + self.quiet, self._first + self.longest_wait)
            if now >= due:
                return
            self._changed.wait(due - now)

    def _build(self) -> None:
        started = time.monotonic()
        with _project_lock(self.project):
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "govpress", "build", str(self.project)],
                    capture_output=True,
                    text=True,
                    timeout=BUILD_TIMEOUT,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                log.error("rebuild of %s failed: %s", self.project, error)
                return
        self.builds += 1
        seconds = time.monotonic() - started
        if result.returncode == 0:
            log.info("rebuilt %s in %.2f s", self.project, seconds)
        else:
            log.error("rebuild of %s failed (exit %d):\n%s", self.project, result.returncode, result.stderr[-4000:])


@contextmanager
def _project_lock(project: Path) -> Iterator[None]:
    """An exclusive lock on a file named after the project, in the temporary folder (not in the project)."""
    digest = hashlib.sha256(str(project).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    with (Path(tempfile.gettempdir()) / f"govpress-rebuild-{digest}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
