"""Checking a whole built site: every HTML page through axe-core and the Nu Html Checker.

Each suite builds its sites once per session and hands each built folder to :func:`axe_report` or
:func:`vnu_report`; a new kind of page (commitments, services) joins by being in a built folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from support.axe import AxeChecker, AxeViolation
from support.serve import serve_folder
from support.tools import ValidatorTools
from support.vnu import VnuMessage, validate_html


def html_pages(folder: Path) -> list[Path]:
    """Every ``.html`` file under ``folder``, in a stable order."""
    return sorted(folder.rglob("*.html"))


def axe_violations(folder: Path, checker: AxeChecker) -> list[AxeViolation]:
    """The axe-core violations of every HTML page of ``folder``, served over HTTP."""
    with serve_folder(folder) as served:
        return [found for page in html_pages(folder) for found in checker.check(served.url_for(page))]


def vnu_errors(folder: Path, tools: ValidatorTools) -> list[VnuMessage]:
    """The Nu Html Checker's errors for every HTML page of ``folder``."""
    return validate_html(html_pages(folder), tools)


def report(title: str, problems: Iterable[object], limit: int = 200) -> str:
    """A failure message: how many problems, then each one (page, rule, element), up to ``limit``."""
    found = [str(problem) for problem in problems]
    lines = [f"{title}: {len(found)} problem(s)", *found[:limit]]
    if len(found) > limit:
        lines.append(f"... and {len(found) - limit} more")
    return "\n".join(lines)
