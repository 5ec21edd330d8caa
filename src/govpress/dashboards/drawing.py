"""What a dashboard module draws, on the server and without JavaScript: its data table (always shown: it carries the
figures), a bar chart drawn from that table by :mod:`govpress.charts` (the site's own chart tables), or an SVG line
chart for time series.

Charts are ``aria-hidden``: a screen reader reads the table. A line chart (``div.dashboard-line-chart``) is one SVG of
fixed proportions: a line per series (broken where a period has no value), a dot per value, the value axis from 0
(or the lowest value, when negative) to a round number above the highest, labelled with the module's format, the
first and last periods under it, the axis labels given in the configuration, and a key when there are several series.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from govpress.charts import chart_for_table

COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#d4351c")  # the bar charts' colours (charts.css)
DASHES = ("", "8 4", "2 3", "10 3 2 3")  # a second cycle of colours gets a dash pattern, so no two lines look alike
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 80, 24, 16, 56
TICKS = 4


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


def html(element: Element) -> str:
    return tostring(element, encoding="unicode", method="html")


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], chart: bool = False) -> Element:
    """A GOV.UK table: ``headers`` (the first names the row labels), one row per item (its first cell a row header,
    the others numeric). With ``chart`` it is a chart table (``horizontal-bar-chart``) for :func:`bar_chart`."""
    classes = "govuk-table horizontal-bar-chart" if chart else "govuk-table"
    table = Element("table", {"class": classes})
    SubElement(table, "caption", {"class": "govuk-table__caption govuk-table__caption--s"}).text = caption
    head = SubElement(SubElement(table, "thead", {"class": "govuk-table__head"}), "tr", {"class": "govuk-table__row"})
    for number, text in enumerate(headers):
        numeric = " govuk-table__header--numeric" if number else ""
        SubElement(head, "th", {"scope": "col", "class": f"govuk-table__header{numeric}"}).text = text
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for cells in rows:
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        SubElement(row, "th", {"scope": "row", "class": "govuk-table__header"}).text = cells[0]
        for text in cells[1:]:
            SubElement(row, "td", {"class": "govuk-table__cell govuk-table__cell--numeric"}).text = text
    return table


def text_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A plain table of any cells (the ``table`` module): ``numeric`` says which columns are figures."""
    table = Element("table", {"class": "govuk-table"})
    SubElement(table, "caption", {"class": "govuk-table__caption govuk-table__caption--s"}).text = caption
    head = SubElement(SubElement(table, "thead", {"class": "govuk-table__head"}), "tr", {"class": "govuk-table__row"})
    for text, figure in zip(headers, numeric, strict=True):
        extra = " govuk-table__header--numeric" if figure else ""
        SubElement(head, "th", {"scope": "col", "class": f"govuk-table__header{extra}"}).text = text
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for cells in rows:
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        for text, figure in zip(cells, numeric, strict=True):
            extra = " govuk-table__cell--numeric" if figure else ""
            SubElement(row, "td", {"class": f"govuk-table__cell{extra}"}).text = text
    return html(table)


def bar_chart(table: Element) -> str:
    """The bar chart the site draws from a chart table (``""`` when it has no rows)."""
    chart = chart_for_table(table)
    return html(chart) if chart is not None else ""


def line_chart(
    labels: Sequence[str], series: Sequence[Series], tick: Callable[[float], str], axes: tuple[str, str]
) -> str:
    """An SVG line chart of ``series`` over the periods ``labels`` (``""`` when no series has a value)."""
    values = [v for s in series for v in s.values if v is not None]
    if not values or not labels:
        return ""
    low, high, step = _scale(min(values), max(values))
    box = Element("div", {"class": "dashboard-line-chart", "aria-hidden": "true"})
    svg = SubElement(
        box,
        "svg",
        {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "focusable": "false", "xmlns": "http://www.w3.org/2000/svg"},
    )
    _axes(svg, labels, low, high, step, tick, axes)
    for number, line in enumerate(series):
        _line(svg, line, len(labels), low, high, number)
    if len(series) > 1:
        _key(box, series)
    return html(box)


