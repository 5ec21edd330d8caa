"""What a build reports: where it wrote, how many pages and files, what it found, how long it took.

Light on purpose: a build with nothing to do reports the last build's findings without importing the build
(:mod:`govpress.site.nothing_to_do`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govpress.problems import Findings, Problem


@dataclass(frozen=True)
class BuildReport(Findings):
    """What a build did: where, how many pages and files, what it found, how long it took."""

    out: Path
    pages: int
    files: int
    rendered: int
    problems: tuple[Problem, ...]
    seconds: float
    written: bool
    strict: bool = False

    def failed(self, strict: bool | None = None) -> bool:
        """Any error, or any warning when ``strict`` (default: as the build was asked)."""
        return super().failed(self.strict if strict is None else strict)
