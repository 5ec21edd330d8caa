"""Periods: what "YYYY-Qn" means, and the month ranges written in headers.

Grammar of the texts read here::

    requested-quarter = YYYY "-Q" n                  ; n in 1..4, e.g. "2014-Q2"
    month             = month-name SP YYYY           ; "April 2013" or "Apr 2013"
    month-range       = month SP "to" SP month       ; "April 2013 to March 2014"
    calendar-quarter  = mon SP "-" SP mon SP YYYY    ; "Jul - Sep 2012"

A requested quarter "YYYY-Qn" is the quarter in which a rolling annual figure was *requested*: it covers the
12 months ending one quarter earlier (end month = 3n - 3 of YYYY, start 11 months before). So 2014-Q2 is
April 2013 to March 2014 and 2013-Q1 is January to December 2012. 2012-Q4 is the trial collection, which
covered April 2011 to March 2012. Years run from 1900 to 2999.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from govpress.services.model import Period, PeriodKind

TRIAL_KEY = "2012-Q4"
FIRST_YEAR, LAST_YEAR = 1900, 2999  # the years a period may fall in (so every date is a real one)
_TRIAL_END = (2012, 3)
_QUARTER_KEY = re.compile(r"(\d{4})-Q([1-4])")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})


class PeriodError(ValueError):
    """A period text that cannot be read, or that does not describe a valid period."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def shifted(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def months_to(self, other: Month) -> int:
        """How many months from this one to ``other`` (0 when they are the same)."""
        return (other.year - self.year) * 12 + other.month - self.month

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{calendar.month_abbr[self.month]} {self.year}"


def parse_month(text: str) -> Month:
    """``"April 2013"`` or ``"Apr 2013"``."""
    parts = text.split()
    if len(parts) != 2 or parts[0].lower() not in _MONTHS or not re.fullmatch(r"\d{4}", parts[1]):
        raise PeriodError(f"{text!r} is not a month such as 'April 2013'")
    return Month(_year(int(parts[1]), text), _MONTHS[parts[0].lower()])


def parse_requested_quarter(key: str) -> tuple[int, int]:
    match = _QUARTER_KEY.fullmatch(key)
    if not match:
        raise PeriodError(f"{key!r} is not a quarter such as '2014-Q2'")
    return _year(int(match[1]), key), int(match[2])


def _year(year: int, text: str) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"{text!r}: the year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def rolling_year(key: str) -> Period:
    """The 12 months a requested quarter "YYYY-Qn" covers."""
    year, quarter = parse_requested_quarter(key)
    if key == TRIAL_KEY:
        end = Month(*_TRIAL_END)
    else:
        end = Month(year - 1, 12) if quarter == 1 else Month(year, 3 * quarter - 3)
    start = end.shifted(-11)
    return Period(PeriodKind.ROLLING_YEAR, key, start.first_day, end.last_day)


def rolling_year_ending(start: Month, end: Month) -> Period:
    """The rolling year from ``start`` to ``end``: 12 consecutive months ending at the end of a quarter."""
    if start.months_to(end) != 11:
        months = start.months_to(end) + 1
        raise PeriodError(f"{start.label} to {end.label} is {months} months, not 12 consecutive months")
    if (end.year, end.month) == _TRIAL_END:
        return rolling_year(TRIAL_KEY)
    if end.month % 3:
        raise PeriodError(
            f"{start.label} to {end.label} does not end with a quarter (March, June, September, December)"
        )
    requested = end.shifted(1)
    return rolling_year(f"{requested.year}-Q{(requested.month - 1) // 3 + 1}")


def parse_months(text: str) -> tuple[Month, Month]:
    """The first and last months of ``"April 2013 to March 2014"`` (any span)."""
    parts = text.split(" to ")
    if len(parts) != 2:
        raise PeriodError(f"{text!r} is not a period such as 'April 2013 to March 2014'")
    return parse_month(parts[0].strip()), parse_month(parts[1].strip())


def parse_month_range(text: str) -> Period:
    """``"April 2013 to March 2014"``: a rolling year."""
    return rolling_year_ending(*parse_months(text))


def calendar_quarter(year: int, quarter: int) -> Period:
    start = Month(year, 3 * quarter - 2)
    return Period(PeriodKind.QUARTER, f"{year}-Q{quarter}", start.first_day, start.shifted(2).last_day)


def parse_calendar_quarter(text: str) -> Period:
    """``"Jul - Sep 2012"``: one calendar quarter."""
    match = re.fullmatch(r"(\w+)\s*-\s*(\w+)\s+(\d{4})", text.strip())
    if not match:
        raise PeriodError(f"{text!r} is not a quarter such as 'Jul - Sep 2012'")
    first, last = parse_month(f"{match[1]} {match[3]}"), parse_month(f"{match[2]} {match[3]}")
    if first.month % 3 != 1 or first.months_to(last) != 2:
        raise PeriodError(f"{text!r} is not a calendar quarter (three months starting in Jan, Apr, Jul or Oct)")
    return calendar_quarter(first.year, (first.month - 1) // 3 + 1)


@functools.lru_cache(maxsize=4096)
def period_for(kind: PeriodKind, key: str) -> Period:
    """The period of a kind and key as stored (cached: a pure function called once per stored row)."""
    if kind is PeriodKind.ROLLING_YEAR:
        return rolling_year(key)
    year, quarter = parse_requested_quarter(key)
    return calendar_quarter(year, quarter)


@functools.lru_cache(maxsize=4096)
def period_label(period: Period) -> str:
    """``"Apr 2013 to Mar 2014"`` or ``"Jul to Sep 2012"`` (cached: a pure function, called for every period named on
    every service's pages)."""
    start, end = Month(period.start.year, period.start.month), Month(period.end.year, period.end.month)
    if period.kind is PeriodKind.QUARTER:
        return f"{calendar.month_abbr[start.month]} to {end.label}"
    return f"{start.label} to {end.label}"


def long_month_range(period: Period) -> str:
    """``"April 2013 to March 2014"`` (the public download's header)."""
    return f"{period.start:%B %Y} to {period.end:%B %Y}"
