"""kramdown tables: rows of cells separated by ``|``, with or without outer pipes.

Grammar (kramdown 2.4, the parts the corpus uses)::

    table      := header_row separator_row { body_row }
    header_row := [ "|" ] cell { "|" cell } [ "|" ]
    separator  := [ "|" ] rule { "|" rule } [ "|" ]
    rule       := [ ":" ] "-"+ [ ":" ]          (":--" left, "--:" right, ":-:" centre)
    body_row   := a row | a separator row, which starts a new <tbody> (kramdown)

An empty cell holds ``&nbsp;``, as in kramdown (but not the empty row Python-Markdown adds to a table
with no body row, where kramdown reads no table at all). Alignment is written as kramdown does,
``style="text-align: left"``; Python-Markdown's own table processor writes ``text-align: left;``.
An IAL line after the table (``{: .horizontal-bar-chart .mc-stacked }``) is attached by ``block_ial``
before any tree processor runs, so chart processors see the classes.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions.tables import TableProcessor

from govpress.dialect.registry import RenderContext

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_SEPARATOR_CHARACTERS = frozenset("|:- \t")


class KramdownTableProcessor(TableProcessor):
    """Python-Markdown's table reader, writing alignment the kramdown way."""

    def test(self, parent: Element, block: str) -> bool:
        """Python-Markdown's test, after a cheap one on the first two lines (a header row holds a pipe, a separator
        row only pipes, colons, dashes and spaces). Its own test splits every line of the block, and processors
        that take one line at a time hand the rest back as a new block: quadratic on long lists of definitions."""
        first, newline, rest = block.partition("\n")
        if not newline or "|" not in first or not set(rest.partition("\n")[0]) <= _SEPARATOR_CHARACTERS:
            return False
        return bool(super().test(parent, block))

    def _split_row(self, row: str) -> list[str]:
        """kramdown: a leading and a trailing pipe are each optional on every row."""
        row = row.strip(" ")
        if row.startswith("|"):
            row = row[1:]
        return split_cells(self.RE_END_BORDER.sub("", row))

    def run(self, parent: Element, blocks: list[str]) -> None:
        count = len(parent)
        header_only = blocks[0].strip("\n").count("\n") < 2
        super().run(parent, blocks)
        for table in parent[count:]:
            split_body_at_separators(table)
            for cell in table.iter():
                style = cell.get("style")
                if style and style.startswith("text-align:"):
                    cell.set("style", style.rstrip(";"))
            _fill_empty_cells(table.find("thead"))
            if not header_only:
                for body in table.iter("tbody"):
                    _fill_empty_cells(body)


def _fill_empty_cells(section: Element | None) -> None:
    """kramdown writes ``&nbsp;`` in an empty cell."""
    for cell in section.iter() if section is not None else ():
        if cell.tag in ("th", "td") and not (cell.text or "").strip() and not len(cell):
            cell.text = "&nbsp;"


def split_cells(row: str) -> list[str]:
    """Split a row (without its outer pipes) at each pipe that is not escaped or inside a code span."""
    if "\\" not in row and "`" not in row:
        return [cell.strip() for cell in row.split("|")]
    cells: list[str] = []
    start = index = 0
    fence = 0
    while index < len(row):
        char = row[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            run = len(row[index:]) - len(row[index:].lstrip("`"))
            fence = 0 if fence == run else (fence or run)
            index += run
            continue
        if char == "|" and not fence:
            cells.append(row[start:index].strip())
            start = index + 1
        index += 1
    cells.append(row[start:].strip())
    return cells


def _is_separator(row: Element) -> bool:
    cells = [(cell.text or "").strip() for cell in row]
    return bool(cells) and all(_SEPARATOR_CELL.match(text) for text in cells) and len(row) == len(list(row.iter())) - 1


def split_body_at_separators(table: Element) -> None:
    """A separator row inside the body starts a new ``<tbody>`` (kramdown); the row itself goes."""
    body = table.find("tbody")
    if body is None or not any(_is_separator(row) for row in body):
        return
    table.remove(body)
    current = SubElement(table, "tbody")
    for row in list(body):
        if not _is_separator(row):
            current.append(row)
        elif len(current):
            current = SubElement(table, "tbody")
    if not len(current):
        table.remove(current)


def make_tables(md: markdown.Markdown, context: RenderContext) -> KramdownTableProcessor:
    """Factory for the registry table."""
    if "|" not in md.ESCAPED_CHARS:
        md.ESCAPED_CHARS.append("|")
    return KramdownTableProcessor(md.parser, {"use_align_attribute": False})
