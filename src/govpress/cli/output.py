"""How the command line shows problems and ends: one place for every command.

Problems go to standard error as ``path:line:column: severity: message``; the exit status is 1
when the run failed (any error, or any warning with ``--strict``).

Printing never fails and never alters a problem: lines are built from rich ``Text`` pieces (console markup such as
``[bold]`` or ``[/x]`` and emoji codes such as ``:smile:`` are printed as written); control characters, escape
sequences, bidirectional overrides and lone surrogates (from file names that are not UTF-8) are shown escaped
(``\\x1b``), so a data file can never drive the terminal; characters the stream cannot encode (an ASCII or latin-1
terminal) are shown as ``\\uXXXX``. A closed pipe (``govpress check | head``) ends the run quietly (click's own
handling of ``EPIPE``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import click
from rich.console import Console
from rich.text import Text

from govpress.problems import GovpressError, Problem, Severity, run_failed

# C0 and C1 controls (a newline only where ``keep_newlines``), DEL, bidirectional overrides and isolates, line and
# paragraph separators, lone surrogates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
NEWLINE = re.compile("\n")
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def error_console() -> Console:
    """A console on standard error (colours only on a terminal)."""
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)


def shown(text: str, encoding: str = "utf-8", keep_newlines: bool = False) -> str:
    """``text`` safe to print on a stream in ``encoding``: unsafe characters escaped as Python writes them."""
    safe = UNSAFE.sub(_escape, text)
    if not keep_newlines:
        safe = NEWLINE.sub(_escape, safe)
    return safe.encode(encoding, errors="backslashreplace").decode(encoding)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def problem_line(problem: Problem, encoding: str = "utf-8") -> Text:
    """One problem as a line of styled text (only the severity is styled; nothing in it is read as markup), its
    path as :func:`display_path` shows it."""
    line = Text(no_wrap=True)
    located = problem if problem.path is None else replace(problem, path=display_path(problem.path))
    line.append(shown(located.location, encoding))
    line.append(": ")
    line.append(problem.severity.value, style=STYLES[problem.severity])
    line.append(": ")
    line.append(shown(problem.message, encoding, keep_newlines=True))
    return line


def show_problems(problems: Iterable[Problem], console: Console | None = None) -> None:
    """Print each problem on one line of standard error."""
    console = console or error_console()
    for problem in problems:
        console.print(problem_line(problem, console.encoding), soft_wrap=True)


def say(text: str, console: Console | None = None) -> None:
    """Print one line of plain text (paths, titles and counts; never read as markup) on standard error."""
    console = console or error_console()
    console.print(plain(text, console.encoding), soft_wrap=True)


def display_path(path: str) -> str:
    """An absolute ``path`` inside the current folder shown relative to it, as a user here would write it (a build
    names its files by absolute paths: :func:`~govpress.site.engine.records.project_path`); any other path as it
    is."""
    if not os.path.isabs(path):  # noqa: PTH117 (a string path: the problem's, shown as a string)
        return path
    try:
        here = os.getcwd()  # noqa: PTH109 (compared as a string, as abspath made it)
    except OSError:  # the current folder was removed
        return path
    if path == here:
        return "."
    inside = here.rstrip(os.sep) + os.sep
    return path[len(inside) :] if path.startswith(inside) else path


def plain(text: str, encoding: str = "utf-8") -> Text:
    """``text`` as rich text that prints exactly as written (unsafe characters escaped)."""
    return Text(shown(text, encoding, keep_newlines=True))


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
    except BrokenPipeError:
        raise  # click ends the run quietly
    except OSError as error:
        where = error.filename if isinstance(error.filename, str) else None
        show_problems([Problem.error(error.strerror or str(error), where)])
        raise SystemExit(1) from None
    except UnicodeDecodeError as error:
        show_problems([Problem.error(str(error))])
        raise SystemExit(1) from None


def fail(message: str) -> None:
    """Stop with one message (for usage mistakes that click cannot see)."""
    raise click.ClickException(message)
