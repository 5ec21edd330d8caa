"""The time of a row the data API answered, and its label on a dashboard.

A period query's rows carry ``_start_at`` and ``_end_at`` (the end is the next period's start); raw records carry
``_timestamp`` and maybe ``_start_at`` / ``_end_at``. Labels follow the explorer's short dates:

========  ==================  =========================================
period    label               example
========  ==================  =========================================
day       the day             ``2 Mar 2026``
week      its Monday          ``2 Mar 2026`` (the column says "Week starting")
month     month and year      ``Mar 2026``
quarter   its months          ``Jan to Mar 2026``
year      the year            ``2026``
raw       start to end, or    ``1 Apr 2013 to 31 Mar 2014``, ``2 Mar 2026``
          the timestamp
========  ==================  =========================================

In a language other than English the month names are Babel's and "to" is the catalogue's (``words``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from govpress.api.periods import parse_utc
from govpress.i18n import babel_locale
from govpress.services.pages.words import ENGLISH, PERIOD_RANGE, Words


def row_start(row: dict[str, Any]) -> datetime | None:
    """When a row's period starts (``_start_at``, else ``_timestamp``); ``None`` when it has neither."""
    for name in ("_start_at", "_timestamp"):
        value = row.get(name)
        if isinstance(value, str):
            try:
                return parse_utc(value)
            except ValueError:
                continue
    return None


def point_label(row: dict[str, Any], period: str | None, words: Words = ENGLISH) -> str:
    start = row_start(row)
    if start is None:
        return ""
    dates = _Dates(words)
    if period in ("day", "week"):
        return dates.day(start)
    if period == "month":
        return dates.month(start)
    if period == "quarter":
        last = start.replace(month=start.month + 2)
        return words(PERIOD_RANGE) % {"start": dates.month(start, year=False), "end": dates.month(last)}
    if period == "year":
        return str(start.year)
    end = _time(row.get("_end_at"))
    if end is not None and "_start_at" in row and end > start:
        last_day = end - timedelta(days=1) if _midnight(end) else end
        return words(PERIOD_RANGE) % {"start": dates.day(start), "end": dates.day(last_day)}
    return dates.day(start)


class _Dates:
    """Days and months in the language of ``words``: English as ``strftime`` writes them, others by Babel."""

    def __init__(self, words: Words) -> None:
        self.locale = babel_locale(words.language)

    def _babel(self, moment: datetime, pattern: str) -> str:
        from babel.dates import format_date

        return format_date(moment.date(), pattern, locale=self.locale)

    def day(self, moment: datetime) -> str:
        if self.locale.language == "en":
            return f"{moment.day} {moment.strftime('%b %Y')}"
        return self._babel(moment, "d MMM y")

    def month(self, moment: datetime, year: bool = True) -> str:
        if self.locale.language == "en":
            return moment.strftime("%b %Y" if year else "%b")
        return self._babel(moment, "MMM y" if year else "MMM")


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_utc(value)
    except ValueError:
        return None


def _midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)
