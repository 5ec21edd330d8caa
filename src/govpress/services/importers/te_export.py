"""Importer for the Transactions Explorer spreadsheet export (``services.csv``), read by position."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from govpress.problems import Problem, ProblemLog
from govpress.services.cells import is_error_cell, read_figure_at
from govpress.services.importers import Format, Record
from govpress.services.importers.csv_rows import Row, check_width, data_rows, read_rows
from govpress.services.importers.rows import SeenServices, ServiceColumns, check_plausible, high_volume_flag
from govpress.services.importers.te_layout import Layout, looks_like_te_export, read_layout
from govpress.services.model import (
    FIGURE_FIELDS,
    SERVICE_FIELDS,
    Department,
    Figure,
    Observation,
    Period,
    Service,
)


def read_te_export(path: Path, problems: ProblemLog) -> Iterator[Record]:
    rows = read_rows(path, problems)
    header = next(rows, None)
    if header is None:
        problems.add(Problem.error("the file is empty", path))
        return
    layout = read_layout(str(path), header.cells, problems)
    if layout is None:
        return
    reader = _RowReader(str(path), layout, ServiceColumns(str(path), layout.service_positions, layout.headers))
    for row in data_rows(rows, path, problems):
        yield from reader.records(row, problems)


@dataclass
class _RowReader:
    path: str
    layout: Layout
    columns: ServiceColumns
    seen: SeenServices = field(init=False)
    departments: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.seen = SeenServices(self.path, {})

    def records(self, row: Row, problems: ProblemLog) -> Iterator[Record]:
        if not any(c.strip() for c in row.cells):
            problems.add(Problem.warning("empty row: skipped", self.path, row.line))
            return
        if not check_width(row, self.layout.headers, self.path, problems):
            return
        service = self._service(row, problems)
        if service is None or not self.seen.check(service, row.line, problems):
            return
        department = self._first_department(service, row.line, problems)
        yield replace(service, department=department)
        yield from self._observations(service.slug, row, problems)

    def _service(self, row: Row, problems: ProblemLog) -> Service | None:
        positions = self.layout.service_positions
        values: dict[str, object] = dict(self.columns.texts(row, problems))
        if "high_volume" in positions:
            place = self.columns.place(row.line, "high_volume")
            raw = row.cells[positions["high_volume"]].strip()
            if is_error_cell(raw):
                problems.add(place.warning(f"spreadsheet error cell {raw!r}: read as not high-volume"))
                raw = ""
            values["high_volume"] = high_volume_flag(raw, place, problems)
        return self.columns.service(row, values, problems)

    def _observations(self, slug: str, row: Row, problems: ProblemLog) -> Iterator[Observation]:
        figures: dict[Period, dict[str, Figure]] = {}
        for column in self.layout.figures:
            raw = row.cells[column.index]
            figure = read_figure_at(raw, self.path, row.line, column.index + 1, column.header, problems)
            figures.setdefault(column.period, {})[column.field] = figure
        for period, values in figures.items():
            check_plausible(values, self.layout.cells[period], self.path, row.line, problems)
            yield Observation(slug, period, **values)

    def _first_department(self, service: Service, line: int, problems: ProblemLog) -> Department:
        abbr, name = service.department.abbr, service.department.name
        first = self.departments.setdefault(abbr, (name, line))
        if first[0] != name:
            problems.add(
                Problem.warning(
                    f"department {abbr} is named {name!r} here but {first[0]!r} on line {first[1]}: "
                    "the first name is kept",
                    self.path,
                    line,
                    2,
                )
            )
        return Department(abbr, first[0])


def _detect(path: Path, headers: list[str]) -> bool:
    return path.suffix.lower() == ".csv" and looks_like_te_export(headers)


TE_EXPORT = Format(
    name="te-export",
    description="Transactions Explorer spreadsheet export (services.csv)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=_detect,
    read=read_te_export,
)
