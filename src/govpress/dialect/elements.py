"""``{TAG .class .class2 #id}`` … ``{/TAG}``: wrap blocks of Markdown in an HTML element.

Grammar: see :mod:`govpress.dialect.tag_syntax` (opener and closer alone on their lines). Everything between
an opener and its closer is parsed as Markdown inside the new element; tags nest (``section > department >
statement`` in the corpus). Blank lines inside are allowed. The element is built as a real element, never as
HTML text. Unbalanced tags never get here: :mod:`govpress.dialect.structure_check` reports them first.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.block_lines import find_line
from govpress.dialect.registry import RenderContext
from govpress.dialect.tag_syntax import PHRASING, Opener, has_tag_line, is_tag_line, match_closer, match_opener


class ElementTagProcessor(BlockProcessor):
    """Builds the element of an opener and parses the blocks up to its closer into it."""

    def test(self, parent: Element, block: str) -> bool:
        return has_tag_line(block)

    def run(self, parent: Element, blocks: list[str]) -> bool:
        split = find_line(blocks.pop(0), is_tag_line)
        if split is None:  # pragma: no cover - test() found one
            return False
        if split.before.strip():
            blocks.insert(0, f"{split.line}\n{split.after}" if split.after else split.line)
            self.parser.parseBlocks(parent, [split.before])
            return True
        opener = match_opener(split.line)
        if opener is None:  # a stray closer: the structure check has reported it already
            if split.after.strip():
                blocks.insert(0, split.after)
            return True
        inner, rest = _until_closer(opener, [split.after, *blocks])
        blocks[:] = rest
        element = SubElement(parent, opener.element)
        opener.attributes.apply_to(element.attrib)
        self.parser.parseBlocks(element, [block for block in inner if block.strip()])
        if element.tag in PHRASING and len(element) == 1 and element[0].tag == "p":
            _wrap_in_paragraph(parent, element)
        return True


def _wrap_in_paragraph(parent: Element, element: Element) -> None:
    """``span > p > text`` becomes ``p > span > text`` (the legacy build gave a paragraph holding the span)."""
    paragraph = element[0]
    element.remove(paragraph)
    element.text, paragraph.text = paragraph.text, None
    element.extend(list(paragraph))
    for child in list(paragraph):
        paragraph.remove(child)
    index = list(parent).index(element)
    parent.remove(element)
    paragraph.append(element)
    parent.insert(index, paragraph)


def _until_closer(opener: Opener, blocks: list[str]) -> tuple[list[str], list[str]]:
    """The blocks inside ``opener`` and the blocks after its closer (to the end when it has none)."""
    depth = 0
    for block_index, block in enumerate(blocks):
        lines = block.split("\n")
        for line_index, line in enumerate(lines):
            if match_closer(line) == opener.name:
                if depth == 0:
                    inside = [*blocks[:block_index], "\n".join(lines[:line_index])]
                    after = "\n".join(lines[line_index + 1 :])
                    return inside, ([after] if after.strip() else []) + blocks[block_index + 1 :]
                depth -= 1
            elif "{" in line and _opens(line, opener.name):
                depth += 1
    return blocks, []


def _opens(line: str, name: str) -> bool:
    opener = match_opener(line)
    return opener is not None and opener.name == name


def make_element_tags(md: markdown.Markdown, context: RenderContext) -> ElementTagProcessor:
    return ElementTagProcessor(md.parser)
