"""Checks the dialect's structure line by line, before any parsing, so every error names a file and line.

What is checked (outside ``{::comment}`` blocks, fenced code and indented code)::

    every opener {name …} has a closer {/name} after it, properly nested   -> else "never closed" at the opener
    every closer {/name} closes the innermost open tag of the same name     -> else "stray" at the closer
    tag attributes and block IALs ({: …}) are well-formed attribute lists   -> else "malformed" at the line
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govpress.dialect.kramdown.attribute_lists import IalSyntaxError, match_block_ial, parse_attribute_list
from govpress.dialect.source_text import SourceText
from govpress.dialect.tag_syntax import match_closer, match_opener
from govpress.problems import GovpressError, Problem

COMMENT_START = re.compile(r"^\{::comment\}")
COMMENT_END = re.compile(r"\{:/comment\}|\{:/\}")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(frozen=True)
class OpenTag:
    name: str
    line: str
    index: int


def check_structure(source: SourceText) -> None:
    """Raise :class:`GovpressError` listing every structural error in ``source``."""
    errors = structure_errors(source)
    if errors:
        raise GovpressError(errors)


def structure_errors(source: SourceText) -> list[Problem]:
    """Every structural error in ``source``, in line order."""
    errors: list[Problem] = []
    stack: list[OpenTag] = []
    for index in checked_lines(source.lines):
        line = source.lines[index]
        if "{" not in line:
            continue
        problem = _check_line(source, index, stack)
        if problem is not None:
            errors.append(problem)
    for tag in stack:
        errors.append(_error(source, tag.index, f"{tag.line.strip()} is never closed (no {{/{tag.name}}} after it)"))
    return sorted(errors, key=lambda p: (p.path or "", p.line or 0))


def _check_line(source: SourceText, index: int, stack: list[OpenTag]) -> Problem | None:
    line = source.lines[index]
    try:
        opener = match_opener(line)
        ial = match_block_ial(line)
        if ial is not None:
            parse_attribute_list(ial)
    except IalSyntaxError as error:
        return _error(source, index, f"malformed attribute list: {error}")
    if opener is not None:
        stack.append(OpenTag(opener.name, line, index))
        return None
    closed = match_closer(line)
    if closed is None:
        return None
    if not stack:
        return _error(source, index, f"stray {{/{closed}}}: there is no open {{{closed} …}} to close")
    if stack[-1].name != closed:
        opened = source.origin(stack[-1].index)
        message = f"{{/{closed}}} does not match {stack[-1].line.strip()} opened at line {opened.line}"
        return _error(source, index, message)
    stack.pop()
    return None


def checked_lines(lines: tuple[str, ...]) -> list[int]:
    """Indexes of the lines the check reads: not in comments, fenced code or indented code."""
    checked: list[int] = []
    in_comment = in_fence = False
    for index, line in enumerate(lines):
        if in_comment or COMMENT_START.match(line):
            in_comment = COMMENT_END.search(line) is None
        elif FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and not line.startswith(("    ", "\t")):
            checked.append(index)
    return checked


def _error(source: SourceText, index: int, message: str) -> Problem:
    origin = source.origin(index)
    return Problem.error(message, origin.path, origin.line)
