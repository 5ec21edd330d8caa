"""``{page-break}``: a forced page break in print.

Grammar: a line ``{page-break}`` (alone on its line). It becomes ``<div class="page-break"></div>`` (hidden on
screen; the print style sheet breaks the page there).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.block_lines import find_line, line_matcher, parse_before
from govpress.dialect.registry import RenderContext

_is_page_break = line_matcher(re.compile(r" {0,3}\{page-break\}[ \t]*"))


class PageBreakProcessor(BlockProcessor):
    """Parses the lines before the break, then adds the page-break element."""

    def test(self, parent: Element, block: str) -> bool:
        return "{page-break}" in block and find_line(block, _is_page_break) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        split = find_line(blocks.pop(0), _is_page_break)
        if split is None:  # pragma: no cover - test() found it
            return False
        parse_before(self.parser, parent, split, blocks)
        SubElement(parent, "div", {"class": "page-break"}).text = ""
        return True


def make_page_break(md: markdown.Markdown, context: RenderContext) -> PageBreakProcessor:
    return PageBreakProcessor(md.parser)
