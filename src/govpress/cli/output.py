"""How the command line shows problems and ends: one place for every command.

Problems go to standard error as ``path:line:column: severity: message``; the exit status is 1
when the run failed (any error, or any warning with ``--strict``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console

from govpress.problems import GovpressError, Problem, Severity, run_failed


def error_console() -> Console:
    """A console on standard error (colours only on a terminal)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def show_problems(problems: Iterable[Problem], console: Console | None = None) -> None:
    """Print each problem on one line of standard error."""
    console = console or error_console()
    for problem in problems:
        style = "bold red" if problem.severity is Severity.ERROR else "yellow"
        console.print(
            f"{problem.location}: [{style}]{problem.severity.value}[/{style}]: {problem.message}",
            markup=True,
            emoji=False,
        )


def finish(problems: list[Problem], strict: bool) -> None:
    """Show the problems and exit 1 when the run failed."""
    show_problems(problems)
    if run_failed(problems, strict):
        sys.exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn :class:`GovpressError` into messages on standard error and exit status 1, never a traceback."""
    try:
        yield
    except GovpressError as error:
        show_problems(error.problems)
        raise SystemExit(1) from None
    except (OSError, UnicodeDecodeError) as error:
        show_problems([Problem.error(str(error))])
        raise SystemExit(1) from None


def fail(message: str) -> None:
    """Stop with one message (for usage mistakes that click cannot see)."""
    raise click.ClickException(message)
