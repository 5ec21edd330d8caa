"""Reading a chart table: its options (classes), its key (header row) and its rows.

A chart table is an HTML ``<table>`` element whose ``class`` names a chart (``horizontal-bar-chart``,
``proportional``, ``breakdown-chart``). The first cell of each body row is the row's label (for
``proportional`` and ``breakdown-chart`` tables it is the row's share); the other cells are values. The
header row, when there is one, names the series for the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from govpress.charts.values import parse_value

BAR_CHART = "horizontal-bar-chart"
PROPORTIONAL = "proportional"
BREAKDOWN = "breakdown-chart"
CHART_KINDS = frozenset({BAR_CHART, PROPORTIONAL, BREAKDOWN})
#: Every class that changes how a chart is drawn; the drawn chart carries these (and only these) from its table.
CHART_CLASSES = (
    BAR_CHART,
    "mc-stacked",
    "mc-negative",
    "mc-multiple",
    "mc-auto-outdent",
    "mc-outdented",
    "no-key",
    PROPORTIONAL,
    BREAKDOWN,
)

# Python-Markdown's placeholders for stashed raw HTML (STX "wzxhzdk:N" ETX) and escaped characters (STX code ETX).
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
_SPACES = re.compile(r"[ \t\r\n]+")

CellText = Callable[[Element], str]


@dataclass(frozen=True)
class Cell:
    """One value cell: the text as written and the number it shows (``None`` when it shows none)."""

    text: str
    value: float | None


@dataclass(frozen=True)
class ChartRow:
    """One body row: its label (the first cell) and its value cells."""

    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ChartTable:
    """What a chart is drawn from: the table's chart classes, series names and rows."""

    classes: tuple[str, ...]
    series_names: tuple[str, ...]
    rows: tuple[ChartRow, ...]

    def has(self, name: str) -> bool:
        """Whether the table carries the class ``name``."""
        return name in self.classes


def table_classes(table: Element) -> tuple[str, ...]:
    """The classes of an element, in order."""
    return tuple(table.get("class", "").split())


def is_chart_table(table: Element) -> bool:
    """Whether ``table`` is a ``<table>`` that asks to be drawn as a chart."""
    return table.tag == "table" and not CHART_KINDS.isdisjoint(table_classes(table))


def plain_text(cell: Element) -> str:
    """The text of a cell, with Python-Markdown placeholders removed and white space collapsed."""
    return _SPACES.sub(" ", _PLACEHOLDER.sub("", "".join(cell.itertext()))).strip()


def read_chart_table(table: Element, cell_text: CellText = plain_text) -> ChartTable:
    """The rows, key and options of a chart table (rows with no text are skipped)."""
    header, body = _split_rows(table)
    rows = tuple(row for row in (_read_row(cells, cell_text) for cells in body if cells) if not _is_empty(row))
    names = tuple(cell_text(cell) for cell in header[1:])
    return ChartTable(
        classes=tuple(name for name in CHART_CLASSES if name in table_classes(table)),
        series_names=names,
        rows=rows,
    )


def _read_row(cells: list[Element], cell_text: CellText) -> ChartRow:
    texts = [cell_text(cell) for cell in cells]
    return ChartRow(label=texts[0], cells=tuple(Cell(text, parse_value(text)) for text in texts[1:]))


def _is_empty(row: ChartRow) -> bool:
    """Whether every cell of the row is empty (Python-Markdown writes such a row for a table with no body)."""
    return not row.label and not any(cell.text for cell in row.cells)


def _split_rows(table: Element) -> tuple[list[Element], list[list[Element]]]:
    """The header cells (of the first row of ``<thead>``, if any) and the cells of every other row."""
    header: list[Element] = []
    body: list[list[Element]] = []
    for section in _sections(table):
        for row in section.iter("tr"):
            cells = [cell for cell in row if cell.tag in {"td", "th"}]
            if section.tag == "thead" and not header:
                header = cells
            elif section.tag != "thead":
                body.append(cells)
    return header, body


def _sections(table: Element) -> list[Element]:
    """``thead``/``tbody``/``tfoot`` children, or the table itself when its rows sit directly in it."""
    sections = [child for child in table if child.tag in {"thead", "tbody", "tfoot"}]
    return sections or [table]
