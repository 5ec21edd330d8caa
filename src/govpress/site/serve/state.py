"""What ``govpress serve``'s request threads know of the builds: the number of the last one, and its problems while
it failed (shared by the watcher thread and the request threads, behind a lock)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from govpress.problems import Problem, errors_in


@dataclass
class BuildState:
    """The number of the last finished build and, when it had errors, its problems (empty after a good build)."""

    number: int = 0
    problems: tuple[Problem, ...] = ()
    base_path: str = "/"  # the base path (``/`` or ``/sub/``) the last build read: the site is served there
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> int:
        """Count a good build."""
        return self.finish(())

    def finish(self, problems: Iterable[Problem]) -> int:
        """Count a build; keep its problems if it had any error (shown on every page until a good build)."""
        found = tuple(problems)
        with self.lock:
            self.number += 1
            self.problems = found if errors_in(found) else ()
            return self.number
