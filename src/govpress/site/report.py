"""What a build reports: where it wrote, how many pages and files, what it found, how long it took.

Light on purpose: a build with nothing to do reports the last build's findings without importing the build
(:mod:`govpress.site.nothing_to_do`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govpress.problems import Problem, errors_in, run_failed, warnings_in


@dataclass(frozen=True)
class BuildReport:
    """What a build did: where, how many pages and files, what it found, how long it took."""

    out: Path
    pages: int
    files: int
    rendered: int
    problems: tuple[Problem, ...]
    seconds: float
    written: bool
    strict: bool = False

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)

    def failed(self, strict: bool | None = None) -> bool:
        """Any error, or any warning when ``strict`` (default: as the build was asked)."""
        return run_failed(self.problems, self.strict if strict is None else strict)
