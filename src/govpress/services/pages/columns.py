"""The columns of the explorer's tables: departments, high-volume services, one department's services."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from govpress.i18n import N_
from govpress.services.explorer import DepartmentView, ServiceView
from govpress.services.figures import Kpi
from govpress.services.pages import formatting
from govpress.services.pages.tables import Cell, Column
from govpress.services.periods import period_label

NO_DATA = N_("No data")  # a KPI the service gave no figure for


def service_href(root: str, view: ServiceView) -> str:
    return f"{root}service-details/{view.slug}.html"


def department_href(root: str, view: DepartmentView) -> str:
    return f"{root}department/{view.slug}/by-transactions-per-year/descending.html"


def kpi_cell(kpi: Kpi, text: str) -> Cell:
    """A KPI's cell, with ``*`` when its figure is older than the newest period; "No data" (and no star: there is
    no figure to qualify) when the service gave none."""
    if kpi.value is None:
        return Cell(NO_DATA, numeric=True, message=True)
    if kpi.stale and kpi.period:
        return Cell(text, stale=f"Data received for {period_label(kpi.period)}; latest data not provided", numeric=True)
    return Cell(text, numeric=True)


def department_columns(root: str) -> list[Column[DepartmentView]]:
    def coverage(view: DepartmentView) -> Cell:
        fraction = view.coverage.fraction if view.coverage else None
        return Cell(formatting.percentage(fraction), numeric=True)

    return [
        Column("by-department", "Department", lambda v: v.department.name,
               lambda v: Cell(v.department.name, department_href(root, v))),
        Column("by-digital-takeup", "Digital take-up (high-volume services)", lambda v: v.digital_takeup,
               lambda v: Cell(formatting.percentage(v.digital_takeup), numeric=True), numeric=True),
        Column("by-cost", "Total cost (high-volume services)", lambda v: v.total_cost,
               lambda v: Cell(formatting.money(v.total_cost), numeric=True), numeric=True),
        Column("by-data-coverage", "Data coverage (high-volume services)",
               lambda v: v.coverage.fraction if v.coverage else None, coverage, numeric=True),
        Column("by-transactions-per-year", "Transactions per year", lambda v: v.transactions_per_year,
               lambda v: Cell(formatting.grouped(v.transactions_per_year), numeric=True), numeric=True),
    ]  # fmt: skip


def kpi_column(key: str, label: str, name: str, show: Callable[[Decimal | None], str]) -> Column[ServiceView]:
    """A column of a service's latest KPI ``name``, starred when stale."""
    return Column(
        key,
        label,
        lambda v: v.kpis[name].value,
        lambda v: kpi_cell(v.kpis[name], show(v.kpis[name].value)),
        numeric=True,
    )


def high_volume_columns(root: str) -> list[Column[ServiceView]]:
    return [
        Column("by-name", "Transactional service", lambda v: v.service.name,
               lambda v: Cell(v.service.name, service_href(root, v))),
        Column("by-department", "Department", lambda v: v.service.department.abbr,
               lambda v: Cell(v.service.department.abbr)),
        kpi_column("by-total-cost", "Total cost", "total_cost", formatting.money),
        kpi_column("by-cost-per-transaction", "Cost per transaction", "cost_per_transaction", formatting.money),
        kpi_column("by-digital-takeup", "Digital take-up", "digital_takeup", formatting.percentage),
        kpi_column("by-transactions-per-year", "Transactions per year", "volume", formatting.grouped),
    ]  # fmt: skip


def department_service_columns(root: str) -> list[Column[ServiceView]]:
    return [
        Column("by-name", "Transactional service", lambda v: v.service.name,
               lambda v: Cell(v.service.name, service_href(root, v))),
        Column("by-agency", "Agency or body", lambda v: v.service.body.name if v.service.body else None,
               lambda v: Cell(v.service.body.name if v.service.body else "")),
        Column("by-category", "Category", lambda v: v.service.category, lambda v: Cell(v.service.category)),
        kpi_column("by-transactions-per-year", "Transactions per year", "volume", formatting.grouped),
    ]  # fmt: skip
