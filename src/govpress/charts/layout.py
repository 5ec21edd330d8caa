"""Where each bar goes: the scaling rules of magna-charta, as pure arithmetic.

Widths and offsets are percentages of the row's bar track. Like the legacy site (``outOf: 70``) the
longest bar is 70% of the track, which leaves room for a value label after it.

- Plain and multiple-series charts: every value cell is a bar on its own line, ``width = value x 70 / max``.
- ``mc-stacked``: the last cell is the row's total and is not drawn; the other cells are segments of one
  line, scaled against the largest total.
- ``mc-negative``: a zero line sits at ``70 x most-negative / (most-negative + most-positive)``; negative
  bars end at it, positive bars start at it.
- A value label goes inside its bar when the bar is wide enough for it (magna-charta's ``autoOutdent``),
  else after the bar (``mc-value-outdented``); ``mc-outdented`` puts every label after its bar. A stacked
  segment too narrow for its label shows none (the table beside the chart has every value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govpress.charts.table import ChartRow, ChartTable
from govpress.i18n import N_

OUT_OF = 70.0
SERIES = N_("Series %(number)s")  # the key's name of a series whose header cell is empty (translated where drawn)
SeriesName = Callable[[int], str]


def english_series(number: int) -> str:
    """The name of the unnamed series ``number`` (1-based) in English."""
    return SERIES % {"number": number}


@dataclass(frozen=True)
class Bar:
    """One drawn bar: its series (1-based), label, offset and width in % of the track."""

    series: int
    text: str
    offset: float
    width: float
    label_inside: bool
    show_label: bool = True


@dataclass(frozen=True)
class BarRow:
    """One row of the chart: its label, its lines of bars, and (stacked charts) the total after the bar."""

    label: str
    lines: tuple[tuple[Bar, ...], ...]
    total: str | None = None


@dataclass(frozen=True)
class BarLayout:
    """A whole bar chart: series names for the key, rows, and the zero line (``mc-negative`` only)."""

    series_names: tuple[str, ...]
    rows: tuple[BarRow, ...]
    zero_at: float | None


def label_fits(text: str, width: float) -> bool:
    """Whether ``text`` fits inside a bar ``width`` % wide (about 3% of a narrow track per character)."""
    return width >= 3.0 + 3.0 * len(text)


def lay_out_bars(chart: ChartTable, series_name: SeriesName = english_series) -> BarLayout:
    """The layout of a ``horizontal-bar-chart`` table; ``series_name`` names a series its header leaves unnamed, in
    the page's language."""
    if chart.has("mc-stacked"):
        return _stacked(chart, series_name)
    return _grouped(chart, series_name)


def _grouped(chart: ChartTable, series_name: SeriesName) -> BarLayout:
    values = [cell.value or 0.0 for row in chart.rows for cell in row.cells]
    negative = chart.has("mc-negative")
    low = -min([0.0, *values]) if negative else 0.0
    span = low + max([0.0, *values])
    zero_at = OUT_OF * low / span if span else 0.0
    outdent_all = chart.has("mc-outdented")
    rows = []
    for row in chart.rows:
        lines = []
        for series, cell in enumerate(row.cells, start=1):
            value = cell.value or 0.0
            width = OUT_OF * abs(value) / span if span and (negative or value > 0) else 0.0
            offset = zero_at - width if value < 0 else zero_at
            inside = not outdent_all and label_fits(cell.text, width)
            lines.append((Bar(series, cell.text, offset, width, inside),))
        rows.append(BarRow(row.label, tuple(lines)))
    count = max((len(row.cells) for row in chart.rows), default=0)
    return BarLayout(_series_names(chart, count, series_name), tuple(rows), zero_at if negative else None)


def _stacked(chart: ChartTable, series_name: SeriesName) -> BarLayout:
    totals = [_row_total(row) for row in chart.rows]
    top = max([0.0, *totals])
    rows = []
    for row in chart.rows:
        segments = row.cells[:-1] if len(row.cells) > 1 else row.cells
        bars = []
        for series, cell in enumerate(segments, start=1):
            width = OUT_OF * max(cell.value or 0.0, 0.0) / top if top else 0.0
            fits = label_fits(cell.text, width)
            bars.append(Bar(series, cell.text, 0.0, width, label_inside=fits, show_label=fits))
        total = row.cells[-1].text if len(row.cells) > 1 else None
        rows.append(BarRow(row.label, (tuple(bars),), total))
    count = max((len(row.cells) - 1 for row in chart.rows), default=0)
    return BarLayout(_series_names(chart, max(count, 1), series_name), tuple(rows), None)


def _row_total(row: ChartRow) -> float:
    """The stacked row's total: its last cell, or the sum of its segments when that cell shows no number."""
    if len(row.cells) > 1 and row.cells[-1].value is not None:
        return row.cells[-1].value
    return sum(max(cell.value or 0.0, 0.0) for cell in row.cells[:-1] or row.cells)


def _series_names(chart: ChartTable, count: int, series_name: SeriesName) -> tuple[str, ...]:
    """``count`` series names from the header row (``series_name(N)``, "Series N", where the header has none or its
    cell is blank: a key entry never goes without a name)."""
    given = chart.series_names[:count]
    names = [name or series_name(number) for number, name in enumerate(given, start=1)]
    names += [series_name(number) for number in range(len(names) + 1, count + 1)]
    return tuple(names)
