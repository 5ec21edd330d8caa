"""Block inline attribute lists: ``{: .class #id key="value"}`` on a line of its own.

Grammar (kramdown 2.4)::

    block        := lines_before? ial_line lines_after?
    ial_line     := " "{0,3} "{:" attr_list "}" spaces        (see attribute_lists for attr_list)

- An IAL line directly after a block (no blank line between) applies to that block, and so do the IAL
  lines right after it (their classes accumulate): a paragraph, a
  heading, a list, a table, a blockquote, an HTML block parsed into elements, or any element another
  processor built from the lines before it (so dialect elements get their IAL too).
- An IAL line that does not follow a block (it starts a block, after a blank line) applies to the next
  block element, even across a blank line, as kramdown does.
- The reference ``toc`` on a list asks for the table of contents (see ``toc``).

The processor splits the block at the first IAL line, lets the parser turn the lines before it into
elements, and merges the attributes into the element that produced (``parent[-1]``).
"""

from __future__ import annotations

import logging
from xml.etree.ElementTree import Element

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.kramdown.attribute_lists import IalSyntaxError, match_block_ial, parse_attribute_list
from govpress.dialect.kramdown.toc import mark_toc_list
from govpress.dialect.registry import RenderContext
from govpress.problems import Problem

logger = logging.getLogger(__name__)


class BlockIalProcessor(BlockProcessor):
    """Attach block IALs to the block element before (or after) them."""

    def __init__(self, parser: BlockParser, context: RenderContext) -> None:
        super().__init__(parser)
        self.context = context

    def test(self, parent: Element, block: str) -> bool:
        return "{:" in block and any(match_block_ial(line) is not None for line in block.split("\n"))

    def run(self, parent: Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        index = next(i for i, line in enumerate(lines) if match_block_ial(line) is not None)
        body = match_block_ial(lines[index]) or ""
        after = "\n".join(lines[index + 1 :])
        if index > 0:
            before = "\n".join(lines[:index])
            if before.strip():
                self.parser.parseBlocks(parent, [before])
            target = parent[-1] if len(parent) else None
            self._attach(target, body)
            while lines[index + 1 :] and (more := match_block_ial(lines[index + 1])) is not None:
                self._attach(target, more)
                index += 1
            after = "\n".join(lines[index + 1 :])
            if after:
                blocks.insert(0, after)
            return
        following = after or (blocks.pop(0) if blocks else "")
        count = len(parent)
        if following:
            self.parser.parseBlocks(parent, [following])
        self._attach(parent[count] if len(parent) > count else None, body)

    def _attach(self, target: Element | None, body: str) -> None:
        try:
            attributes = parse_attribute_list(body)
        except IalSyntaxError as error:
            self.context.problems.append(Problem.error(str(error), self.context.path))
            return
        if target is None:
            logger.debug("block IAL {:%s} has no block to apply to", body)
            return
        attrib = dict(target.attrib)
        attributes.apply_to(attrib)
        target.attrib.clear()
        target.attrib.update(attrib)
        if "toc" in attributes.refs:
            mark_toc_list(target)


def make_block_ial(md: markdown.Markdown, context: RenderContext) -> BlockIalProcessor:
    """Factory for the registry table."""
    return BlockIalProcessor(md.parser, context)
