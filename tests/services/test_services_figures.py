"""The figures, unit by unit: KPI rows, change, staleness, aggregates and coverage."""

from __future__ import annotations

from decimal import Decimal

from govpress.services.figures import (
    Coverage,
    KpiRow,
    aggregate_takeup,
    coverage,
    kpi,
    kpi_row,
    sum_latest,
)
from govpress.services.model import NOT_PROVIDED, NOT_REQUESTED, Observation
from govpress.services.periods import rolling_year


def _row(key: str, volume: int, cpt: str | None = None, digital: int | None = None) -> KpiRow:
    row = kpi_row(
        Observation(
            "s",
            rolling_year(key),
            volume=Decimal(volume),
            cost_per_transaction=Decimal(cpt) if cpt else NOT_PROVIDED,
            digital_volume=Decimal(digital) if digital is not None else NOT_PROVIDED,
        )
    )
    assert row is not None
    return row


def test_change_is_against_the_kpi_row_just_before() -> None:
    rows = [_row("2013-Q1", 10, "2"), _row("2013-Q2", 20), _row("2013-Q3", 30, "3")]
    assert kpi(rows, "volume", None).change == Decimal("1.5")
    assert kpi(rows, "cost_per_transaction", None).change is None  # the row before has no CPT
    assert kpi(rows, "cost_per_transaction", None).value == Decimal(3)


def test_change_is_none_when_the_previous_value_is_zero() -> None:
    rows = [_row("2013-Q1", 0), _row("2013-Q2", 5)]
    assert kpi(rows, "volume", None).change is None


def test_stale_when_older_than_the_newest_period() -> None:
    rows = [_row("2013-Q1", 10, "2"), _row("2013-Q2", 20)]
    cost = kpi(rows, "cost_per_transaction", rolling_year("2013-Q2"))
    assert cost.stale and cost.period == rolling_year("2013-Q1")
    assert not kpi(rows, "volume", rolling_year("2013-Q2")).stale


def test_takeup_and_total_cost() -> None:
    row = _row("2013-Q1", 200, "1.5", 50)
    assert (row.digital_takeup, row.total_cost) == (Decimal("0.25"), Decimal(300))
    assert _row("2013-Q1", 200, None, 0).digital_takeup == 0
    assert _row("2013-Q1", 200).digital_takeup is None


def test_aggregates_use_each_services_latest_row_with_the_figures() -> None:
    first = [_row("2013-Q1", 100, "1", 50), _row("2013-Q2", 200)]
    second = [_row("2013-Q1", 300, "2", 300)]
    assert sum_latest([first, second], lambda r: r.volume) == Decimal(500)
    assert sum_latest([first, second], lambda r: r.total_cost) == Decimal(100 + 600)
    assert aggregate_takeup([first, second]) == Decimal(350) / Decimal(400)
    assert aggregate_takeup([[_row("2013-Q1", 10)]]) is None
    assert sum_latest([[]], lambda r: r.total_cost) is None


def test_coverage_skips_not_requested_cells() -> None:
    periods = [rolling_year("2013-Q1"), rolling_year("2013-Q2")]
    observed = Observation(
        "s", periods[0], volume=Decimal(1), digital_volume=Decimal(0), cost_per_transaction=NOT_REQUESTED
    )
    assert coverage([observed], periods) == Coverage(2, 5)  # the missing 2013-Q2 counts 3 requested cells
    assert Coverage(0, 0).fraction is None
