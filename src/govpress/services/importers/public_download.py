"""Importer for the public download (the ``transaction-volumes.csv`` layout).

Header::

    Department, Department Abbreviation, Body/Agency, Agency Abbreviation, Name of service,
    then for each rolling year, in order:
        "<Month YYYY> to <Month YYYY>: volume", ": digital volume", ": cost per transaction (£)"
    Service Type, URL, Description of service, Notes on costs, Other notes, Customer type, Business model

The file carries no slug: one is derived from the department abbreviation and the name, and a service
already stored under the same department and name keeps its slug. Period headers are read by
:mod:`.public_periods` (a mislabelled header whose place makes its period certain is read as that period, with
a warning). The file carries no high-volume flag: a new service is marked high-volume by the strategy's rule
(:func:`~govpress.services.figures.high_volume_by_rule`); a service already stored keeps its flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from govpress.problems import Problem, ProblemLog
from govpress.services.cells import read_figure_at
from govpress.services.figures import high_volume_by_rule
from govpress.services.importers import Format, Record
from govpress.services.importers.csv_rows import Row, check_width, data_rows, read_rows, required_columns
from govpress.services.importers.public_periods import MEASURES, figure_columns
from govpress.services.importers.rows import SeenServices, ServiceColumns, check_plausible
from govpress.services.importers.te_layout import FigureColumn
from govpress.services.model import Figure, Observation, Period

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


def read_public_download(path: Path, problems: ProblemLog) -> Iterator[Record]:
    rows = read_rows(path, problems)
    header = next(rows, None)
    if header is None:
        problems.add(Problem.error("the file is empty", path))
        return
    headers = [h.strip() for h in header.cells]
    if not required_columns(str(path), headers, IDENTITY, problems):
        return
    start = len(headers) - len(TRAILING)
    if tuple(headers[start:]) != TRAILING:
        problems.add(Problem.error(f"the last columns must be {', '.join(TRAILING)}", path, 1))
        return
    figures = figure_columns(str(path), headers, len(IDENTITY), start, problems)
    positions = dict(zip(IDENTITY_FIELDS, range(5), strict=True))
    positions.update({f: start + i for i, f in enumerate(TRAILING_FIELDS)})
    columns = ServiceColumns(str(path), positions, headers)
    seen = SeenServices(str(path), {})
    cells: dict[Period, dict[str, FigureColumn]] = {}
    for column in figures:
        cells.setdefault(column.period, {})[column.field] = column
    for row in data_rows(rows, path, problems):
        if check_width(row, headers, str(path), problems):
            yield from _records(str(path), row, columns, cells, seen, problems)


def _records(
    path: str,
    row: Row,
    columns: ServiceColumns,
    cells: dict[Period, dict[str, FigureColumn]],
    seen: SeenServices,
    problems: ProblemLog,
) -> Iterator[Record]:
    service = columns.service(row, dict(columns.texts(row, problems)), problems)
    if service is None or not seen.check(service, row.line, problems):
        return
    observations = []
    for period, of_period in cells.items():
        values: dict[str, Figure] = {
            field: read_figure_at(row.cells[cell.index], path, row.line, cell.index + 1, cell.header, problems)
            for field, cell in of_period.items()
        }
        check_plausible(values, of_period, path, row.line, problems)
        observations.append(Observation(service.slug, period, **values))
    yield replace(service, high_volume=high_volume_by_rule(observations))
    yield from observations


def _detect(path: Path, headers: list[str]) -> bool:
    return path.suffix.lower() == ".csv" and tuple(h.strip() for h in headers[:5]) == IDENTITY


PUBLIC_DOWNLOAD = Format(
    name="public-download",
    description="public download (transaction-volumes.csv layout)",
    service_fields=frozenset({"name", "department", "body", *TRAILING_FIELDS}),
    figure_fields=frozenset(MEASURES.values()),
    high_volume_by_rule=True,
    detect=_detect,
    read=read_public_download,
)
