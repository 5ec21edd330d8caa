"""From a ``<table>`` element to its chart element."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from govpress.charts.column import draw_column
from govpress.charts.draw import draw_bars
from govpress.charts.layout import SeriesName, english_series, lay_out_bars
from govpress.charts.table import BAR_CHART, CellText, is_chart_table, plain_text, read_chart_table

_BLOCKS = frozenset({"div", "ul", "li"})


def chart_for_table(
    table: Element, cell_text: CellText = plain_text, series_name: SeriesName = english_series
) -> Element | None:
    """The chart drawn from ``table``, or ``None`` when it is not a chart table or has no rows.

    A pure function: ``table`` is not changed. The chart is a new ``div.mc-chart`` (``aria-hidden``)
    meant to be placed right after the table; the caller keeps the table, which carries the data.
    ``cell_text`` reads a cell's text (the Markdown tree processor passes one that resolves placeholders);
    ``series_name`` names a series the header row leaves unnamed (the page's language: "Series 2", "Cyfres 2").
    """
    if not is_chart_table(table):
        return None
    chart = read_chart_table(table, cell_text)
    if not chart.rows:
        return None
    if chart.has(BAR_CHART):
        layout = lay_out_bars(chart, series_name)
        show_key = len(layout.series_names) > 1 and not chart.has("no-key")
        return break_lines(draw_bars(layout, chart.classes, show_key))
    return break_lines(draw_column(chart))


def break_lines(chart: Element) -> Element:
    """Put each block element (``div``, ``ul``, ``li``) of ``chart`` on its own line, as Python-Markdown does."""
    for element in chart.iter():
        blocks = [child for child in element if child.tag in _BLOCKS]
        if not blocks:
            continue
        element.text = "\n" + (element.text or "")
        for child in blocks:
            child.tail = "\n" + (child.tail or "")
    return chart
