"""Importer for the native long format as CSV, and the row reader it shares with JSON (:mod:`.native_json`).

Columns are in :mod:`.native_rows`.

The service columns repeat on every row of a service; they are validated once per distinct set of values
and must agree across the rows of one service. A service has one row per period (a second is an error naming
both); each column appears once in the header; implausible figures are warnings at their cell.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from govpress.problems import Problem, ProblemLog
from govpress.safe_output import link_refusal, restore_cell, unsafe_link_message
from govpress.services.cells import MAX_DECIMAL_PLACES, MAX_DIGITS
from govpress.services.importers import Format, Record
from govpress.services.importers.csv_rows import check_width, data_rows, read_rows, shown
from govpress.services.importers.native_rows import (
    COLUMNS,
    FIGURE_COLUMNS,
    PERIOD_COLUMNS,
    SERVICE_COLUMNS,
    CsvFigure,
    NativeObservation,
    NativeService,
    figure_of,
)
from govpress.services.model import FIGURE_FIELDS, SERVICE_FIELDS, Figure, Observation, Period, PeriodKind, Service
from govpress.services.periods import PeriodError, period_for
from govpress.services.plausibility import implausible

JSON_FORMAT_ID = "govpress-services/1"  # the "format" of a native JSON file (read by .native_json)
OBSERVATION_COLUMNS = (*PERIOD_COLUMNS, *FIGURE_COLUMNS)
REQUIRED_COLUMNS = (*SERVICE_COLUMNS[:4], *PERIOD_COLUMNS)
# A CSV row's period and figures, validated as one tuple in pydantic's core (no dict, no model instance per row).
QuarterKey = Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$")]
CsvObservation = tuple[
    PeriodKind, QuarterKey, date, date, CsvFigure, CsvFigure, CsvFigure, CsvFigure, CsvFigure, CsvFigure
]
_CSV_OBSERVATION: TypeAdapter[CsvObservation] = TypeAdapter(CsvObservation)


def _json_observation(values: Mapping[str, Any]) -> tuple[Any, ...]:
    observation = NativeObservation.model_validate(values)
    return tuple(getattr(observation, name) for name in OBSERVATION_COLUMNS)


def _json_service_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {c: values[c] for c in SERVICE_COLUMNS if c in values}


@dataclass
class NativeReader:
    """Turns rows into records. A row is whatever the three callables read: a JSON object, or a CSV row's cells."""

    path: str
    headers: tuple[str, ...] = ()  # CSV: the header row, for columns in messages; JSON: none
    observation: Callable[[Any], tuple[Any, ...]] = _json_observation
    service_key: Callable[[Any], Any] = lambda values: tuple(map(str, map(values.get, SERVICE_COLUMNS)))
    service_values: Callable[[Any], dict[str, Any]] = _json_service_values
    services: dict[Any, Service] = field(default_factory=dict)
    first_line: dict[str, tuple[Service, int]] = field(default_factory=dict)
    periods: dict[tuple[Any, ...], Period | None] = field(default_factory=dict)
    rows: dict[tuple[str, Period], int] = field(default_factory=dict)

    def records(self, line: int, values: Any, problems: ProblemLog) -> list[Record]:
        """The records of one row: its service when first seen, then its observation (a list: no generator per row)."""
        service = self._service(line, values, problems)
        try:
            observation = self.observation(values)
        except ValidationError as error:
            self._report(line, error, problems)
            return []
        if service is None:
            return []
        records: list[Record] = []
        if service.slug not in self.first_line:
            self.first_line[service.slug] = (service, line)
            records.append(service)
        elif self.first_line[service.slug][0] is not service and self.first_line[service.slug][0] != service:
            first = self.first_line[service.slug][1]
            problems.add(
                Problem.error(f"service {service.slug}: its details differ from line {first}", self.path, line)
            )
            return []
        period = self._period(line, observation[:4], problems)
        if period is not None and self._first_row(line, service.slug, period, problems):
            figures = list(map(figure_of, observation[4:]))
            records.append(Observation(service.slug, period, *figures))
            if any(isinstance(f, Decimal) for f in figures):
                self._check_plausible(line, dict(zip(FIGURE_FIELDS, figures, strict=True)), problems)
        return records

    def _first_row(self, line: int, slug: str, period: Period, problems: ProblemLog) -> bool:
        """Whether this is the service's only row for the period (an error naming both rows when it is not)."""
        first = self.rows.setdefault((slug, period), line)
        if first != line:
            problems.add(
                Problem.error(
                    f"service {slug} has two rows for {period.kind.value} {period.key}: this one and line {first}: "
                    "file not imported",
                    self.path,
                    line,
                )
            )
        return first == line

    def _check_plausible(self, line: int, figures: dict[str, Figure], problems: ProblemLog) -> None:
        for name, message in implausible(figures):
            column = self.headers.index(name) + 1 if name in self.headers else None
            problems.add(Problem.warning(f"column {name!r}: {message}", self.path, line, column))

    def _period(self, line: int, key: tuple[Any, ...], problems: ProblemLog) -> Period | None:
        """The period a row names (kind, key, start, end), when its dates agree with it (checked once per period)."""
        if key not in self.periods:
            try:
                period = period_for(key[0], key[1])
            except PeriodError as error:
                column = self.headers.index("period") + 1 if "period" in self.headers else None
                problems.add(Problem.error(f"column 'period': {error}: file not imported", self.path, line, column))
                return None
            self.periods[key] = period if (period.start, period.end) == key[2:] else None
        if self.periods[key] is None:
            period = period_for(key[0], key[1])
            problems.add(
                Problem.error(
                    f"period_start and period_end must be {period.start} and {period.end} for "
                    f"{key[0]} {key[1]}: file not imported",
                    self.path,
                    line,
                    self.headers.index("period_start") + 1 if "period_start" in self.headers else None,
                )
            )
        return self.periods[key]

    def _service(self, line: int, values: Any, problems: ProblemLog) -> Service | None:
        key = self.service_key(values)
        if key in self.services:
            return self.services[key]
        try:
            service = NativeService.model_validate(self.service_values(values)).model()
        except ValidationError as error:
            self._report(line, error, problems)
            return None
        refusal = link_refusal(service.url) if service.url else None
        if refusal is not None:  # the pages show it as text (govpress.safe_output)
            column = self.headers.index("url") + 1 if "url" in self.headers else None
            message = f"column 'url': {unsafe_link_message(service.url, refusal)}"
            problems.add(Problem.warning(message, self.path, line, column))
        self.services[key] = service
        return service

    def _report(self, line: int, error: ValidationError, problems: ProblemLog) -> None:
        """One problem per column (a figure's union type gives one pydantic error per alternative)."""
        reported: set[str | None] = set()
        for detail in error.errors():
            place = detail["loc"][0] if detail["loc"] else None
            name = OBSERVATION_COLUMNS[place] if isinstance(place, int) else None if place is None else str(place)
            if name in reported:
                continue
            reported.add(name)
            column = self.headers.index(name) + 1 if name in self.headers else None
            message = detail["msg"]
            if name in FIGURE_COLUMNS:
                message = (
                    f"{shown(str(detail['input']))} is not a number of at most {MAX_DIGITS} digits ("
                    f"{MAX_DECIMAL_PLACES} after the point), empty (not provided) or '***' (not requested)"
                )
            where = f"column {name!r}: " if name else ""
            problems.add(Problem.error(f"{where}{message}: file not imported", self.path, line, column))


