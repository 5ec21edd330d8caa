"""Action headings in the strategy: ``####Action NN: Title``.

Grammar (a whole line at the start of a block; exactly four hashes)::

    action_heading := "####Action" " "+ digit digit ":" " "* title

Output (the home page links to ``strategy/#action-NN``; an ``h4``, so it stays out of the table of contents)::

    <h4 id="action-NN" class="section-title"><span class="title-index"><span>Action </span> NN</span>
    <span class="title-text">Title</span></h4>
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.registry import RenderContext

ACTION_HEADING = re.compile(r"####Action +(?P<number>\d\d): *(?P<title>.*?)[ \t]*")


def action_heading(parent: Element, number: str, title: str) -> Element:
    """Append the legacy ``h4#action-NN.section-title`` to ``parent``."""
    heading = SubElement(parent, "h4", {"id": f"action-{number}", "class": "section-title"})
    index = SubElement(heading, "span", {"class": "title-index"})
    label = SubElement(index, "span")
    label.text = "Action "
    label.tail = f" {number}"
    text = SubElement(heading, "span", {"class": "title-text"})
    text.text = title
    return heading


class ActionHeadingProcessor(BlockProcessor):
    """Turns a ``####Action NN: Title`` line at the start of a block into the action heading."""

    def test(self, parent: Element, block: str) -> bool:
        return block.startswith("####Action") and ACTION_HEADING.fullmatch(block.split("\n", 1)[0]) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        first, _, rest = blocks.pop(0).partition("\n")
        found = ACTION_HEADING.fullmatch(first)
        if found is None:  # pragma: no cover - test() matched
            return False
        action_heading(parent, found.group("number"), found.group("title"))
        if rest.strip():
            blocks.insert(0, rest)
        return True


def make_action_headings(md: markdown.Markdown, context: RenderContext) -> ActionHeadingProcessor:
    return ActionHeadingProcessor(md.parser)
