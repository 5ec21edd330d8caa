"""Channel-shift savings (issue 13; the model and its sources are in docs/savings.md).

For each service, its latest figures as the explorer shows them (:func:`govpress.services.figures.kpi_rows`):
the most recent rolling year with a volume ``V > 0`` and a cost per transaction ``c``. In that period:

- take-up ``t`` = digital volume / ``V`` clamped to [0, 1]; the assumed take-up ``a`` when the digital volume is
  not provided;
- saving 0 when ``t >= T`` (target take-up) or ``V < H`` (volume threshold);
- unit costs: with a digital cost per transaction ``d`` and ``0 < t < 1``, ``c_d = d`` and
  ``c_o = (c - t·d) / (1 - t)``; otherwise from relative channel costs ``r_d``, ``r_p`` (face to face 1 unit
  of ``r_f``) and the phone share ``p`` of offline transactions:
  ``c_u = c / (t·r_d + (1 - t)·(p·r_p + (1 - p)·r_f))``, ``c_d = c_u·r_d``, ``c_o = c_u·(p·r_p + (1 - p)·r_f)``;
- annual saving = ``V · (T - t) · max(c_o - c_d, 0)``.

Realised savings: against a service's baseline (its first rolling year with a volume, a take-up and a cost),
each later such period realises ``V · max(t - t_base, 0) · max(c_o - c_d, 0)`` with that period's unit costs.
Every figure is a ``Decimal``; totals are plain sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from govpress.services.explorer import Explorer, ServiceView
from govpress.services.figures import KpiRow
from govpress.services.model import Period, value_of

GRID_TAKEUP = (Decimal("0.8"), Decimal("0.82"), Decimal("0.9"), Decimal("0.95"))
GRID_THRESHOLDS = (Decimal(1), Decimal(10), Decimal(100), Decimal(1000), Decimal(10000), Decimal(1000000))
ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class Assumptions:
    """The model's settings; the defaults are the Digital Efficiency Report's (docs/savings.md)."""

    target: Decimal = Decimal("0.82")
    threshold: Decimal = Decimal(10000)
    assumed_takeup: Decimal = Decimal("0.461")
    phone_share: Decimal = Decimal("0.8")
    ratio_digital: Decimal = Decimal("0.02")
    ratio_phone: Decimal = Decimal("0.33")
    ratio_face_to_face: Decimal = Decimal(1)

    def problems(self) -> list[tuple[str, str]]:
        """``(setting, message)`` for each setting out of its range (empty when all are valid)."""
        found = []
        for name in ("target", "assumed_takeup", "phone_share"):
            value: Decimal = getattr(self, name)
            if not (value.is_finite() and ZERO <= value <= ONE):
                found.append((name, f"must be between 0 and 1, not {value}"))
        if not (self.threshold.is_finite() and self.threshold >= 0):
            found.append(("threshold", f"must be a number of transactions, 0 or more, not {self.threshold}"))
        for name in ("ratio_digital", "ratio_phone", "ratio_face_to_face"):
            ratio: Decimal = getattr(self, name)
            if not (ratio.is_finite() and ZERO < ratio <= Decimal(1000)):
                found.append((name, f"must be a relative cost above 0 (at most 1000), not {ratio}"))
        return found

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class UnitCosts:
    offline: Decimal
    digital: Decimal

    @property
    def difference(self) -> Decimal:
        return max(self.offline - self.digital, ZERO)


@dataclass(frozen=True)
class ServiceSaving:
    """One counted service: the period used, its volume, take-up (and whether it was assumed), costs, saving."""

    slug: str
    name: str
    department: str
    period: Period
    volume: Decimal
    takeup: Decimal
    takeup_assumed: bool
    costs: UnitCosts
    saving: Decimal


@dataclass(frozen=True)
class DepartmentSaving:
    abbr: str
    name: str
    saving: Decimal


@dataclass(frozen=True)
class Savings:
    services: list[ServiceSaving]
    departments: list[DepartmentSaving]
    total: Decimal
    assumptions: Assumptions


@dataclass(frozen=True)
class RealisedPoint:
    """Realised savings in one period: per service slug and their sum."""

    period: Period
    by_service: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.by_service.values(), ZERO)


def clamp(value: Decimal) -> Decimal:
    return min(max(value, ZERO), ONE)


def unit_costs(cost: Decimal, takeup: Decimal, digital_cost: Decimal | None, assumptions: Assumptions) -> UnitCosts:
    """Offline and digital cost per transaction for a blended cost ``cost`` at take-up ``takeup``."""
    if digital_cost is not None and ZERO < takeup < ONE:
        return UnitCosts((cost - takeup * digital_cost) / (ONE - takeup), digital_cost)
    p = assumptions.phone_share
    offline_ratio = p * assumptions.ratio_phone + (ONE - p) * assumptions.ratio_face_to_face
    unit = cost / (takeup * assumptions.ratio_digital + (ONE - takeup) * offline_ratio)
    return UnitCosts(unit * offline_ratio, unit * assumptions.ratio_digital)


def _digital_cost(view: ServiceView, period: Period) -> Decimal | None:
    observation = view.rolling_by_period.get(period)
    return None if observation is None else value_of(observation.digital_cost_per_transaction)


def latest_costed(rows: Sequence[KpiRow]) -> KpiRow | None:
    """The most recent rolling year with a volume above 0 and a cost per transaction."""
    return next((r for r in reversed(rows) if r.volume > 0 and r.cost_per_transaction is not None), None)


def service_saving(view: ServiceView, assumptions: Assumptions) -> ServiceSaving | None:
    """The annual saving of a service, or ``None`` when it has no period with a volume and a cost."""
    row = latest_costed(view.rows)
    if row is None or row.cost_per_transaction is None:
        return None
    assumed = row.digital_takeup is None
    takeup = assumptions.assumed_takeup if row.digital_takeup is None else clamp(row.digital_takeup)
    costs = unit_costs(row.cost_per_transaction, takeup, _digital_cost(view, row.period), assumptions)
    counted = takeup < assumptions.target and row.volume >= assumptions.threshold
    saving = row.volume * (assumptions.target - takeup) * costs.difference if counted else ZERO
    service = view.service
    return ServiceSaving(
        service.slug, service.name, service.department.abbr, row.period, row.volume, takeup, assumed, costs, saving
    )


def savings(explorer: Explorer, assumptions: Assumptions) -> Savings:
    """Every counted service's saving, each department's sum and the government's."""
    counted = [s for view in explorer.services if (s := service_saving(view, assumptions)) is not None]
    by_department: dict[str, Decimal] = {}
    for item in counted:
        by_department[item.department] = by_department.get(item.department, ZERO) + item.saving
    departments = [
        DepartmentSaving(d.department.abbr, d.department.name, by_department.get(d.department.abbr, ZERO))
        for d in explorer.departments
    ]
    return Savings(counted, departments, sum((s.saving for s in counted), ZERO), assumptions)


