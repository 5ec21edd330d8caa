"""The columns of the explorer's tables: departments, high-volume services, one department's services."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from govpress.i18n import N_
from govpress.services.explorer import DepartmentView, ServiceView
from govpress.services.figures import Kpi
from govpress.services.pages import formatting
from govpress.services.pages.tables import Cell, Column
from govpress.services.pages.words import ENGLISH, Words

NO_DATA = N_("No data")  # a KPI the service gave no figure for
STALE = N_("Data received for %(period)s; latest data not provided")
# Column names (translated where the table is made: govpress.services.pages.tables.table_context).
DEPARTMENT = N_("Department")
TAKEUP_HIGH_VOLUME = N_("Digital take-up (high-volume services)")
COST_HIGH_VOLUME = N_("Total cost (high-volume services)")
COVERAGE_HIGH_VOLUME = N_("Data coverage (high-volume services)")
TRANSACTIONS = N_("Transactions per year")
SERVICE = N_("Transactional service")
TOTAL_COST = N_("Total cost")
COST_PER_TRANSACTION = N_("Cost per transaction")
TAKEUP = N_("Digital take-up")
AGENCY = N_("Agency or body")
CATEGORY = N_("Category")


def service_href(root: str, view: ServiceView) -> str:
    return f"{root}service-details/{view.slug}.html"


def department_href(root: str, view: DepartmentView) -> str:
    return f"{root}department/{view.slug}/by-transactions-per-year/descending.html"


def kpi_cell(kpi: Kpi, text: str, words: Words = ENGLISH) -> Cell:
    """A KPI's cell, with ``*`` when its figure is older than the newest period; "No data" (and no star: there is
    no figure to qualify) when the service gave none."""
    if kpi.value is None:
        return Cell(NO_DATA, numeric=True, message=True)
    if kpi.stale and kpi.period:
        return Cell(text, stale=words(STALE) % {"period": words.period(kpi.period)}, numeric=True)
    return Cell(text, numeric=True)


def department_columns(root: str) -> list[Column[DepartmentView]]:
    def coverage(view: DepartmentView) -> Cell:
        fraction = view.coverage.fraction if view.coverage else None
        return Cell(formatting.percentage(fraction), numeric=True)

    return [
        Column("by-department", DEPARTMENT, lambda v: v.department.name,
               lambda v: Cell(v.department.name, department_href(root, v))),
        Column("by-digital-takeup", TAKEUP_HIGH_VOLUME, lambda v: v.digital_takeup,
               lambda v: Cell(formatting.percentage(v.digital_takeup), numeric=True), numeric=True),
        Column("by-cost", COST_HIGH_VOLUME, lambda v: v.total_cost,
               lambda v: Cell(formatting.money(v.total_cost), numeric=True), numeric=True),
        Column("by-data-coverage", COVERAGE_HIGH_VOLUME,
               lambda v: v.coverage.fraction if v.coverage else None, coverage, numeric=True),
        Column("by-transactions-per-year", TRANSACTIONS, lambda v: v.transactions_per_year,
               lambda v: Cell(formatting.grouped(v.transactions_per_year), numeric=True), numeric=True),
    ]  # fmt: skip


def kpi_column(
    key: str, label: str, name: str, show: Callable[[Decimal | None], str], words: Words = ENGLISH
) -> Column[ServiceView]:
    """A column of a service's latest KPI ``name``, starred when stale."""
    return Column(
        key,
        label,
        lambda v: v.kpis[name].value,
        lambda v: kpi_cell(v.kpis[name], show(v.kpis[name].value), words),
        numeric=True,
    )


def high_volume_columns(root: str, words: Words = ENGLISH) -> list[Column[ServiceView]]:
    return [
        Column("by-name", SERVICE, lambda v: v.service.name,
               lambda v: Cell(v.service.name, service_href(root, v))),
        Column("by-department", DEPARTMENT, lambda v: v.service.department.abbr,
               lambda v: Cell(v.service.department.abbr)),
        kpi_column("by-total-cost", TOTAL_COST, "total_cost", formatting.money, words),
        kpi_column("by-cost-per-transaction", COST_PER_TRANSACTION, "cost_per_transaction", formatting.money, words),
        kpi_column("by-digital-takeup", TAKEUP, "digital_takeup", formatting.percentage, words),
        kpi_column("by-transactions-per-year", TRANSACTIONS, "volume", formatting.grouped, words),
    ]  # fmt: skip


def department_service_columns(root: str, words: Words = ENGLISH) -> list[Column[ServiceView]]:
    return [
        Column("by-name", SERVICE, lambda v: v.service.name,
               lambda v: Cell(v.service.name, service_href(root, v))),
        Column("by-agency", AGENCY, lambda v: v.service.body.name if v.service.body else None,
               lambda v: Cell(v.service.body.name if v.service.body else "")),
        Column("by-category", CATEGORY, lambda v: v.service.category, lambda v: Cell(v.service.category)),
        kpi_column("by-transactions-per-year", TRANSACTIONS, "volume", formatting.grouped, words),
    ]  # fmt: skip
