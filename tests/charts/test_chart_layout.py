"""Scaling: how long each bar is and where it starts."""

from __future__ import annotations

import pytest

from govpress.charts.layout import OUT_OF, label_fits, lay_out_bars
from govpress.charts.table import Cell, ChartRow, ChartTable
from govpress.charts.values import parse_value


def chart(classes: tuple[str, ...], rows: list[list[str]], names: tuple[str, ...] = ()) -> ChartTable:
    return ChartTable(
        classes=("horizontal-bar-chart", *classes),
        series_names=names,
        rows=tuple(ChartRow(row[0], tuple(Cell(text, parse_value(text)) for text in row[1:])) for row in rows),
    )


def test_the_largest_value_is_out_of_70() -> None:
    layout = lay_out_bars(chart((), [["a", "8"], ["b", "2"]]))
    widths = [row.lines[0][0].width for row in layout.rows]
    assert widths == [pytest.approx(OUT_OF), pytest.approx(17.5)]
    assert layout.zero_at is None


def test_multiple_series_share_one_scale_and_get_one_line_each() -> None:
    layout = lay_out_bars(chart((), [["a", "430", "260"], ["b", "130", "35"]], ("upper", "lower")))
    assert [len(row.lines) for row in layout.rows] == [2, 2]
    assert layout.rows[1].lines[1][0].width == pytest.approx(35 * OUT_OF / 430)
    assert layout.rows[1].lines[1][0].series == 2
    assert layout.series_names == ("upper", "lower")


def test_stacked_segments_scale_against_the_largest_total() -> None:
    layout = lay_out_bars(chart(("mc-stacked",), [["a", "10", "3", "13"], ["b", "0.25", "1.63", "1.88"]]))
    first, second = layout.rows
    assert [bar.width for bar in first.lines[0]] == [pytest.approx(10 * OUT_OF / 13), pytest.approx(3 * OUT_OF / 13)]
    assert first.total == "13"
    assert len(second.lines) == 1
    assert not second.lines[0][0].show_label  # 0.25 of 13: too narrow for its label
    assert len(layout.series_names) == 2


def test_stacked_without_a_numeric_total_uses_the_sum() -> None:
    layout = lay_out_bars(chart(("mc-stacked",), [["a", "1", "1", "?"], ["b", "2", "2", "?"]]))
    assert layout.rows[1].lines[0][0].width == pytest.approx(OUT_OF / 2)


def test_negative_values_end_at_the_zero_line() -> None:
    layout = lay_out_bars(chart(("mc-negative",), [["a", "-1", "3"]]))
    assert layout.zero_at == pytest.approx(OUT_OF / 4)
    negative, positive = (line[0] for line in layout.rows[0].lines)
    assert negative.offset == pytest.approx(0.0)
    assert negative.width == pytest.approx(OUT_OF / 4)
    assert positive.offset == pytest.approx(OUT_OF / 4)
    assert positive.width == pytest.approx(OUT_OF * 3 / 4)


def test_negative_values_without_mc_negative_have_no_length() -> None:
    layout = lay_out_bars(chart((), [["a", "-1"], ["b", "2"]]))
    assert layout.rows[0].lines[0][0].width == 0.0


def test_all_zero_values_draw_empty_bars() -> None:
    layout = lay_out_bars(chart((), [["a", "0"], ["b", "0"]]))
    assert [row.lines[0][0].width for row in layout.rows] == [0.0, 0.0]


def test_labels_go_outside_short_bars_and_mc_outdented_puts_all_outside() -> None:
    auto = lay_out_bars(chart(("mc-auto-outdent",), [["a", "100"], ["b", "1"]]))
    assert [row.lines[0][0].label_inside for row in auto.rows] == [True, False]
    outdented = lay_out_bars(chart(("mc-outdented",), [["a", "100"], ["b", "1"]]))
    assert [row.lines[0][0].label_inside for row in outdented.rows] == [False, False]


def test_label_fits_grows_with_the_text() -> None:
    assert label_fits("8", 10.0)
    assert not label_fits("£0.39m", 10.0)


def test_missing_series_names_are_numbered() -> None:
    layout = lay_out_bars(chart((), [["a", "1", "2", "3"]], ("only",)))
    assert layout.series_names == ("only", "Series 2", "Series 3")


def test_a_blank_series_name_is_numbered_and_names_come_in_the_pages_language() -> None:
    table = chart((), [["a", "1", "2", "3"]], ("only", ""))
    assert lay_out_bars(table).series_names == ("only", "Series 2", "Series 3")
    assert lay_out_bars(table, lambda number: f"Cyfres {number}").series_names == ("only", "Cyfres 2", "Cyfres 3")
