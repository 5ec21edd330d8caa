"""The period meaning of "YYYY-Qn" and the month-range headers."""

from __future__ import annotations

from datetime import date

import pytest

from govpress.services.model import PeriodKind
from govpress.services.periods import (
    PeriodError,
    parse_calendar_quarter,
    parse_month_range,
    period_label,
    rolling_year,
)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2014-Q2", date(2013, 4, 1), date(2014, 3, 31)),
        ("2013-Q1", date(2012, 1, 1), date(2012, 12, 31)),
        ("2012-Q4", date(2011, 4, 1), date(2012, 3, 31)),  # the trial collection
        ("2013-Q2", date(2012, 4, 1), date(2013, 3, 31)),
        ("2017-Q4", date(2016, 10, 1), date(2017, 9, 30)),
    ],
)
def test_requested_quarter_covers_the_12_months_ending_one_quarter_earlier(key: str, start: date, end: date) -> None:
    period = rolling_year(key)
    assert (period.kind, period.start, period.end) == (PeriodKind.ROLLING_YEAR, start, end)


def test_month_ranges_map_back_to_their_requested_quarter() -> None:
    assert parse_month_range("April 2013 to March 2014").key == "2014-Q2"
    assert parse_month_range("Apr 2011 to Mar 2012").key == "2012-Q4"
    assert parse_month_range("October 2016 to September 2017").key == "2017-Q4"
    assert parse_month_range("January 2012 to December 2012").key == "2013-Q1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("June 2015 to June 2016", "13 months"),
        ("April 2013 to February 2014", "11 months"),
        ("May 2013 to April 2014", "does not end with a quarter"),
        ("Spring 2013 to March 2014", "not a month"),
    ],
)
def test_bad_month_ranges_say_why(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_month_range(text)


def test_calendar_quarters() -> None:
    quarter = parse_calendar_quarter("Jul - Sep 2012")
    assert (quarter.kind, quarter.key, quarter.start, quarter.end) == (
        PeriodKind.QUARTER,
        "2012-Q3",
        date(2012, 7, 1),
        date(2012, 9, 30),
    )
    assert period_label(quarter) == "Jul to Sep 2012"
    assert period_label(rolling_year("2014-Q2")) == "Apr 2013 to Mar 2014"
    with pytest.raises(PeriodError):
        parse_calendar_quarter("May - Jul 2016")
