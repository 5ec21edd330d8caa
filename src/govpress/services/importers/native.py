"""Importers for the native long format, CSV and JSON (columns in :mod:`.native_rows`).

The service columns repeat on every row of a service; they are validated once per distinct set of values
and must agree across the rows of one service.
"""

from __future__ import annotations

import csv
import json
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from govpress.problems import Problem, ProblemLog
from govpress.services.importers import Format, Record
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
from govpress.services.model import FIGURE_FIELDS, SERVICE_FIELDS, Observation, Period, PeriodKind, Service
from govpress.services.periods import period_for

JSON_FORMAT_ID = "govpress-services/1"


OBSERVATION_COLUMNS = (*PERIOD_COLUMNS, *FIGURE_COLUMNS)
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
class _NativeReader:
    """Turns rows into records. A row is whatever the three callables read: a JSON object, or a CSV row's cells."""

    path: str
    headers: tuple[str, ...] = COLUMNS
    observation: Callable[[Any], tuple[Any, ...]] = _json_observation
    service_key: Callable[[Any], Any] = lambda values: tuple(map(str, map(values.get, SERVICE_COLUMNS)))
    service_values: Callable[[Any], dict[str, Any]] = _json_service_values
    services: dict[Any, Service] = field(default_factory=dict)
    first_line: dict[str, tuple[Service, int]] = field(default_factory=dict)
    periods: dict[tuple[Any, ...], Period | None] = field(default_factory=dict)

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
        if period is not None:
            records.append(Observation(service.slug, period, *map(figure_of, observation[4:])))
        return records

    def _period(self, line: int, key: tuple[Any, ...], problems: ProblemLog) -> Period | None:
        """The period a row names (kind, key, start, end), when its dates agree with it (checked once per period)."""
        if key not in self.periods:
            period = period_for(key[0], key[1])
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
                    f"{detail['input']!r} is not a non-negative number, empty (not provided) or '***' (not requested)"
                )
            where = f"column {name!r}: " if name else ""
            problems.add(Problem.error(f"{where}{message}: file not imported", self.path, line, column))


def read_native_csv(path: Path, problems: ProblemLog) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        headers = tuple(next(reader, ()))
        if not _check_columns(str(path), headers, problems):
            return
        native = _csv_reader(str(path), headers)
        line = 2
        for cells in reader:
            if cells:
                if len(cells) != len(headers):
                    problems.add(
                        Problem.error(f"row has {len(cells)} cells, the header has {len(headers)}", str(path), line)
                    )
                else:
                    cells.append("")  # what a column the file leaves out reads as
                    yield from native.records(line, cells, problems)
            line = reader.line_num + 1


def _csv_reader(path: str, headers: tuple[str, ...]) -> _NativeReader:
    """A reader of CSV cells by position (a column the file leaves out reads the empty cell appended to each row)."""
    missing = len(headers)
    service_columns = [c for c in SERVICE_COLUMNS if c in headers]
    service_cells = operator.itemgetter(*[headers.index(c) for c in service_columns])
    observation_cells = operator.itemgetter(
        *[headers.index(c) if c in headers else missing for c in OBSERVATION_COLUMNS]
    )
    return _NativeReader(
        path,
        headers,
        observation=lambda cells: _CSV_OBSERVATION.validate_python(observation_cells(cells)),
        service_key=service_cells,  # CSV cells are strings: the service columns' values are the cache key
        service_values=lambda cells: dict(zip(service_columns, service_cells(cells), strict=True)),
    )


def _check_columns(path: str, headers: tuple[str, ...], problems: ProblemLog) -> bool:
    unknown = [h for h in headers if h not in COLUMNS]
    missing = [c for c in (*SERVICE_COLUMNS[:4], *PERIOD_COLUMNS) if c not in headers]
    for name in unknown:
        problems.add(Problem.error(f"unknown column {name!r}: file not imported", path, 1, headers.index(name) + 1))
    if missing:
        problems.add(Problem.error(f"missing columns: {', '.join(missing)}: file not imported", path, 1))
    return not unknown and not missing


def read_native_json(path: Path, problems: ProblemLog) -> Iterator[Record]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as error:
        problems.add(Problem.error(f"not JSON: {error.msg}", str(path), error.lineno, error.colno))
        return
    if (
        not isinstance(document, dict)
        or document.get("format") != JSON_FORMAT_ID
        or not isinstance(document.get("rows"), list)
    ):
        problems.add(Problem.error(f'expected an object {{"format": "{JSON_FORMAT_ID}", "rows": [...]}}', str(path)))
        return
    native = _NativeReader(str(path))
    for number, row in enumerate(document["rows"], start=1):
        if not isinstance(row, dict) or [k for k in row if k not in COLUMNS]:
            problems.add(Problem.error(f"row {number}: not an object with the native columns only", str(path), number))
            continue
        yield from native.records(number, row, problems)


NATIVE_CSV = Format(
    name="native-csv",
    description="govpress native long format, CSV (one row per service and period)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=lambda path, headers: path.suffix.lower() == ".csv" and tuple(headers[:2]) == COLUMNS[:2],
    read=read_native_csv,
)
NATIVE_JSON = Format(
    name="native-json",
    description="govpress native long format, JSON (rows as objects; see native.schema.json)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=lambda path, headers: path.suffix.lower() == ".json",
    read=read_native_json,
)
