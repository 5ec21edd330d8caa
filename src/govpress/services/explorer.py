"""The whole explorer: every service's KPIs and every department's aggregates, computed from the store.

Department aggregates (each service contributing its most recent row that has the figures):
transactions per year over all its services; digital take-up and total cost over its high-volume services
only; data coverage over its high-volume services.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from govpress.services.figures import (
    KPIS,
    Coverage,
    Kpi,
    KpiRow,
    aggregate_takeup,
    coverage,
    kpi,
    kpi_rows,
    newest_period,
    rolling_periods,
    sum_latest,
)
from govpress.services.model import Department, Observation, Period, PeriodKind, Service
from govpress.services.slugs import department_slugs
from govpress.services.store import Contents


@dataclass(frozen=True)
class ServiceView:
    service: Service
    rows: list[KpiRow]
    kpis: dict[str, Kpi]
    coverage: Coverage
    quarters: list[Observation]
    rolling: list[Observation]

    @property
    def slug(self) -> str:
        return self.service.slug

    @cached_property
    def rolling_by_period(self) -> dict[Period, Observation]:
        """The rolling years' observations by period (the savings model looks up a period's digital cost in each)."""
        return {observation.period: observation for observation in self.rolling}


@dataclass(frozen=True)
class DepartmentView:
    department: Department
    slug: str  # its folder under department/ (see govpress.services.slugs.department_slugs)
    services: list[ServiceView]
    transactions_per_year: Decimal | None
    digital_takeup: Decimal | None
    total_cost: Decimal | None
    coverage: Coverage | None

    @property
    def high_volume(self) -> list[ServiceView]:
        return [view for view in self.services if view.service.high_volume]


@dataclass(frozen=True)
class Explorer:
    services: list[ServiceView]
    departments: list[DepartmentView]
    newest: Period | None
    periods: list[Period]

    @property
    def high_volume(self) -> list[ServiceView]:
        return [view for view in self.services if view.service.high_volume]

    @property
    def transactions_per_year(self) -> Decimal | None:
        return sum_latest([view.rows for view in self.services], lambda row: row.volume)


def service_view(
    service: Service, observations: list[Observation], newest: Period | None, expected: list[Period]
) -> ServiceView:
    rows = kpi_rows(observations)
    quarters = sorted((o for o in observations if o.period.kind is PeriodKind.QUARTER), key=lambda o: o.period)
    rolling = sorted((o for o in observations if o.period.kind is PeriodKind.ROLLING_YEAR), key=lambda o: o.period)
    return ServiceView(
        service=service,
        rows=rows,
        kpis={name: kpi(rows, name, newest) for name in KPIS},
        coverage=coverage(observations, expected),
        quarters=quarters,
        rolling=rolling,
    )


def department_view(department: Department, slug: str, services: list[ServiceView]) -> DepartmentView:
    high_volume = [view for view in services if view.service.high_volume]
    return DepartmentView(
        department=department,
        slug=slug,
        services=services,
        transactions_per_year=sum_latest([v.rows for v in services], lambda row: row.volume),
        digital_takeup=aggregate_takeup([v.rows for v in high_volume]),
        total_cost=sum_latest([v.rows for v in high_volume], lambda row: row.total_cost),
        coverage=sum((v.coverage for v in high_volume), Coverage(0, 0)) if high_volume else None,
    )


def build_explorer(contents: Contents) -> Explorer:
    newest = newest_period(contents.observations)
    expected = rolling_periods(contents.observations)
    services = [service_view(s, contents.observations[s.slug], newest, expected) for s in contents.services]
    by_department: dict[str, list[ServiceView]] = {}
    for view in services:
        by_department.setdefault(view.service.department.abbr, []).append(view)
    slugs = department_slugs(by_department)
    departments = [
        department_view(contents.departments[abbr], slugs[abbr], views)
        for abbr, views in sorted(by_department.items(), key=lambda item: item[0].lower())
    ]
    return Explorer(services, departments, newest, expected)
