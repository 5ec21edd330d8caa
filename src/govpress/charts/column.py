"""``proportional`` and ``breakdown-chart`` tables drawn as one stacked column.

The legacy site set each first cell's height to its percentage x 4px with JavaScript, which turned the
table into a stacked column. Here each row becomes a block of the column, ``share x 0.25rem`` high
(``proportional``) or of one fixed height (``breakdown-chart`` alone, which only orders its rows), with
the row's text beside it::

    div.mc-chart.proportional.breakdown-chart[aria-hidden=true]
      div.mc-part > span.mc-block.mc-bar-N[style=height] + span.mc-part-label
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from govpress.charts.draw import chart_container, series_class
from govpress.charts.table import PROPORTIONAL, ChartRow, ChartTable
from govpress.charts.values import parse_value

#: Column height per percentage point, as in the legacy site (4px at the default 16px root size).
REM_PER_PERCENT = 0.25
#: The height of each block of a ``breakdown-chart`` that is not ``proportional``.
STEP_HEIGHT_REM = 3.0


def block_height(row: ChartRow, proportional: bool) -> float:
    """The height in rem of a row's block: its share of the column, or one step."""
    if not proportional:
        return STEP_HEIGHT_REM
    share = parse_value(row.label)
    return max(share or 0.0, 0.0) * REM_PER_PERCENT


def draw_column(chart: ChartTable) -> Element:
    """The stacked column of a ``proportional`` / ``breakdown-chart`` table."""
    column = chart_container(chart.classes)
    proportional = chart.has(PROPORTIONAL)
    for number, row in enumerate(chart.rows, start=1):
        part = SubElement(column, "div", {"class": "mc-part"})
        height = f"{block_height(row, proportional):g}rem"
        SubElement(part, "span", {"class": f"mc-block {series_class(number)}", "style": f"height:{height}"})
        texts = [row.label, *(cell.text for cell in row.cells)]
        SubElement(part, "span", {"class": "mc-part-label"}).text = " ".join(text for text in texts if text)
    return column
