"""ATX and setext headings read the kramdown way, marked for automatic ids.

Grammar (kramdown 2.4)::

    atx_heading    := "#"{1,6} [ " " | "\t" ]* text [ "#"+ ] [ " " "{#" id "}" ]   (no space needed: ``##Title``)
    setext_heading := text newline ( "="+ | "-"+ ) newline

- A heading starts a block (kramdown: it must follow a block boundary), so a ``#`` line inside a
  paragraph stays text; the lines after a heading start a new block (``##Title`` then ``* item``),
  except that a heading line right after a heading is paragraph text (``##A`` then ``##B``).
- The text is stripped of ASCII white space only (Ruby's ``rstrip``): no-break spaces stay, and count
  in the automatic id. Closing hashes are dropped; a ``#`` alone is a paragraph.
- ``{#id}`` at the end of the line sets the id.

Each heading is marked with :data:`HEADER_MARK` holding its source text, so that ``auto_ids`` gives
ids to Markdown headings (not to ``<h2>`` elements written in HTML, as kramdown) from that text.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.blockprocessors import BlockProcessor, SetextHeaderProcessor

from govpress.dialect.registry import RenderContext

HEADER_MARK = "data-kramdown-header"
_ATX = re.compile(r"(?P<level>#{1,6})[\t ]*(?P<contents>[^ \t\n].*)")
_HEADER_ID = re.compile(r"[\t ]\{#(?P<id>[A-Za-z_:][\w:.-]*)\}$")
_RUBY_WHITESPACE = " \t\n\v\f\r\0"


def atx_heading(line: str) -> tuple[int, str, str | None] | None:
    """(level, text, id) when ``line`` is an ATX heading, else ``None``."""
    found = _ATX.match(line)
    if not found:
        return None
    text = found.group("contents").rstrip(_RUBY_WHITESPACE)
    id_match = _HEADER_ID.search(text)
    ident = id_match.group("id") if id_match else None
    if id_match:
        text = text[: id_match.start()].rstrip(_RUBY_WHITESPACE)
    without_hashes = _without_closing_hashes(text)
    if without_hashes != text:
        text = without_hashes.rstrip(_RUBY_WHITESPACE)
    return (len(found.group("level")), text, ident) if text else None


def _without_closing_hashes(text: str) -> str:
    """``text`` without the run of ``#`` that ends it, keeping one escaped by a backslash (what ``(?<!\\)#+$``
    removes, in linear time: that expression is quadratic on a long run of ``#`` not at the end)."""
    stripped = text.rstrip("#")
    if stripped == text or not stripped.endswith("\\"):
        return stripped
    return stripped + "#"


class AtxHeadingProcessor(BlockProcessor):
    """``#``-``######`` headings at the start of a block, with or without a space after the hashes."""

    def test(self, parent: Element, block: str) -> bool:
        return block.startswith("#") and atx_heading(block.split("\n", 1)[0]) is not None

    def run(self, parent: Element, blocks: list[str]) -> None:
        first, _, rest = blocks.pop(0).partition("\n")
        heading = atx_heading(first)
        assert heading is not None
        level, text, ident = heading
        element = SubElement(parent, f"h{level}", {HEADER_MARK: text})
        if ident:
            element.set("id", ident)
        element.text = text
        if rest and atx_heading(rest.split("\n", 1)[0]):
            self.parser.blockprocessors["paragraph"].run(parent, [rest])
        elif rest:
            blocks.insert(0, rest)


class SetextHeadingProcessor(SetextHeaderProcessor):
    """Headings underlined with ``===`` or ``---``."""

    def run(self, parent: Element, blocks: list[str]) -> None:
        count = len(parent)
        super().run(parent, blocks)
        for child in parent[count:]:
            if child.tag in ("h1", "h2"):
                child.set(HEADER_MARK, child.text or "")


def make_atx_headings(md: markdown.Markdown, context: RenderContext) -> AtxHeadingProcessor:
    """Factory: replaces the core ``hashheader`` processor."""
    return AtxHeadingProcessor(md.parser)


def make_setext_headings(md: markdown.Markdown, context: RenderContext) -> SetextHeadingProcessor:
    """Factory: replaces the core ``setextheader`` processor."""
    return SetextHeadingProcessor(md.parser)
