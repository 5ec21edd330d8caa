"""The period columns of a public download: ``"<Month YYYY> to <Month YYYY>: <measure>"``, one rolling year each.

A header is read by its text when that is a rolling year (12 consecutive months ending with a quarter). A header
that is not is placed by its neighbours: when the readable periods just before and just after it are exactly two
quarters apart, only one rolling year fits between them, and the header shares its first or its last month with
that year (a typing slip, such as the real download's "January 2014 to December 2015" between "October 2013 to
September 2014" and "April 2014 to March 2015"), it is read as that year with a warning naming the column and
what was assumed. A header that cannot be placed is an error. A period out of sequence is reported and read
by its header. A period and measure given twice is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from govpress.problems import Problem, ProblemLog
from govpress.services.importers.te_layout import FigureColumn, check_repeats
from govpress.services.model import Period, PeriodKind
from govpress.services.periods import (
    Month,
    PeriodError,
    long_month_range,
    parse_month_range,
    parse_months,
    rolling_year_ending,
)

MEASURES = {"volume": "volume", "digital volume": "digital_volume", "cost per transaction (£)": "cost_per_transaction"}


@dataclass(frozen=True)
class _Group:
    """One period text of the header and what it reads as (or why it cannot be read)."""

    text: str
    period: Period | None
    fault: str


def figure_columns(path: str, headers: list[str], first: int, stop: int, problems: ProblemLog) -> list[FigureColumn]:
    """The figure columns among ``headers[first:stop]``; problems name the column of the header row."""
    measured: list[tuple[int, str, str]] = []  # (index, period text, field)
    for index in range(first, stop):
        text, _, measure = headers[index].rpartition(": ")
        if measure in MEASURES:
            measured.append((index, text, MEASURES[measure]))
        else:
            problems.add(
                Problem.error(
                    f"header {headers[index]!r} is not '<period>: volume|digital volume|cost per transaction (£)'",
                    path,
                    1,
                    index + 1,
                )
            )
    groups = _placed(_groups([text for _, text, _ in measured]))
    columns: list[FigureColumn] = []
    for index, text, field in measured:
        group, header = groups[text], headers[index]
        if group.period is None:
            problems.add(Problem.error(f"header {header!r}: {group.fault}: file not imported", path, 1, index + 1))
            continue
        if group.fault:
            problems.add(Problem.warning(f"header {header!r}: {group.fault}", path, 1, index + 1))
        columns.append(FigureColumn(index, header, group.period, field))
    check_repeats(path, columns, problems)
    _check_sequence(path, columns, problems)
    return columns


def _groups(texts: list[str]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for text in texts:
        if text not in groups:
            try:
                groups[text] = _Group(text, parse_month_range(text), "")
            except PeriodError as error:
                groups[text] = _Group(text, None, str(error))
    return list(groups.values())


def _placed(groups: list[_Group]) -> dict[str, _Group]:
    """The groups by text, each unreadable one read as the period its neighbours leave for it, when certain."""
    placed: dict[str, _Group] = {}
    for position, group in enumerate(groups):
        if group.period is None:
            before = next((g.period for g in reversed(groups[:position]) if g.period), None)
            after = next((g.period for g in groups[position + 1 :] if g.period), None)
            group = _between(group, before, after)
        placed[group.text] = group
    return placed


def _between(group: _Group, before: Period | None, after: Period | None) -> _Group:
    if before is None or after is None:
        return group
    last = Month(before.end.year, before.end.month)
    if last.shifted(6) != Month(after.end.year, after.end.month):
        return group
    end = last.shifted(3)
    only = rolling_year_ending(end.shifted(-11), end)
    try:
        start_month, end_month = parse_months(group.text)
    except PeriodError:
        return group
    if start_month != end.shifted(-11) and end_month != end:
        return group
    assumed = (
        f"{group.fault}; between {long_month_range(before)} and {long_month_range(after)} it can only be "
        f"{long_month_range(only)} ({only.key}): read as that period"
    )
    return _Group(group.text, only, assumed)


def _check_sequence(path: str, columns: list[FigureColumn], problems: ProblemLog) -> None:
    last: Period | None = None
    for column in columns:
        if column.period.kind is not PeriodKind.ROLLING_YEAR:
            continue
        if last and column.period < last:
            text = column.header.rpartition(": ")[0]
            problems.add(
                Problem.warning(
                    f"header {column.header!r}: period {text} is out of sequence: read by its header",
                    path,
                    1,
                    column.index + 1,
                )
            )
        last = max(last, column.period) if last else column.period
