"""Problems found in the user's input: values with a location, never tracebacks.

Every stage that reads user input reports what is wrong with it as :class:`Problem` values.
A stage that cannot go on raises :class:`GovpressError`, which carries the problems that stopped it.
Only the command line prints them (``path:line:column: severity: message``) and picks the exit status.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.StrEnum):
    """How bad a problem is. Warnings fail a run only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, and where it is.

    ``path`` is the file (or ``None`` for standard input or a whole run), ``line`` and ``column``
    are 1-based where known. For tabular input ``line`` is the row number in the file and
    ``column`` the column number.
    """

    path: str | None
    line: int | None
    column: int | None
    severity: Severity
    message: str

    @classmethod
    def error(
        cls, message: str, path: Path | str | None = None, line: int | None = None, column: int | None = None
    ) -> Problem:
        return cls(_path_text(path), line, column, Severity.ERROR, message)

    @classmethod
    def warning(
        cls, message: str, path: Path | str | None = None, line: int | None = None, column: int | None = None
    ) -> Problem:
        return cls(_path_text(path), line, column, Severity.WARNING, message)

    @property
    def location(self) -> str:
        """``path:line:column`` with the parts that are known (``<stdin>`` when there is no path)."""
        parts = [self.path or "<stdin>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


def _path_text(path: Path | str | None) -> str | None:
    return None if path is None else str(path)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among ``problems``, in order."""
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The warnings among ``problems``, in order."""
    return [p for p in problems if p.severity is Severity.WARNING]


def run_failed(problems: Iterable[Problem], strict: bool) -> bool:
    """Whether a run with these problems fails: any error, or any warning when ``strict``."""
    found = list(problems)
    return bool(errors_in(found) or (strict and warnings_in(found)))


class Findings:
    """What a value holding a run's ``problems`` says of them: its errors, its warnings, whether the run failed."""

    problems: Sequence[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)

    def failed(self, strict: bool) -> bool:
        """Whether the run fails: any error, or any warning when ``strict``."""
        return run_failed(self.problems, strict)


class GovpressError(Exception):
    """A failure caused by the user's input. It carries the problems that stopped the work."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[GovpressError], tuple[list[Problem]]]:
        return (GovpressError, (self.problems,))  # so it crosses a process pool whole


@dataclass
class ProblemLog(Findings):
    """Collects the problems of one run, in the order they were found (no duplicates).

    Adding is O(1): a set of the problems already listed sits beside the list (rebuilt, once, when someone changed
    the list itself), so 50,000 problems cost no more than 50,000 appends.
    """

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)
    _seen_list: list[Problem] | None = field(default=None, init=False, repr=False, compare=False)
    _seen_count: int = field(default=-1, init=False, repr=False, compare=False)

    def add(self, problem: Problem) -> None:
        if self._seen_list is not self.problems or self._seen_count != len(self.problems):
            self._seen = set(self.problems)
            self._seen_list = self.problems
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)
        self._seen_count = len(self.problems)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)
