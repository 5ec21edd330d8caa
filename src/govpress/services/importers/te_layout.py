"""The columns of a Transactions Explorer spreadsheet export, found by position.

Headers repeat and some are empty, so the header row is classified position by position::

    position 0..4   Abbr, Department, Agency/body, Agency abbr, Name of service   (required, in this order)
    position 5      Slug (slugs given) or Short service name (slugs derived)
    "YYYY-Qn <measure>"                rolling-year figure; measure in Vol., CPT (£), Digital vol.,
                                       Digital CPT (£), Completion rate, User satisfaction
    "Total transactions\\n<Mon - Mon YYYY>"    calendar-quarter volume
    "Digital transactions\\n<Mon - Mon YYYY>"  calendar-quarter digital volume
    Category, URL, Description of service, Notes on costs, Other notes, Customer type, Business model,
    Keywords, High-volume? | Hi-vol                                            (first of each name)
    anything else                      ignored (spreadsheet working columns such as "Latest volumes")

Periods must follow each other: a rolling-year or quarter header out of sequence is reported (and read by
its header); a quarter header that is not a calendar quarter is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from govpress.problems import Problem, ProblemLog
from govpress.services.importers.csv_rows import required_columns
from govpress.services.model import Period
from govpress.services.periods import PeriodError, parse_calendar_quarter, rolling_year

IDENTITY = ("Abbr", "Department", "Agency/body", "Agency abbr", "Name of service")
IDENTITY_FIELDS = ("department_abbr", "department_name", "body_name", "body_abbr", "name")
_ROLLING = re.compile(r"(\d{4}-Q[1-4]) (.+)")
_MEASURES = {
    "Vol.": "volume",
    "CPT (£)": "cost_per_transaction",
    "Digital vol.": "digital_volume",
    "Digital CPT (£)": "digital_cost_per_transaction",
    "Completion rate": "completion_rate",
    "User satisfaction": "user_satisfaction",
}
_QUARTERLY = {"Total transactions": "volume", "Digital transactions": "digital_volume"}
NAMED = {
    "Category": "category",
    "URL": "url",
    "Description of service": "description",
    "Notes on costs": "notes_on_costs",
    "Other notes": "other_notes",
    "Customer type": "customer_type",
    "Business model": "business_model",
    "Keywords": "keywords",
    "High-volume?": "high_volume",
    "Hi-vol": "high_volume",
}


@dataclass(frozen=True)
class FigureColumn:
    index: int
    header: str
    period: Period
    field: str


@dataclass(frozen=True)
class Layout:
    headers: list[str]
    service_positions: dict[str, int]
    figures: list[FigureColumn]
    slugs_given: bool

    @property
    def periods(self) -> list[Period]:
        return list(dict.fromkeys(column.period for column in self.figures))

    @cached_property
    def cells(self) -> dict[Period, dict[str, FigureColumn]]:
        """The column of each figure of each period."""
        cells: dict[Period, dict[str, FigureColumn]] = {}
        for column in self.figures:
            cells.setdefault(column.period, {})[column.field] = column
        return cells


def looks_like_te_export(headers: list[str]) -> bool:
    return tuple(h.strip() for h in headers[: len(IDENTITY)]) == IDENTITY


def read_layout(path: str, headers: list[str], problems: ProblemLog) -> Layout | None:
    """Classify the header row; problems name the column and its header (``None`` when a required one is missing)."""
    for index, header in enumerate(headers):
        if header != header.strip() and header.strip():
            problems.add(Problem.warning(f"header {header!r} has stray spaces: removed", path, 1, index + 1))
    clean = [h.strip() for h in headers]
    if not required_columns(path, clean, IDENTITY, problems):
        return None
    positions = dict(zip(IDENTITY_FIELDS, range(len(IDENTITY)), strict=True))
    slugs_given = len(clean) > 5 and clean[5] == "Slug"
    if slugs_given:
        positions["slug"] = 5
    figures: list[FigureColumn] = []
    for index, header in enumerate(clean):
        if index < 6:
            continue
        if header in NAMED:
            _named_column(path, index, header, positions, problems)
        elif column := _figure_column(path, index, header, problems):
            figures.append(column)
    check_repeats(path, figures, problems)
    _check_sequence(path, figures, problems)
    return Layout(clean, positions, figures, slugs_given)


def _named_column(path: str, index: int, header: str, positions: dict[str, int], problems: ProblemLog) -> None:
    field = NAMED[header]
    if field in positions:
        first = positions[field]
        problems.add(
            Problem.error(
                f"header {header!r}: column {first + 1} already holds the {field.replace('_', ' ')}: "
                "a column may appear once: file not imported",
                path,
                1,
                index + 1,
            )
        )
        return
    positions[field] = index


def _figure_column(path: str, index: int, header: str, problems: ProblemLog) -> FigureColumn | None:
    rolling = _ROLLING.fullmatch(header)
    label, _, quarter = header.partition("\n")
    try:
        if rolling and rolling[2] in _MEASURES:
            return FigureColumn(index, header, rolling_year(rolling[1]), _MEASURES[rolling[2]])
        if label.strip() in _QUARTERLY and quarter:
            return FigureColumn(index, header, parse_calendar_quarter(quarter), _QUARTERLY[label.strip()])
    except PeriodError as error:
        problems.add(Problem.error(f"header {header!r}: {error}: file not imported", path, 1, index + 1))
        return None
    measure = next((m for m in _MEASURES if header.endswith(f" {m}")), None)
    if measure and not rolling:
        problems.add(
            Problem.error(
                f"header {header!r}: a {measure} column must be headed 'YYYY-Qn {measure}' (such as "
                f"'2014-Q2 {measure}'): file not imported",
                path,
                1,
                index + 1,
            )
        )
    return None


def check_repeats(path: str, figures: list[FigureColumn], problems: ProblemLog) -> None:
    """An error for a figure column that repeats an earlier one (same period and measure)."""
    first: dict[tuple[Period, str], FigureColumn] = {}
    for column in figures:
        earlier = first.setdefault((column.period, column.field), column)
        if earlier is not column:
            problems.add(
                Problem.error(
                    f"header {column.header!r}: column {earlier.index + 1} ({earlier.header!r}) already holds "
                    f"this figure for {column.period.key}: file not imported",
                    path,
                    1,
                    column.index + 1,
                )
            )


def _check_sequence(path: str, figures: list[FigureColumn], problems: ProblemLog) -> None:
    """Report a period that does not come after the one before it in the same series (kind and measure)."""
    last: dict[tuple[str, str], Period] = {}
    for column in figures:
        series = (column.period.kind.value, column.field)
        before = last.get(series)
        if before and column.period < before:
            problems.add(
                Problem.warning(
                    f"header {column.header!r}: period {column.period.key} is out of sequence after {before.key}: "
                    "read by its header",
                    path,
                    1,
                    column.index + 1,
                )
            )
        if not before or column.period > before:
            last[series] = column.period
