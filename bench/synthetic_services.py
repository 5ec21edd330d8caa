"""Synthetic service performance data of any size, for the explorer's scaling benchmark (bench/services_pages.py) and
the import benchmark (bench/import_services.py).

Writes a native CSV (``govpress services import`` reads it; docs/services.md, "Native long format") of SERVICES
services x PERIODS periods: for each service and each period (consecutive quarter keys ending with 2017-Q4), one
rolling-year row and, with ``--quarters``, one calendar-quarter row. Departments grow with the services
(``--per-department``, 40 by default: 250 departments at 10,000 services), bodies too (one per 10 services).
Figures follow the real data's shape: about 1 service in 10 high-volume, volumes over six orders of magnitude
growing or shrinking a few percent a period, digital take-up rising, costs falling, and gaps: some cells not
provided, some not requested (``***``), some services stopping before the newest period (stale figures) and a few
with no volume at all. A fixed seed: the same arguments always give the same bytes.

    python bench/synthetic_services.py OUT.csv --services 10000 --periods 20 [--quarters] [--per-department 40]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from govpress.services.importers.native_rows import COLUMNS
from govpress.services.model import PeriodKind
from govpress.services.periods import period_for

SEED = 2013
LAST_YEAR, LAST_QUARTER = 2017, 4
CATEGORIES = ("Providing information", "Requesting a licence or consent", "Paying tax or duty", "Registering")
CUSTOMERS = ("Individuals", "Business", "Individuals and business")
MODELS = ("Taxpayers", "Fees and charges")


def period_keys(count: int) -> list[str]:
    """``count`` consecutive quarter keys, oldest first, ending with the last one."""
    index = LAST_YEAR * 4 + LAST_QUARTER - 1
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]


def _figure(rng: random.Random, value: Decimal | int, missing: float = 0.04, not_requested: float = 0.02) -> str:
    """A figure's cell: the value, or (rarely) not provided (empty) or not requested (``***``)."""
    draw = rng.random()
    if draw < missing:
        return ""
    return "***" if draw < missing + not_requested else str(value)


def _service(number: int, per_department: int, rng: random.Random) -> list[str]:
    department, body = number // per_department, number // 10
    return [
        f"service-{number:05d}",
        f"Service {number:05d} {rng.choice(('apply', 'renew', 'register', 'pay', 'claim', 'report'))}",
        f"D{department:03d}",
        f"Department {department:03d}",
        f"B{body:04d}",
        f"Body {body:04d}",
        rng.choice(CATEGORIES),
        rng.choice(CUSTOMERS),
        rng.choice(MODELS),
        f"https://example.org/services/{number}",
        f"Made-up service number {number}.",
        "Costs estimated." if rng.random() < 0.2 else "",
        "",
        "made up, synthetic",
        "true" if rng.random() < 0.1 else "false",
    ]


def service_rows(
    number: int, keys: list[str], quarters: bool, per_department: int, rng: random.Random
) -> Iterator[list[object]]:
    """The rows of service ``number``: its details, then one row per period (and kind)."""
    service = _service(number, per_department, rng)
    volume = 10 ** rng.uniform(2, 8)
    takeup, cost = rng.uniform(0.05, 0.9), rng.uniform(0.5, 80)
    stops = len(keys) - rng.randint(1, 4) if rng.random() < 0.1 else len(keys)  # stale: no rows after ``stops``
    silent = rng.random() < 0.02  # gave no volume at all
    for key in keys[:stops]:
        volume *= rng.uniform(0.95, 1.08)
        takeup = min(takeup * rng.uniform(1.0, 1.06), 0.99)
        cost *= rng.uniform(0.93, 1.02)
        whole = int(volume)
        year = period_for(PeriodKind.ROLLING_YEAR, key)
        yield [
            *service,
            year.kind.value,
            key,
            year.start,
            year.end,
            "" if silent else _figure(rng, whole, 0.02, 0),
            _figure(rng, int(whole * takeup)),
            _figure(rng, Decimal(f"{cost:.2f}")),
            _figure(rng, Decimal(f"{cost * 0.3:.2f}"), 0.5, 0.2),
            _figure(rng, Decimal(f"{rng.uniform(0.6, 0.99):.3f}"), 0.8, 0.1),
            _figure(rng, Decimal(f"{rng.uniform(0.5, 0.95):.3f}"), 0.8, 0.1),
        ]
        if quarters:
            quarter = period_for(PeriodKind.QUARTER, key)
            figures = ["" if silent else _figure(rng, whole // 4, 0.02, 0), _figure(rng, int(whole * takeup) // 4)]
            yield [*service, quarter.kind.value, key, quarter.start, quarter.end, *figures, "", "", "", ""]


def write_services(path: Path, services: int, periods: int, *, quarters: bool = True, per_department: int = 40) -> int:
    """Write the native CSV of ``services`` x ``periods`` into ``path``; returns the number of data rows."""
    rng = random.Random(SEED)
    keys = period_keys(periods)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number in range(services):
            for row in service_rows(number, keys, quarters, per_department, rng):
                writer.writerow(row)
                rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--quarters", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--per-department", type=int, default=40)
    args = parser.parse_args()
    rows = write_services(
        args.out, args.services, args.periods, quarters=args.quarters, per_department=args.per_department
    )
    print(f"wrote {rows:,} rows ({args.services:,} services x {args.periods} periods) into {args.out}")


if __name__ == "__main__":
    main()
