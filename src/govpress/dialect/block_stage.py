"""Python-Markdown's block parser, made faster without changing what it does.

The core :class:`~markdown.blockparser.BlockParser` steps through its block processors once for every block, and each
time asks its registry for them: the registry makes a new list on every such request (about 3 % of a render). The
:class:`QuickBlockParser` asks once a call of :meth:`~QuickBlockParser.parseBlocks` (nested blocks call it again, and
get the list again): nothing registers or removes a block processor while a document is parsed, so each block meets
the same processors in the same order, and the output is the same, byte for byte (the tests render the whole corpus).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.blockparser import BlockParser


class QuickBlockParser(BlockParser):
    """The core block parser, reading its processors once a call (see the module's documentation)."""

    def parseBlocks(self, parent: Element, blocks: list[str]) -> None:  # noqa: N802 (Python-Markdown's name)
        processors = list(self.blockprocessors)
        while blocks:
            for processor in processors:
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


def quicken(md: markdown.Markdown) -> None:
    """Make ``md``'s block parser a :class:`QuickBlockParser` (its processors, state and registry stay as they are:
    each block processor holds the parser it was made with, so the very object is changed, not replaced)."""
    md.parser.__class__ = QuickBlockParser
