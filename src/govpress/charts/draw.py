"""Drawing a chart as HTML elements: CSS bars, no JavaScript, hidden from assistive technology.

The chart is a visual copy of the table it follows; the table stays in the page and carries the data for
screen readers, so the chart is ``aria-hidden="true"`` and holds nothing focusable. Markup::

    div.mc-chart.<chart classes>[aria-hidden=true]
      ul.mc-key > li.mc-key-item > span.mc-swatch.mc-bar-N + text     (series names; not with no-key)
      div.mc-row
        div.mc-label                                                  (the row's first cell)
        div.mc-bars [> span.mc-zero]                                  (mc-negative: the zero line)
          div.mc-line > span.mc-bar.mc-bar-N[style=margin-left;width] > span.mc-value
                        [+ span.mc-value.mc-value-outdented] [+ span.mc-total]

``proportional`` / ``breakdown-chart`` tables become a stacked column (see :mod:`govpress.charts.column`).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from govpress.charts.layout import Bar, BarLayout, BarRow
from govpress.charts.values import format_percent

#: How many series styles charts.css defines (``mc-bar-1`` … ``mc-bar-4``); further series reuse them.
SERIES_STYLES = 4


def series_class(series: int) -> str:
    """The CSS class that colours and patterns series ``series`` (1-based)."""
    return f"mc-bar-{(series - 1) % SERIES_STYLES + 1}"


def chart_container(classes: tuple[str, ...]) -> Element:
    """The chart's outer ``div``: ``mc-chart`` plus the table's chart classes, hidden from assistive technology."""
    return Element("div", {"class": " ".join(("mc-chart", *classes)), "aria-hidden": "true"})


def draw_bars(layout: BarLayout, classes: tuple[str, ...], show_key: bool) -> Element:
    """The whole bar chart."""
    chart = chart_container(classes)
    if show_key:
        chart.append(draw_key(layout.series_names))
    for row in layout.rows:
        chart.append(_draw_row(row, layout.zero_at))
    return chart


def draw_key(names: tuple[str, ...]) -> Element:
    """The key: one swatch (same colour and pattern as the bars) and name per series."""
    key = Element("ul", {"class": "mc-key"})
    for series, name in enumerate(names, start=1):
        item = SubElement(key, "li", {"class": f"mc-key-item mc-key-{series}"})
        SubElement(item, "span", {"class": f"mc-swatch {series_class(series)}"}).tail = name
    return key


def _draw_row(row: BarRow, zero_at: float | None) -> Element:
    element = Element("div", {"class": "mc-row"})
    SubElement(element, "div", {"class": "mc-label"}).text = row.label
    bars = SubElement(element, "div", {"class": "mc-bars"})
    if zero_at is not None:
        SubElement(bars, "span", {"class": "mc-zero", "style": f"left:{format_percent(zero_at)}"})
    for number, line in enumerate(row.lines):
        drawn = SubElement(bars, "div", {"class": "mc-line"})
        for bar in line:
            _draw_bar(drawn, bar)
        if row.total is not None and number == len(row.lines) - 1:
            SubElement(drawn, "span", {"class": "mc-total"}).text = row.total
    return element


def _draw_bar(line: Element, bar: Bar) -> None:
    style = f"width:{format_percent(bar.width)}"
    if bar.offset:
        style = f"margin-left:{format_percent(bar.offset)};{style}"
    drawn = SubElement(line, "span", {"class": f"mc-bar {series_class(bar.series)}", "style": style})
    if not bar.show_label:
        return
    if bar.label_inside:
        SubElement(drawn, "span", {"class": "mc-value"}).text = bar.text
    else:
        SubElement(line, "span", {"class": "mc-value mc-value-outdented"}).text = bar.text
