"""Helpers for block processors whose rule is a line that may sit anywhere inside a Python-Markdown block.

Python-Markdown hands block processors chunks of text separated by blank lines. A dialect line such as
``{/div}`` or ``{big-pull}`` often shares a chunk with the paragraph before it, so these processors split the
chunk at that line: the lines before it are parsed first, the line itself is the rule's, the rest goes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from markdown.blockparser import BlockParser

LinePredicate = Callable[[str], bool]


@dataclass(frozen=True)
class SplitBlock:
    """A block cut at one line: the lines ``before`` it, the ``line`` itself and the lines ``after`` it."""

    before: str
    line: str
    after: str


def find_line(block: str, matches: LinePredicate) -> SplitBlock | None:
    """The block cut at its first line for which ``matches`` holds (``None`` when there is none)."""
    lines = block.split("\n")
    for index, line in enumerate(lines):
        if matches(line):
            return SplitBlock("\n".join(lines[:index]), line, "\n".join(lines[index + 1 :]))
    return None


def line_matcher(pattern: re.Pattern[str]) -> LinePredicate:
    """A predicate for lines that ``pattern`` matches in full."""
    return lambda line: pattern.fullmatch(line) is not None


def parse_before(parser: BlockParser, parent: Element, split: SplitBlock, blocks: list[str]) -> None:
    """Parse ``split.before`` into ``parent`` and put ``split.after`` back at the front of ``blocks``."""
    if split.after.strip():
        blocks.insert(0, split.after)
    if split.before.strip():
        parser.parseBlocks(parent, [split.before])


def last_child(parent: Element) -> Element | None:
    """The element just parsed into ``parent``, if any."""
    return parent[-1] if len(parent) else None
