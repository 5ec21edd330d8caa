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
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from govpress.api.periods import parse_utc


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


def point_label(row: dict[str, Any], period: str | None) -> str:
    start = row_start(row)
    if start is None:
        return ""
    if period in ("day", "week"):
        return _day(start)
    if period == "month":
        return start.strftime("%b %Y")
    if period == "quarter":
        last = start.replace(month=start.month + 2)
        return f"{start.strftime('%b')} to {last.strftime('%b %Y')}"
    if period == "year":
        return str(start.year)
    end = _time(row.get("_end_at"))
    if end is not None and "_start_at" in row and end > start:
        return f"{_day(start)} to {_day(end - timedelta(days=1) if _midnight(end) else end)}"
    return _day(start)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_utc(value)
    except ValueError:
        return None


def _midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment.strftime('%b %Y')}"