def _scale(low: float, high: float) -> tuple[float, float, float]:
    """The value axis: from 0 (or a round number below a negative lowest value) to a round number above the highest."""
    low = min(low, 0.0)
    span = high - low or abs(high) or 1.0
    raw = span / TICKS
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    bottom = math.floor(low / step) * step
    top = bottom + step * math.ceil((max(high, bottom + step) - bottom) / step)
    return bottom, top, step


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(value: float, low: float, high: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - (value - low) / (high - low))


def _axes(
    svg: Element,
    labels: Sequence[str],
    low: float,
    high: float,
    step: float,
    tick: Callable[[float], str],
    axes: tuple[str, str],
) -> None:
    count = round((high - low) / step)
    for number in range(count + 1):
        value = low + step * number
        y = f"{_y(value, low, high):.1f}"
        colour = "#0b0c0c" if abs(value) < step / 1e6 else "#b1b4b6"
        SubElement(svg, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": y, "y2": y, "stroke": colour})
        label = SubElement(svg, "text", {"x": str(LEFT - 8), "y": y, "text-anchor": "end", "dy": "0.35em"})
        label.text = tick(value)
    base = HEIGHT - BOTTOM + 20
    shown = {0, len(labels) - 1}
    for index in sorted(shown):
        anchor = "start" if index == 0 and len(labels) > 1 else "end" if index else "middle"
        text = SubElement(svg, "text", {"x": f"{_x(index, len(labels)):.1f}", "y": str(base), "text-anchor": anchor})
        text.text = labels[index]
    x_label, y_label = axes
    if x_label:
        middle = (LEFT + WIDTH - RIGHT) / 2
        SubElement(svg, "text", {"x": f"{middle:.1f}", "y": str(HEIGHT - 8), "text-anchor": "middle"}).text = x_label
    if y_label:
        turn = {"transform": f"rotate(-90) translate({-(TOP + (HEIGHT - TOP - BOTTOM) / 2):.1f} 14)"}
        SubElement(svg, "text", {"text-anchor": "middle", **turn}).text = y_label
    for element in svg.iter("text"):
        element.set("font-size", "13")
        element.set("fill", "#0b0c0c")


def _line(svg: Element, series: Series, count: int, low: float, high: float, number: int) -> None:
    colour = COLOURS[number % len(COLOURS)]
    dash = DASHES[(number // len(COLOURS)) % len(DASHES)]
    points: list[str] = []
    for index, value in enumerate((*series.values, None)):
        if value is not None:
            points.append(f"{_x(index, count):.1f},{_y(value, low, high):.1f}")
            continue
        if len(points) > 1:
            attributes = {"points": " ".join(points), "fill": "none", "stroke": colour, "stroke-width": "3"}
            if dash:
                attributes["stroke-dasharray"] = dash
            SubElement(svg, "polyline", attributes)
        points = []
    for index, value in enumerate(series.values):
        if value is not None:
            x, y = f"{_x(index, count):.1f}", f"{_y(value, low, high):.1f}"
            SubElement(svg, "circle", {"cx": x, "cy": y, "r": "4", "fill": colour})


def _key(box: Element, series: Sequence[Series]) -> None:
    key = SubElement(box, "ul", {"class": "mc-key"})
    for number, line in enumerate(series):
        item = SubElement(key, "li", {"class": "mc-key-item"})
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[(number // len(COLOURS)) % len(DASHES)]
        swatch = SubElement(item, "svg", {"viewBox": "0 0 24 8", "width": "24", "height": "8", "focusable": "false"})
        attributes = {"x1": "0", "x2": "24", "y1": "4", "y2": "4", "stroke": colour, "stroke-width": "4"}
        if dash:
            attributes["stroke-dasharray"] = dash
        SubElement(swatch, "line", attributes)
        SubElement(item, "span").text = line.name