def read_native_csv(path: Path, problems: ProblemLog) -> Iterator[Record]:
    rows = read_rows(path, problems)
    header = next(rows, None)
    if header is None:
        problems.add(Problem.error("the file is empty", path))
        return
    headers = tuple(header.cells)
    if not _check_columns(str(path), headers, problems):
        return
    native = _csv_reader(str(path), headers)
    for row in data_rows(rows, path, problems):
        if check_width(row, headers, str(path), problems):
            row.cells.append("")  # what a column the file leaves out reads as
            yield from native.records(row.line, row.cells, problems)


def _csv_reader(path: str, headers: tuple[str, ...]) -> NativeReader:
    """A reader of CSV cells by position (a column the file leaves out reads the empty cell appended to each row)."""
    missing = len(headers)
    service_columns = [c for c in SERVICE_COLUMNS if c in headers]
    service_cells = operator.itemgetter(*[headers.index(c) for c in service_columns])
    observation_cells = operator.itemgetter(
        *[headers.index(c) if c in headers else missing for c in OBSERVATION_COLUMNS]
    )
    return NativeReader(
        path,
        headers,
        observation=lambda cells: _CSV_OBSERVATION.validate_python(observation_cells(cells)),
        service_key=service_cells,  # CSV cells are strings: the service columns' values are the cache key
        # '=… is a formula govpress's own CSV exports escaped (govpress.safe_output): read back as written
        service_values=lambda cells: dict(zip(service_columns, map(restore_cell, service_cells(cells)), strict=True)),
    )


def _check_columns(path: str, headers: tuple[str, ...], problems: ProblemLog) -> bool:
    """Every column known and given once, and the required ones present (errors on the header row)."""
    first: dict[str, int] = {}
    found = len(problems.errors)
    for column, name in enumerate(headers, start=1):
        if name not in COLUMNS:
            problems.add(Problem.error(f"unknown column {shown(name)}: file not imported", path, 1, column))
        elif name in first:
            problems.add(
                Problem.error(
                    f"column {name!r} is also column {first[name]}: a column may appear once: file not imported",
                    path,
                    1,
                    column,
                )
            )
        first.setdefault(name, column)
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        problems.add(Problem.error(f"the header row has no column {', '.join(missing)}: file not imported", path, 1))
    return len(problems.errors) == found


NATIVE_CSV = Format(
    name="native-csv",
    description="govpress native long format, CSV (one row per service and period)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=lambda path, headers: path.suffix.lower() == ".csv" and tuple(headers[:2]) == COLUMNS[:2],
    read=read_native_csv,
)
