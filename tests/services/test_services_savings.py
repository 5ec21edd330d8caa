"""Issue 13's savings model: hand-computed figures on tests/fixtures/services/savings-small.csv (each branch), the
sensitivity grid, realised savings, the command, and the real services.csv against an independent computation.

The fixture (defaults T=0.82, H=10,000, a=0.461, p=0.8, r = 0.02 / 0.33 / 1, so the offline ratio is 0.464):
- dsv-at-target: 2016-Q1 V=20,000, t=0.9 >= T: saving 0.
- dsv-small: V=5,000 < H: saving 0 (with H=1: t=0.2, c=3.752 so c_u=10, c_o=4.64, c_d=0.2: 5000·0.62·4.44=13,764).
- dsv-digital-cost: latest costed 2016-Q1 (2016-Q2 has no cost): V=100,000, t=0.5, c=6, d=2 so c_o=(6-1)/0.5=10,
  c_d=2: 100,000·0.32·8 = 256,000. Baseline 2015-Q1 t=0.4: realised 2016-Q1 = 100,000·0.1·8 = 80,000.
- dsv-relative: 2016-Q2 has V=0 (skipped); 2016-Q1 V=50,000, t=0.2, c=3.752: 50,000·0.62·4.44 = 137,640.
  Baseline 2015-Q1 t=0.1: realised 2016-Q1 = 50,000·0.1·4.44 = 22,200.
- oth-assumed: no digital volume, t=a=0.461, c=2.59316 (so c_u=10): 20,000·0.359·4.44 = 31,879.2.
- oth-clamped: digital 12,000 > V 10,000: t clamped to 1 >= T: saving 0 (and d=1 is not used: t is not below 1).
- oth-no-cost: no cost per transaction: not counted.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.services.explorer import Explorer, build_explorer
from govpress.services.importing import import_file
from govpress.services.savings import Assumptions, clamp, grid, realised, savings, unit_costs
from govpress.services.store import Store, open_store

CENT = Decimal("0.01")


@pytest.fixture
def explorer(store: Store, fixtures: Path) -> Explorer:
    import_file(store, fixtures / "savings-small.csv", None, strict=False)
    return build_explorer(store.contents())


def _by_slug(explorer: Explorer, assumptions: Assumptions | None = None) -> dict[str, Decimal]:
    return {s.slug: s.saving for s in savings(explorer, assumptions or Assumptions()).services}


def test_target_reached_gives_no_saving(explorer: Explorer) -> None:
    item = next(s for s in savings(explorer, Assumptions()).services if s.slug == "dsv-at-target")
    assert item.takeup == Decimal("0.9") and item.saving == 0


def test_volume_below_threshold_gives_no_saving_until_the_threshold_drops(explorer: Explorer) -> None:
    assert _by_slug(explorer)["dsv-small"] == 0
    assert _by_slug(explorer, Assumptions(threshold=Decimal(1)))["dsv-small"].quantize(CENT) == Decimal("13764.00")


def test_digital_cost_branch_in_the_latest_costed_period(explorer: Explorer) -> None:
    item = next(s for s in savings(explorer, Assumptions()).services if s.slug == "dsv-digital-cost")
    assert item.period.key == "2016-Q1"
    assert (item.costs.offline, item.costs.digital) == (Decimal(10), Decimal(2))
    assert item.saving == Decimal(256000)


def test_relative_cost_branch_skips_a_period_with_volume_zero(explorer: Explorer) -> None:
    item = next(s for s in savings(explorer, Assumptions()).services if s.slug == "dsv-relative")
    assert item.period.key == "2016-Q1"
    assert (item.costs.offline, item.costs.digital) == (Decimal("4.64"), Decimal("0.2"))
    assert item.saving == Decimal(137640)


def test_missing_digital_volume_uses_the_assumed_takeup(explorer: Explorer) -> None:
    item = next(s for s in savings(explorer, Assumptions()).services if s.slug == "oth-assumed")
    assert item.takeup_assumed and item.takeup == Decimal("0.461")
    assert item.saving.quantize(CENT) == Decimal("31879.20")
    changed = _by_slug(explorer, Assumptions(assumed_takeup=Decimal("0.9")))
    assert changed["oth-assumed"] == 0


def test_takeup_is_clamped(explorer: Explorer) -> None:
    item = next(s for s in savings(explorer, Assumptions()).services if s.slug == "oth-clamped")
    assert item.takeup == 1 and item.saving == 0
    assert clamp(Decimal("-0.5")) == 0 and clamp(Decimal("1.2")) == 1 and clamp(Decimal("0.3")) == Decimal("0.3")
    # at t = 1 the digital cost is not used (c_o would divide by 0): the relative branch
    costs = unit_costs(Decimal("4"), Decimal(1), Decimal(1), Assumptions())
    assert costs.digital == Decimal("4") and costs.offline == Decimal("92.8")


def test_no_numeric_cost_is_not_counted(explorer: Explorer) -> None:
    assert "oth-no-cost" not in _by_slug(explorer)
    assert len(savings(explorer, Assumptions()).services) == 6


def test_totals_are_plain_sums(explorer: Explorer) -> None:
    result = savings(explorer, Assumptions())
    assert result.total.quantize(CENT) == Decimal("425519.20")
    assert {d.abbr: d.saving.quantize(CENT) for d in result.departments} == {
        "DSV": Decimal("393640.00"),
        "OTH": Decimal("31879.20"),
    }


def test_grid_has_figure_13_shape_and_hand_computed_cells(explorer: Explorer) -> None:
    values = grid(explorer, Assumptions())
    assert [len(row) for row in values] == [6, 6, 6, 6]
    assert values[1][4].quantize(CENT) == Decimal("425519.20")  # T=0.82, H=10,000: the defaults
    assert values[1][0].quantize(CENT) == Decimal("439283.20")  # H=1 adds dsv-small's 13,764
    assert values[0][4].quantize(CENT) == Decimal("403303.20")  # T=0.8: 240,000 + 133,200 + 30,103.2
    assert all(row[5] == 0 for row in values)  # no service reaches 1,000,000 transactions


def test_realised_savings_over_time(explorer: Explorer) -> None:
    points = realised(explorer, Assumptions())
    assert [p.period.key for p in points] == ["2016-Q1"]
    assert points[0].by_service == {"dsv-digital-cost": Decimal(80000), "dsv-relative": Decimal(22200)}
    assert points[0].total == Decimal(102200)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(fixtures: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "s.db")
    assert _run("services", "import", str(fixtures / "savings-small.csv"), "--db", path)[0] == 0
    return path


def test_command_json(db: str) -> None:
    code, out, _ = _run("services", "savings", "--db", db, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["total"] == pytest.approx(425519.2) and data["services_counted"] == 6
    assert data["departments"][0] == {"abbr": "DSV", "name": "Department of Savings", "savings": 393640.0}
    assert data["grid"]["takeup"] == [0.8, 0.82, 0.9, 0.95]
    assert data["grid"]["thresholds"] == [1, 10, 100, 1000, 10000, 1000000]
    assert data["grid"]["values"][1][4] == pytest.approx(425519.2)
    assert data["realised"][0]["period"] == "2016-Q1" and data["realised"][0]["savings"] == 102200.0
    assert data["assumptions"]["target"] == 0.82 and data["assumptions"]["ratio_phone"] == 0.33


def test_command_options_change_the_model(db: str) -> None:
    code, out, _ = _run(
        "services", "savings", "--db", db, "--format", "json", "--target", "0.8", "--threshold", "1",
        "--assumed-takeup", "0.5", "--phone-share", "1", "--ratios", "digital=0.02,phone=0.33,face_to_face=1",
    )  # fmt: skip
    data = json.loads(out)
    chosen = Assumptions(
        target=Decimal("0.8"), threshold=Decimal(1), assumed_takeup=Decimal("0.5"), phone_share=Decimal(1)
    )
    assert code == 0 and data["assumptions"] == chosen.as_dict()
    store = open_store(db)
    try:
        expected = savings(build_explorer(store.contents()), chosen).total
    finally:
        store.close()
    assert data["total"] == float(expected) and data["total"] != pytest.approx(425519.2)


def test_command_table(db: str) -> None:
    code, out, _ = _run("services", "savings", "--db", db)
    assert code == 0
    assert "savings: £425,519 a year from 6 services" in out
    assert "Department of Savings" in out and "£393,640" in out and "£102,200" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--target", "1.5", "Invalid value for '--target': target must be between 0 and 1, not 1.5"),
        ("--target", "nan", "Invalid value for '--target': 'nan' is not a number"),
        ("--threshold", "-3", "Invalid value for '--threshold': threshold must be a number of transactions, 0 or more"),
        ("--assumed-takeup", "abc", "Invalid value for '--assumed-takeup': 'abc' is not a number"),
        ("--phone-share", "2", "Invalid value for '--phone-share': phone_share must be between 0 and 1, not 2"),
        ("--ratios", "digital=x", "Invalid value for '--ratios': digital: 'x' is not a number"),
        ("--ratios", "web=1", "Invalid value for '--ratios': 'web=1': expected NAME=NUMBER with NAME one of digital"),
        ("--ratios", "phone=0", "Invalid value for '--ratios': phone must be a relative cost above 0"),
        ("--ratios", "phone=1,phone=2", "Invalid value for '--ratios': 'phone' is given twice"),
    ],
)
def test_command_bad_options_name_the_option(db: str, option: str, value: str, message: str) -> None:
    code, _, err = _run("services", "savings", "--db", db, option, value)
    assert code == 2 and message in " ".join(err.split()) and "Traceback" not in err


def test_command_missing_store_is_an_error(tmp_path: Path) -> None:
    code, _, err = _run("services", "savings", "--db", str(tmp_path / "typo.db"))
    assert code == 1 and "typo.db: error: no services store here" in err
    assert not (tmp_path / "typo.db").exists()


def _independent(db: Path, target: Fraction, threshold: int) -> Fraction:
    """The model written again over the store's cells with SQL and fractions (not through govpress.services)."""
    a, p, r_d, r_p = Fraction("0.461"), Fraction("0.8"), Fraction("0.02"), Fraction("0.33")
    offline_ratio = p * r_p + (1 - p)
    rows = sqlite3.connect(db).execute(
        "SELECT service, volume, digital_volume, cost_per_transaction, digital_cost_per_transaction"
        " FROM observations WHERE period_kind = 'rolling-year' ORDER BY service, period_start DESC"
    )
    number = lambda cell: None if cell is None or cell == "***" else Fraction(cell)  # noqa: E731
    latest: dict[str, tuple[Fraction | None, ...]] = {}
    for service, *cells in rows:
        v, dv, c, d = map(number, cells)
        if service not in latest and v is not None and v > 0 and c is not None:
            latest[service] = (v, dv, c, d)
    total = Fraction(0)
    for v, dv, c, d in latest.values():
        assert v is not None and c is not None
        t = a if dv is None else min(max(dv / v, Fraction(0)), Fraction(1))
        if t >= target or v < threshold:
            continue
        if d is not None and 0 < t < 1:
            c_d, c_o = d, (c - t * d) / (1 - t)
        else:
            c_u = c / (t * r_d + (1 - t) * offline_ratio)
            c_d, c_o = c_u * r_d, c_u * offline_ratio
        total += v * (target - t) * max(c_o - c_d, Fraction(0))
    return total


def test_real_services_csv_total_and_grid(real_services_csv: Path, tmp_path: Path) -> None:
    db = tmp_path / "real.db"
    assert _run("services", "import", str(real_services_csv), "--db", str(db))[0] == 0
    started = time.monotonic()
    code, out, _ = _run("services", "savings", "--db", str(db), "--format", "json")
    elapsed = time.monotonic() - started
    data = json.loads(out)
    assert code == 0 and elapsed < 60
    assert data["total"] == pytest.approx(float(_independent(db, Fraction("0.82"), 10000)), rel=1e-9)
    assert data["total"] > 1_000_000_000  # billions a year, as the report's estimate
    for i, target in enumerate(data["grid"]["takeup"]):
        for j, threshold in enumerate(data["grid"]["thresholds"]):
            expected = float(_independent(db, Fraction(str(target)), threshold))
            assert data["grid"]["values"][i][j] == pytest.approx(expected, rel=1e-9), (target, threshold)


def test_assumptions_are_exact_decimals() -> None:
    assumptions = Assumptions()
    assert assumptions.target == Decimal("0.82") and assumptions.problems() == []
    assert replace(assumptions, phone_share=Decimal("1.2")).problems() == [
        ("phone_share", "must be between 0 and 1, not 1.2")
    ]
