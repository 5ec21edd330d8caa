"""Reading numbers from cells the magna-charta way, and writing CSS percentages."""

from __future__ import annotations

import pytest

from govpress.charts.values import format_percent, parse_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8", 8.0),
        ("0.25", 0.25),
        ("-£0.04m", -0.04),
        ("£0.06m", 0.06),
        ("1.162bn", 1.162),
        ("16%", 16.0),
        ("1,298", 1298.0),
        (" 59% ", 59.0),
        ("£1,250 million", 1250.0),
        ("+3", 3.0),
        (".5", 0.5),
    ],
)
def test_parse_value_reads_the_number(text: str, expected: float) -> None:
    assert parse_value(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "n/a", "-", "£", "—"])
def test_parse_value_without_a_number_is_none(text: str) -> None:
    assert parse_value(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(70.0, "70%"), (12.5, "12.5%"), (53.84615, "53.846%"), (0.0, "0%"), (-0.0001, "0%"), (0.0004, "0%")],
)
def test_format_percent(value: float, expected: str) -> None:
    assert format_percent(value) == expected
