"""kramdown tables: rows of cells separated by ``|``, with or without outer pipes.

Grammar (kramdown 2.4, the parts the corpus uses)::

    table      := header_row separator_row { body_row }
    header_row := [ "|" ] cell { "|" cell } [ "|" ]
    separator  := [ "|" ] rule { "|" rule } [ "|" ]
    rule       := [ ":" ] "-"+ [ ":" ]          (":--" left, "--:" right, ":-:" centre)

Alignment is written as kramdown does, ``style="text-align: left"`` (Python-Markdown's own table
processor writes ``text-align: left;``; the style is rewritten here). An IAL line after the table
(``{: .horizontal-bar-chart .mc-stacked }``) is attached by ``block_ial``, before any tree processor
runs, so chart processors see the classes.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.extensions.tables import TableProcessor

from govpress.dialect.registry import RenderContext


class KramdownTableProcessor(TableProcessor):
    """Python-Markdown's table reader, writing alignment the kramdown way."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        count = len(parent)
        super().run(parent, blocks)
        for table in parent[count:]:
            for cell in table.iter():
                style = cell.get("style")
                if style and style.startswith("text-align:"):
                    cell.set("style", style.rstrip(";"))


def make_tables(md: markdown.Markdown, context: RenderContext) -> KramdownTableProcessor:
    """Factory for the registry table."""
    if "|" not in md.ESCAPED_CHARS:
        md.ESCAPED_CHARS.append("|")
    return KramdownTableProcessor(md.parser, {"use_align_attribute": False})
