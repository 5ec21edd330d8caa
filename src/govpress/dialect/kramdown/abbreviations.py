"""kramdown abbreviations (used by the history's sample document).

Grammar (kramdown 2.4)::

    definition := " "{0,3} "*[" abbreviation "]:" [ " " ]* title        (a line of its own; anywhere)
    use        := the abbreviation as a whole word in text (not in code)

Output: ``<abbr title="title">abbreviation</abbr>`` at every use, wherever the definition is.
Definitions are parsed into ``DEFINITION_TAG`` elements where they stand (Python-Markdown's ``abbr``
block reader finds them); the tree processor collects them, removes them and wraps the uses with
Python-Markdown's ``abbr`` tree reader.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockparser import BlockParser
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor

from govpress.dialect.kramdown.extension_tags import remove_elements
from govpress.dialect.registry import RenderContext

DEFINITION_TAG = "kramdown-abbreviation"


class AbbreviationDefinitionProcessor(AbbrBlockprocessor):
    """``*[ABBR]: title`` lines → definition elements in the tree."""

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser, {})

    def test(self, parent: Element, block: str) -> bool:
        return "*[" in block and self.RE.search(block) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool | None:
        self.abbrs.clear()
        found = super().run(parent, blocks)
        for abbreviation, title in self.abbrs.items():
            SubElement(parent, DEFINITION_TAG, {"abbr": abbreviation, "title": title})
        return found


class AbbreviationProcessor(Treeprocessor):
    """Wrap every use of a defined abbreviation in ``<abbr title="…">``."""

    def run(self, root: Element) -> None:
        definitions = {d.get("abbr", ""): d.get("title", "") for d in root.iter(DEFINITION_TAG)}
        remove_elements(root, DEFINITION_TAG)
        if definitions:
            AbbrTreeprocessor(self.md, definitions).run(root)


def make_definitions(md: markdown.Markdown, context: RenderContext) -> AbbreviationDefinitionProcessor:
    """Factory for the registry table."""
    return AbbreviationDefinitionProcessor(md.parser)


def make_abbreviations(md: markdown.Markdown, context: RenderContext) -> AbbreviationProcessor:
    """Factory for the registry table."""
    return AbbreviationProcessor(md)