def grid(
    explorer: Explorer,
    assumptions: Assumptions,
    takeups: Sequence[Decimal] = GRID_TAKEUP,
    thresholds: Sequence[Decimal] = GRID_THRESHOLDS,
) -> list[list[Decimal]]:
    """Total savings for each target take-up (rows) and volume threshold (columns): the report's Figure 13."""
    return [
        [savings(explorer, replace(assumptions, target=target, threshold=threshold)).total for threshold in thresholds]
        for target in takeups
    ]


def _measured(view: ServiceView) -> list[KpiRow]:
    """Rows with a volume above 0, a measured take-up and a cost per transaction, oldest first."""
    return [r for r in view.rows if r.volume > 0 and None not in (r.digital_takeup, r.cost_per_transaction)]


def realised_by_service(view: ServiceView, assumptions: Assumptions) -> dict[Period, Decimal]:
    """Realised savings of a service in each period after its baseline (empty when it has fewer than two)."""
    rows = _measured(view)
    if len(rows) < 2 or rows[0].digital_takeup is None:
        return {}
    base = clamp(rows[0].digital_takeup)
    realised = {}
    for row in rows[1:]:
        if row.digital_takeup is None or row.cost_per_transaction is None:
            continue
        takeup = clamp(row.digital_takeup)
        costs = unit_costs(row.cost_per_transaction, takeup, _digital_cost(view, row.period), assumptions)
        realised[row.period] = row.volume * max(takeup - base, ZERO) * costs.difference
    return realised


def realised(explorer: Explorer, assumptions: Assumptions) -> list[RealisedPoint]:
    """Realised savings per period (oldest first), each with its services' amounts."""
    by_period: dict[Period, dict[str, Decimal]] = {}
    for view in explorer.services:
        for period, amount in realised_by_service(view, assumptions).items():
            by_period.setdefault(period, {})[view.slug] = amount
    return [RealisedPoint(period, by_period[period]) for period in sorted(by_period)]
