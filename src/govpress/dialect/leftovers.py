"""Warnings about text that should not reach readers: unrendered dialect tags and editorial placeholders.

What is reported (each with the file and line it was written at)::

    leftover     := "{" anything "}" still in the text of the rendered HTML (not in code)
    placeholder  := "[insert" … "]"        e.g. [insert graph showing visits since launch]
                  | "**" ["*" | " "]* "[" … "]" ["*" | " "]* "**"     e.g. **[intro]**, ** *[headline options]* **
"""

from __future__ import annotations

import re

from govpress.dialect.outline import LEFTOVER_TAG
from govpress.dialect.source_text import Origin, SourceText
from govpress.problems import Problem

PLACEHOLDER = re.compile(r"\[insert\b[^\]\n]*\]|\*\*[ *]*\[[^\]\n]+\][ *]*\*\*", re.IGNORECASE)


def placeholder_warnings(source: SourceText) -> list[Problem]:
    """A warning for each editorial placeholder in the source lines."""
    problems: list[Problem] = []
    for index, line in enumerate(source.lines):
        if "[" not in line:
            continue
        for found in PLACEHOLDER.finditer(line):
            origin = source.origin(index)
            problems.append(
                Problem.warning(f"editorial placeholder {found.group(0)!r} left in the text", origin.path, origin.line)
            )
    return problems


def leftover_warnings(leftovers: tuple[str, ...], source: SourceText) -> list[Problem]:
    """A warning for each dialect tag left in the output, at the first source line that holds it.

    The source's ``{…}`` texts are indexed in one pass, so thousands of leftovers cost one pass, not one search
    of the whole text each (a leftover the index does not hold, changed by rendering, is searched for)."""
    first_lines: dict[str, Origin] = {}
    for index, line in enumerate(source.lines):
        if "{" in line:
            for found in LEFTOVER_TAG.finditer(line):
                first_lines.setdefault(found.group(0), source.origin(index))
    problems: list[Problem] = []
    for text in dict.fromkeys(leftovers):
        origin = first_lines.get(text) or source.find(text) or Origin(source.origin(0).path, None)
        problems.append(Problem.warning(f"dialect tag {text!r} was not rendered", origin.path, origin.line))
    return problems
