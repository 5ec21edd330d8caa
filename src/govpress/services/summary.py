"""The summary for machines (``govpress services summary --format json``) and its readable table."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from govpress.services.explorer import DepartmentView, Explorer


class DepartmentSummary(TypedDict):
    abbr: str
    name: str
    services: int
    high_volume_services: int
    transactions_per_year: int | float | None
    digital_takeup: float | None
    total_cost: float | None
    data_coverage: float | None


class Summary(TypedDict):
    services: int
    departments: int
    high_volume_services: int
    transactions_per_year: int | float | None
    latest_period: str | None
    departments_detail: list[DepartmentSummary]


def number(value: Decimal | None) -> int | float | None:
    """A JSON number: an integer when whole, else a float; ``None`` stays ``None``."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def fraction(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def department_summary(view: DepartmentView) -> DepartmentSummary:
    return {
        "abbr": view.department.abbr,
        "name": view.department.name,
        "services": len(view.services),
        "high_volume_services": len(view.high_volume),
        "transactions_per_year": number(view.transactions_per_year),
        "digital_takeup": fraction(view.digital_takeup),
        "total_cost": fraction(view.total_cost),
        "data_coverage": fraction(view.coverage.fraction if view.coverage else None),
    }


def summary(explorer: Explorer) -> Summary:
    return {
        "services": len(explorer.services),
        "departments": len(explorer.departments),
        "high_volume_services": len(explorer.high_volume),
        "transactions_per_year": number(explorer.transactions_per_year),
        "latest_period": explorer.newest.key if explorer.newest else None,
        "departments_detail": [department_summary(view) for view in explorer.departments],
    }
