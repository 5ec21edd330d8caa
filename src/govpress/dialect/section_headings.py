"""Numbered section headings and annex headings: ``##01 Introduction``, ``##Annex 2 - Title``, ``##Annex - Title``.

Grammar (a whole line, at the start of a block; exactly two hashes)::

    section := "##" digit digit (" " | "\\t")+ title
    annex   := "##Annex" [ " "+ number ] " "+ "-" " "+ title
    number  := digit+

Each becomes ``<h2 class="section-title" id="SLUG"><span class="title-index">INDEX</span>
<span class="title-text">TITLE</span></h2>``: INDEX is ``NN`` for a section, ``Annex NN `` or ``Annex `` (with the
legacy trailing space) for an annex. SLUG is the legacy slug of the trimmed title (:func:`section_slug`).
``###01 x`` (three hashes) is an ordinary heading: the legacy build's unanchored match is fixed.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor

from govpress.dialect.registry import RenderContext

SECTION = re.compile(r"##(?P<index>\d\d)[ \t]+(?P<title>\S.*)")
ANNEX = re.compile(r"##(?P<index>Annex(?: +\d+)?) +- +(?P<title>\S.*)")


def section_slug(title: str) -> str:
    """The legacy slug: lower-cased, trimmed, spaces to ``-``, then every character but ``[A-Za-z0-9_-]`` removed."""
    return re.sub(r"[^\w-]", "", title.lower().strip().replace(" ", "-"), flags=re.ASCII)


def section_title(parent: Element, tag: str, index: str, title: str) -> Element:
    """Append the legacy section-title heading to ``parent``."""
    heading = SubElement(parent, tag, {"class": "section-title", "id": section_slug(title)})
    index_span = SubElement(heading, "span", {"class": "title-index"})
    index_span.text = index
    index_span.tail = " "
    text_span = SubElement(heading, "span", {"class": "title-text"})
    text_span.text = title.strip()
    return heading


def match_section(line: str) -> tuple[str, str] | None:
    """``(index, title)`` of a section or annex heading line, else ``None``."""
    found = SECTION.fullmatch(line.rstrip()) or ANNEX.fullmatch(line.rstrip())
    if found is None:
        return None
    index = found.group("index")
    return (f"{index} " if index.startswith("Annex") else index), found.group("title")


class SectionHeadingProcessor(BlockProcessor):
    """Turns a section or annex heading line at the start of a block into the section-title heading."""

    def test(self, parent: Element, block: str) -> bool:
        return block.startswith("##") and match_section(block.split("\n", 1)[0]) is not None

    def run(self, parent: Element, blocks: list[str]) -> bool:
        first, _, rest = blocks.pop(0).partition("\n")
        found = match_section(first)
        if found is None:  # pragma: no cover - test() matched
            return False
        section_title(parent, "h2", *found)
        if rest.strip():
            blocks.insert(0, rest)
        return True


def make_section_headings(md: markdown.Markdown, context: RenderContext) -> SectionHeadingProcessor:
    return SectionHeadingProcessor(md.parser)
