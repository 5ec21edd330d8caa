"""Unrendered dialect tags and editorial placeholders in HTML pages (the render API checks Markdown documents).

HTML pages are not run through the dialect (legacy-site.md §1.1), so a ``{div .x}`` or ``[insert …]`` written in
one reaches readers as it is: each is a warning at the first line of the page or partial that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from govpress.dialect.leftovers import PLACEHOLDER
from govpress.dialect.outline import leftovers, plain_text
from govpress.problems import Problem
from govpress.site.sources.locate import SourceFinder

SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def leftover_problems(body: str, sources: Sequence[Path]) -> list[Problem]:
    """A warning for each dialect tag and placeholder left in an HTML page body."""
    finder = SourceFinder()
    visible = SCRIPT_OR_STYLE.sub("", body)
    problems = [
        Problem.warning(f"dialect tag {tag!r} was not rendered", *finder.locate(tag, sources, _first(sources)))
        for tag in dict.fromkeys(leftovers(visible))
    ]
    for found in dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(plain_text(visible))):
        problems.append(
            Problem.warning(
                f"editorial placeholder {found!r} left in the text", *finder.locate(found, sources, _first(sources))
            )
        )
    return problems


def _first(sources: Sequence[Path]) -> Path | None:
    return sources[0] if sources else None
