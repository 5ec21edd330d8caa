"""Time buckets for the data API: a record's day, week (Monday), month, quarter and year, as Backdrop kept them.

Each record stores the start of every bucket its ``_timestamp`` falls in, so that a ``period=`` query groups by a
plain column in SQLite and PostgreSQL alike. :func:`bucket_starts` lists the buckets of a range for gap filling.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PERIODS = ("day", "week", "month", "quarter", "year")


def parse_utc(text: str) -> datetime:
    """A stored ``…Z`` time as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def bucket_start(moment: datetime, period: str) -> datetime:
    """The start of the ``period`` that holds ``moment`` (UTC)."""
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
    if period == "year":
        return day.replace(day=1, month=1)
    raise ValueError(period)


def next_start(start: datetime, period: str) -> datetime:
    """The start of the bucket after the one starting at ``start``."""
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return start.replace(year=index // 12, month=index % 12 + 1)


def bucket_starts(start: datetime, end: datetime, period: str, limit: int = 10_000) -> list[datetime]:
    """The starts of the buckets that meet ``[start, end)``, at most ``limit`` of them."""
    found: list[datetime] = []
    current = bucket_start(start, period)
    while current < end and len(found) < limit:
        found.append(current)
        current = next_start(current, period)
    return found


def stamp(moment: datetime) -> str:
    """A UTC time as the API writes it: ``2014-01-06T00:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bucket_columns(timestamp: str | None) -> tuple[str | None, ...]:
    """The five bucket starts of a record's ``_timestamp`` (all ``None`` when it has none)."""
    if timestamp is None:
        return (None,) * len(PERIODS)
    moment = parse_utc(timestamp)
    return tuple(stamp(bucket_start(moment, period)) for period in PERIODS)
