"""Class shortcuts: ``{pull}``, ``{big-pull}``, ``{fig}``, ``{pull-right}`` give the block before them a class.

Grammar (a whole line, directly after the block it marks, or alone after a blank line)::

    shortcut := "{" ( "pull" | "big-pull" | "fig" | "pull-right" ) "}"

``text\\n{big-pull}`` is ``<p class="big-pull">text</p>``, as the legacy ``{: .big-pull}`` IAL gave. A shortcut
with no block before it is a warning.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.block_lines import find_line, last_child, line_matcher
from govpress.dialect.context import dialect_context
from govpress.dialect.registry import RenderContext
from govpress.dialect.source_text import Origin
from govpress.problems import Problem

SHORTCUT = re.compile(r" {0,3}\{(?P<name>pull|big-pull|fig|pull-right)\}[ \t]*")
_is_shortcut = line_matcher(SHORTCUT)


def add_class(element: Element, css_class: str) -> None:
    """Append ``css_class`` to the classes of ``element``."""
    classes = element.get("class", "").split()
    if css_class not in classes:
        element.set("class", " ".join([*classes, css_class]))


class ClassShortcutProcessor(BlockProcessor):
    """Parses the lines before a shortcut, then gives the element they made the shortcut's class."""

    def __init__(self, parser: BlockParser, context: RenderContext) -> None:
        super().__init__(parser)
        self.context = context

    def test(self, parent: Element, block: str) -> bool:
        return "{" in block and find_line(block, _is_shortcut) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        split = find_line(blocks.pop(0), _is_shortcut)
        found = SHORTCUT.fullmatch(split.line) if split else None
        if split is None or found is None:  # pragma: no cover - test() found it
            return False
        if split.after.strip():
            blocks.insert(0, split.after)
        if split.before.strip():
            self.parser.parseBlocks(parent, [split.before])
        target = last_child(parent)
        if target is None:
            self._warn_nothing_to_mark(split.line.strip())
        else:
            add_class(target, found.group("name"))
        return True

    def _warn_nothing_to_mark(self, shortcut: str) -> None:
        source = dialect_context(self.context).source
        where = source.find(shortcut) or Origin(self.context.path, None)
        message = f"{shortcut} has no block before it to mark"
        self.context.problems.append(Problem.warning(message, where.path, where.line))


def make_class_shortcuts(md: markdown.Markdown, context: RenderContext) -> ClassShortcutProcessor:
    return ClassShortcutProcessor(md.parser, context)
