""" "Last updated" dates: the last git commit touching a page's inputs; never a date govpress does not know.

One ``git log`` for the whole project gives every tracked file's last commit date. A file outside git has no date:
its modification time says when it was copied or checked out, not when it was written, so it is never used; a page
made only of such files shows no "Last updated". ``SOURCE_DATE_EPOCH``, when set, is the latest date any page may
show (reproducible builds clamp to it); it is never a date of its own.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileDates:
    """Last commit dates of the tracked files of a project (resolved paths), and the clamp."""

    committed: Mapping[Path, datetime]
    ceiling: datetime | None

    def last_updated(self, paths: Iterable[Path]) -> datetime | None:
        """The newest commit date of the tracked ``paths``, clamped to ``SOURCE_DATE_EPOCH``; ``None`` when none of
        them is tracked."""
        dates = [d for p in paths if (d := self._date(p)) is not None]
        if not dates:
            return None
        newest = max(dates)
        return min(newest, self.ceiling) if self.ceiling is not None else newest

    def _date(self, path: Path) -> datetime | None:
        if not self.committed:  # resolving is slow: only when there is something to look up
            return None
        return self.committed.get(path.resolve())


def file_dates(folder: Path, environ: Mapping[str, str] | None = None) -> FileDates:
    """The dates of every file git tracks under ``folder`` (none outside a repository)."""
    environ = os.environ if environ is None else environ
    return FileDates(_git_dates(folder), _ceiling(environ.get("SOURCE_DATE_EPOCH")))


def _ceiling(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except ValueError:
        logger.warning("SOURCE_DATE_EPOCH=%r is not a number of seconds: ignored", value)
        return None


def _git_dates(folder: Path) -> dict[Path, datetime]:
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        log = _git(folder, "log", "--format=@%cI", "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.CalledProcessError) as error:
        logger.debug("no git dates for %s: %s", folder, error)
        return {}
    return _parse_log(log, Path(top))


def _parse_log(log: str, top: Path) -> dict[Path, datetime]:
    dates: dict[Path, datetime] = {}
    current: datetime | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = datetime.fromisoformat(line[1:]).astimezone(UTC)
        elif line and current is not None:
            dates.setdefault((top / line).resolve(), current)
    return dates


def _git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True, timeout=30)
    return done.stdout


def display_date(when: datetime) -> str:
    """``5 November 2012`` (the day, in UTC)."""
    return f"{when.day} {when:%B %Y}"
