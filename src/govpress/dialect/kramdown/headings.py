"""ATX and setext headings read the kramdown way, marked for automatic ids.

Grammar (kramdown 2.4)::

    atx_heading    := "#"{1,6} [ " " | "\t" ]* text [ " "* "#"* ] newline   (no space needed: ``##Title``)
    setext_heading := text newline ( "="+ | "-"+ ) newline

Python-Markdown's own heading processors already accept ``##Title``; these subclasses only mark each
heading they build with :data:`HEADER_MARK` so that ``auto_ids`` gives ids to Markdown headings and not
to ``<h2>`` elements written in HTML (kramdown gives ids only to its own headers).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.blockprocessors import HashHeaderProcessor, SetextHeaderProcessor

from govpress.dialect.registry import RenderContext

HEADER_MARK = "data-kramdown-header"
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _mark_new_heading(parent: etree.Element, count: int) -> None:
    for child in parent[count:]:
        if child.tag in HEADING_TAGS:
            child.set(HEADER_MARK, "")


class AtxHeadingProcessor(HashHeaderProcessor):
    """``#``–``######`` headings, with or without a space after the hashes."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        count = len(parent)
        super().run(parent, blocks)
        _mark_new_heading(parent, count)


class SetextHeadingProcessor(SetextHeaderProcessor):
    """Headings underlined with ``===`` or ``---``."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        count = len(parent)
        super().run(parent, blocks)
        _mark_new_heading(parent, count)


def make_atx_headings(md: markdown.Markdown, context: RenderContext) -> AtxHeadingProcessor:
    """Factory: replaces the core ``hashheader`` processor."""
    return AtxHeadingProcessor(md.parser)


def make_setext_headings(md: markdown.Markdown, context: RenderContext) -> SetextHeadingProcessor:
    """Factory: replaces the core ``setextheader`` processor."""
    return SetextHeadingProcessor(md.parser)
