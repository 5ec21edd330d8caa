"""The savings report: the model's results as the JSON of ``govpress services savings`` (pounds a year)."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from govpress.services.explorer import Explorer
from govpress.services.savings import (
    GRID_TAKEUP,
    GRID_THRESHOLDS,
    Assumptions,
    RealisedPoint,
    Savings,
    grid,
    realised,
    savings,
)


class DepartmentRow(TypedDict):
    abbr: str
    name: str
    savings: float


class ServiceRow(TypedDict):
    slug: str
    name: str
    department: str
    period: str
    volume: float
    takeup: float
    takeup_assumed: bool
    offline_cost: float
    digital_cost: float
    savings: float


class GridReport(TypedDict):
    takeup: list[float]
    thresholds: list[int]
    values: list[list[float]]


class RealisedRow(TypedDict):
    period: str
    period_start: str
    period_end: str
    savings: float
    services: int
    by_department: dict[str, float]  # abbreviation: the sum of its services' realised savings
    by_service: dict[str, float]  # slug: realised savings


class SavingsReport(TypedDict):
    total: float
    services_counted: int
    departments: list[DepartmentRow]
    services: list[ServiceRow]
    grid: GridReport
    realised: list[RealisedRow]
    assumptions: dict[str, float]


def _by_department(point: RealisedPoint, departments: dict[str, str]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for slug, amount in point.by_service.items():
        abbr = departments[slug]
        sums[abbr] = sums.get(abbr, Decimal(0)) + amount
    return dict(sorted(sums.items()))


def savings_report(explorer: Explorer, assumptions: Assumptions) -> SavingsReport:
    """The report of ``explorer`` under ``assumptions``: the model's results, the grid and the realised savings."""
    return report_of(
        explorer, savings(explorer, assumptions), grid(explorer, assumptions), realised(explorer, assumptions)
    )


def report_of(
    explorer: Explorer, result: Savings, grid_values: list[list[Decimal]], points: list[RealisedPoint]
) -> SavingsReport:
    """The report of results already computed (the explorer's pages compute them once for every page and download)."""
    assumptions = result.assumptions
    departments = {view.slug: view.service.department.abbr for view in explorer.services}
    services = [
        ServiceRow(
            slug=s.slug,
            name=s.name,
            department=s.department,
            period=s.period.key,
            volume=float(s.volume),
            takeup=float(s.takeup),
            takeup_assumed=s.takeup_assumed,
            offline_cost=float(s.costs.offline),
            digital_cost=float(s.costs.digital),
            savings=float(s.saving),
        )
        for s in result.services
    ]
    realised_rows = [
        RealisedRow(
            period=p.period.key,
            period_start=p.period.start.isoformat(),
            period_end=p.period.end.isoformat(),
            savings=float(p.total),
            services=len(p.by_service),
            by_department={abbr: float(amount) for abbr, amount in _by_department(p, departments).items()},
            by_service={slug: float(amount) for slug, amount in sorted(p.by_service.items())},
        )
        for p in points
    ]
    return SavingsReport(
        total=float(result.total),
        services_counted=len(result.services),
        departments=[DepartmentRow(abbr=d.abbr, name=d.name, savings=float(d.saving)) for d in result.departments],
        services=services,
        grid=GridReport(
            takeup=[float(t) for t in GRID_TAKEUP],
            thresholds=[int(h) for h in GRID_THRESHOLDS],
            values=[[float(v) for v in row] for row in grid_values],
        ),
        realised=realised_rows,
        assumptions=assumptions.as_dict(),
    )
