"""How model values become table cells and back (shared by both backends)."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from govpress.services.cells import NOT_REQUESTED_MARK, figure_text
from govpress.services.model import (
    FIGURE_FIELDS,
    NOT_PROVIDED,
    NOT_REQUESTED,
    SERVICE_FIELDS,
    Body,
    Department,
    Figure,
    Observation,
    Period,
    PeriodKind,
    Service,
    split_keywords,
    texts_of,
)
from govpress.services.periods import period_for
from govpress.services.slugs import name_key

SERVICE_COLUMNS = ("slug", "name_key", *SERVICE_FIELDS)
OBSERVATION_KEY = ("service", "period_kind", "period_key")
OBSERVATION_COLUMNS = (*OBSERVATION_KEY, "period_start", "period_end", *FIGURE_FIELDS)


def figure_cell(figure: Figure) -> str | None:
    """A figure's stored cell: its CSV text, or ``NULL`` when not provided."""
    return None if figure is NOT_PROVIDED else figure_text(figure)


def cell_figure(cell: str | None) -> Figure:
    if cell is None:
        return NOT_PROVIDED
    if cell == NOT_REQUESTED_MARK:
        return NOT_REQUESTED
    return Decimal(cell)


def service_row(service: Service) -> tuple[Any, ...]:
    return (
        service.slug,
        name_key(service.department.abbr, service.name),
        service.name,
        service.department.abbr,
        service.body.abbr if service.body else None,
        *service.texts().values(),
        ", ".join(service.keywords),
        int(service.high_volume),
    )


def row_service(row: tuple[Any, ...], departments: dict[str, Department], bodies: dict[str, Body]) -> Service:
    values = dict(zip(SERVICE_COLUMNS, row, strict=True))
    return Service(
        slug=values["slug"],
        name=values["name"],
        department=departments[values["department"]],
        body=bodies[values["body"]] if values["body"] else None,
        keywords=split_keywords(values["keywords"]),
        high_volume=bool(values["high_volume"]),
        **texts_of(values),
    )


@functools.lru_cache(maxsize=4096)
def period_cells(period: Period) -> tuple[str, str, str, str]:
    """The stored cells of a period (cached: a few hundred distinct periods, millions of rows)."""
    return (period.kind.value, period.key, period.start.isoformat(), period.end.isoformat())


def observation_row(observation: Observation, service: str) -> tuple[Any, ...]:
    """The stored row of an observation, under the slug ``service``."""
    return (service, *period_cells(observation.period), *map(figure_cell, observation[2:]))


def row_observation(row: tuple[Any, ...]) -> Observation:
    service, kind, key = row[0], PeriodKind(row[1]), row[2]
    figures = {name: cell_figure(cell) for name, cell in zip(FIGURE_FIELDS, row[5:], strict=True)}
    return Observation(service, period_for(kind, key), **figures)
