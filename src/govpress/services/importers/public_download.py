"""Importer for the public download (the ``transaction-volumes.csv`` layout).

Header::

    Department, Department Abbreviation, Body/Agency, Agency Abbreviation, Name of service,
    then for each rolling year, in order:
        "<Month YYYY> to <Month YYYY>: volume", ": digital volume", ": cost per transaction (£)"
    Service Type, URL, Description of service, Notes on costs, Other notes, Customer type, Business model

The file carries no slug: one is derived from the department abbreviation and the name, and a service
already stored under the same department and name keeps its slug. A period must be 12 consecutive months
ending with a quarter (else an error); a period out of sequence is reported and read by its header.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from govpress.problems import Problem, ProblemLog
from govpress.services.cells import read_figure_at
from govpress.services.importers import Format, Record
from govpress.services.importers.rows import Row, SeenServices, ServiceColumns, read_rows
from govpress.services.importers.te_layout import FigureColumn
from govpress.services.model import Observation, Period
from govpress.services.periods import PeriodError, parse_month_range

IDENTITY = ("Department", "Department Abbreviation", "Body/Agency", "Agency Abbreviation", "Name of service")
IDENTITY_FIELDS = ("department_name", "department_abbr", "body_name", "body_abbr", "name")
TRAILING = (
    "Service Type",
    "URL",
    "Description of service",
    "Notes on costs",
    "Other notes",
    "Customer type",
    "Business model",
)
TRAILING_FIELDS = ("category", "url", "description", "notes_on_costs", "other_notes", "customer_type", "business_model")
MEASURES = {"volume": "volume", "digital volume": "digital_volume", "cost per transaction (£)": "cost_per_transaction"}


def read_public_download(path: Path, problems: ProblemLog) -> Iterator[Record]:
    rows = read_rows(path)
    header = next(rows, None)
    if header is None:
        problems.add(Problem.error("the file is empty", str(path)))
        return
    headers = [h.strip() for h in header.cells]
    figures = _figure_columns(str(path), headers, problems)
    positions = dict(zip(IDENTITY_FIELDS, range(5), strict=True))
    start = len(headers) - len(TRAILING)
    if tuple(headers[start:]) != TRAILING:
        problems.add(Problem.error(f"the last columns must be {', '.join(TRAILING)}", str(path), 1))
        return
    positions.update({f: start + i for i, f in enumerate(TRAILING_FIELDS)})
    columns = ServiceColumns(str(path), positions, headers)
    seen = SeenServices(str(path), {})
    for row in rows:
        yield from _records(str(path), row, headers, columns, figures, seen, problems)


def _records(
    path: str,
    row: Row,
    headers: list[str],
    columns: ServiceColumns,
    figures: list[FigureColumn],
    seen: SeenServices,
    problems: ProblemLog,
) -> Iterator[Record]:
    if len(row.cells) != len(headers):
        problems.add(Problem.error(f"row has {len(row.cells)} cells, the header has {len(headers)}", path, row.line))
        return
    service = columns.service(row, dict(columns.texts(row, problems)), problems)
    if service is None or not seen.check(service, row.line, problems):
        return
    yield service
    values: dict[Period, dict[str, object]] = {}
    for column in figures:
        raw = row.cells[column.index]
        figure = read_figure_at(raw, path, row.line, column.index + 1, column.header, problems)
        values.setdefault(column.period, {})[column.field] = figure
    for period, figures_of_period in values.items():
        yield Observation(service.slug, period, **figures_of_period)  # type: ignore[arg-type]


def _figure_columns(path: str, headers: list[str], problems: ProblemLog) -> list[FigureColumn]:
    columns: list[FigureColumn] = []
    last: Period | None = None
    for index in range(len(IDENTITY), len(headers) - len(TRAILING)):
        header = headers[index]
        text, _, measure = header.rpartition(": ")
        if measure not in MEASURES:
            problems.add(
                Problem.error(
                    f"header {header!r} is not '<period>: volume|digital volume|cost per transaction (£)'",
                    path,
                    1,
                    index + 1,
                )
            )
            continue
        try:
            period = parse_month_range(text)
        except PeriodError as error:
            problems.add(Problem.error(f"header {header!r}: {error}: file not imported", path, 1, index + 1))
            continue
        if last and period < last:
            problems.add(
                Problem.warning(
                    f"header {header!r}: period {text} is out of sequence: read by its header", path, 1, index + 1
                )
            )
        last = max(last, period) if last else period
        columns.append(FigureColumn(index, header, period, MEASURES[measure]))
    return columns


def _detect(path: Path, headers: list[str]) -> bool:
    return path.suffix.lower() == ".csv" and tuple(h.strip() for h in headers[:5]) == IDENTITY


PUBLIC_DOWNLOAD = Format(
    name="public-download",
    description="public download (transaction-volumes.csv layout)",
    service_fields=frozenset({"name", "department", "body", *TRAILING_FIELDS}),
    figure_fields=frozenset(MEASURES.values()),
    detect=_detect,
    read=read_public_download,
)
