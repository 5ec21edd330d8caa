"""The Transactions Explorer figures, derived when reading (performance-data.md §1.3-1.4, §5).

- KPI rows: for each rolling year of a service, in order, a row exists only when the volume is a value.
  ``digital_takeup = digital_volume / volume`` (``None`` when the digital volume is missing or the volume is 0);
  ``total_cost = cost_per_transaction x volume`` (``None`` when the cost per transaction is missing).
- Latest: the last row. Each KPI box shows the newest row that has that KPI, and its change: the ratio to
  the KPI in the row just before it (``None`` when either is missing or the earlier one is 0).
- Stale: a KPI whose period is older than the newest rolling year with a volume across all services.
- Data coverage: provided / requested cells over {volume, digital volume, cost per transaction} x every
  rolling year in the store; ``***`` (not requested) cells are not counted; a cell is provided when it is a
  value. A department's coverage sums its high-volume services' cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govpress.services.model import NOT_REQUESTED, Observation, Period, PeriodKind, value_of

COVERAGE_FIELDS = ("volume", "digital_volume", "cost_per_transaction")
KPIS = ("volume", "digital_takeup", "cost_per_transaction", "total_cost")


@dataclass(frozen=True, slots=True)
class KpiRow:
    period: Period
    volume: Decimal
    digital_volume: Decimal | None
    digital_takeup: Decimal | None
    cost_per_transaction: Decimal | None
    total_cost: Decimal | None

    def kpi(self, name: str) -> Decimal | None:
        value: Decimal | None = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class Kpi:
    """The latest value of one KPI, its period, its change on the row before, and whether it is stale."""

    name: str
    value: Decimal | None
    period: Period | None
    change: Decimal | None
    stale: bool


@dataclass(frozen=True, slots=True)
class Coverage:
    provided: int
    requested: int

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.provided + other.provided, self.requested + other.requested)

    @property
    def fraction(self) -> Decimal | None:
        return Decimal(self.provided) / Decimal(self.requested) if self.requested else None


def kpi_row(observation: Observation) -> KpiRow | None:
    volume = value_of(observation.volume)
    if volume is None:
        return None
    digital = value_of(observation.digital_volume)
    cpt = value_of(observation.cost_per_transaction)
    takeup = None if digital is None or volume == 0 else (Decimal(0) if digital == 0 else digital / volume)
    return KpiRow(observation.period, volume, digital, takeup, cpt, None if cpt is None else cpt * volume)


def kpi_rows(observations: Sequence[Observation]) -> list[KpiRow]:
    """A service's KPI rows, oldest first (rolling years with a volume)."""
    rolling = sorted((o for o in observations if o.period.kind is PeriodKind.ROLLING_YEAR), key=lambda o: o.period)
    return [row for row in map(kpi_row, rolling) if row is not None]


def latest_with(rows: Sequence[KpiRow], name: str) -> KpiRow | None:
    """The newest row that has the KPI ``name``."""
    return next((row for row in reversed(rows) if row.kpi(name) is not None), None)


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """``current / previous``; ``None`` when either is missing or the previous value is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return current / previous


def kpi(rows: Sequence[KpiRow], name: str, newest: Period | None) -> Kpi:
    """The newest row with the KPI; its change on the KPI row just before it (as TE did: rows are periods with a
    volume, so a period without a volume is skipped, and a previous row without this KPI gives no change)."""
    index = next((i for i in range(len(rows) - 1, -1, -1) if rows[i].kpi(name) is not None), None)
    if index is None:
        return Kpi(name, None, None, None, False)
    last = rows[index]
    before = rows[index - 1].kpi(name) if index > 0 else None
    stale = newest is not None and last.period < newest
    return Kpi(name, last.kpi(name), last.period, change(last.kpi(name), before), stale)


def newest_period(observations: dict[str, list[Observation]]) -> Period | None:
    """The newest rolling year in which any service has a volume."""
    periods = [
        o.period
        for obs in observations.values()
        for o in obs
        if o.period.kind is PeriodKind.ROLLING_YEAR and value_of(o.volume) is not None
    ]
    return max(periods, default=None)


def rolling_periods(observations: dict[str, list[Observation]]) -> list[Period]:
    """Every rolling year in the store: the expected periods of data coverage."""
    return sorted({o.period for obs in observations.values() for o in obs if o.period.kind is PeriodKind.ROLLING_YEAR})


def coverage(observations: Sequence[Observation], expected: Sequence[Period]) -> Coverage:
    by_period = {o.period: o for o in observations}
    provided = requested = 0
    for period in expected:
        observation = by_period.get(period)
        for name in COVERAGE_FIELDS:
            figure = observation.figure(name) if observation else None
            if figure is NOT_REQUESTED:
                continue
            requested += 1
            provided += figure is not None and value_of(figure) is not None
    return Coverage(provided, requested)


def sum_latest(rows_by_service: Sequence[list[KpiRow]], pick: Callable[[KpiRow], Decimal | None]) -> Decimal | None:
    """Σ over services of ``pick`` on each service's most recent row where it has a value; ``None`` if none has."""
    values = [v for rows in rows_by_service if (v := _latest_value(rows, pick)) is not None]
    return sum(values, Decimal(0)) if values else None


def _latest_value(rows: list[KpiRow], pick: Callable[[KpiRow], Decimal | None]) -> Decimal | None:
    return next((v for row in reversed(rows) if (v := pick(row)) is not None), None)


def aggregate_takeup(rows_by_service: Sequence[list[KpiRow]]) -> Decimal | None:
    """Σ digital volume / Σ volume, each service's most recent row that has both."""
    latest = [latest_with(rows, "digital_volume") for rows in rows_by_service]
    having = [row for row in latest if row is not None and row.digital_volume is not None]
    total = sum((row.volume for row in having), Decimal(0))
    if not having or total == 0:
        return None
    return sum((row.digital_volume or Decimal(0) for row in having), Decimal(0)) / total


HIGH_VOLUME_RULE = Decimal(100_000)


def high_volume_by_rule(observations: Sequence[Observation]) -> bool:
    """The strategy's rule: over 100,000 transactions in the latest rolling year that has a volume."""
    rows = kpi_rows(observations)
    return bool(rows) and rows[-1].volume > HIGH_VOLUME_RULE
