"""How model values become table cells and back (shared by both backends)."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from govpress.services.cells import NOT_REQUESTED_MARK
from govpress.services.model import (
    FIGURE_FIELDS,
    NOT_PROVIDED,
    NOT_REQUESTED,
    Body,
    Department,
    Figure,
    Missing,
    Observation,
    Period,
    PeriodKind,
    Service,
)
from govpress.services.periods import period_for
from govpress.services.slugs import name_key

SERVICE_COLUMNS = (
    "slug",
    "name_key",
    "name",
    "department",
    "body",
    "category",
    "customer_type",
    "business_model",
    "url",
    "description",
    "notes_on_costs",
    "other_notes",
    "keywords",
    "high_volume",
)
OBSERVATION_KEY = ("service", "period_kind", "period_key")
OBSERVATION_COLUMNS = (*OBSERVATION_KEY, "period_start", "period_end", *FIGURE_FIELDS)


def figure_cell(figure: Figure) -> str | None:
    if isinstance(figure, Missing):
        return None if figure is NOT_PROVIDED else NOT_REQUESTED_MARK
    return format(figure.normalize(), "f")


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
        service.category,
        service.customer_type,
        service.business_model,
        service.url,
        service.description,
        service.notes_on_costs,
        service.other_notes,
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
        category=values["category"],
        customer_type=values["customer_type"],
        business_model=values["business_model"],
        url=values["url"],
        description=values["description"],
        notes_on_costs=values["notes_on_costs"],
        other_notes=values["other_notes"],
        keywords=tuple(k.strip() for k in values["keywords"].split(",") if k.strip()),
        high_volume=bool(values["high_volume"]),
    )


@functools.lru_cache(maxsize=4096)
def period_cells(period: Period) -> tuple[str, str, str, str]:
    """The stored cells of a period (cached: a few hundred distinct periods, millions of rows)."""
    return (period.kind.value, period.key, period.start.isoformat(), period.end.isoformat())


def observation_row(observation: Observation, service: str) -> tuple[Any, ...]:
    return (
        service,
        *period_cells(observation.period),
        figure_cell(observation.volume),
        figure_cell(observation.digital_volume),
        figure_cell(observation.cost_per_transaction),
        figure_cell(observation.digital_cost_per_transaction),
        figure_cell(observation.completion_rate),
        figure_cell(observation.user_satisfaction),
    )


def row_observation(row: tuple[Any, ...]) -> Observation:
    service, kind, key = row[0], PeriodKind(row[1]), row[2]
    figures = {name: cell_figure(cell) for name, cell in zip(FIGURE_FIELDS, row[5:], strict=True)}
    return Observation(service, period_for(kind, key), **figures)
