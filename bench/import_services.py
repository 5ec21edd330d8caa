"""Benchmark: importing ``services.csv`` and a generated native file of 1,000,000 observations.

Prints wall time and peak resident memory (RSS) of each import, into a fresh SQLite store each time.
Usage: ``python bench/import_services.py [--observations N] [--services-csv PATH] [--db URL]``.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVICES_CSV = REPO.parent / "shared" / "data" / "spotlight" / "assets" / "data" / "services.csv"


def generate_native_csv(path: Path, observations: int) -> None:
    """A made-up native CSV: services x (rolling years + quarters) rows."""
    from govpress.services.importers.native_rows import COLUMNS
    from govpress.services.model import PeriodKind
    from govpress.services.periods import period_for

    keys = [f"{year}-Q{q}" for year in range(2000, 2050) for q in range(1, 5)]
    periods = [period_for(kind, key) for key in keys for kind in PeriodKind][:100]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number in range(observations // len(periods)):
            service = [
                f"service-{number}",
                f"Service {number}",
                f"D{number % 20}",
                f"Department {number % 20}",
                f"B{number % 80}",
                f"Body {number % 80}",
                "Providing information",
                "Individuals",
                "Taxpayers",
                f"https://example.org/{number}",
                "Made up",
                "",
                "",
                "made up",
                "false",
            ]
            for index, period in enumerate(periods):
                volume = 1000 + number + index
                writer.writerow(
                    [
                        *service,
                        period.kind.value,
                        period.key,
                        period.start,
                        period.end,
                        volume,
                        volume // 2,
                        "1.25",
                        "0.5" if index % 3 else "***",
                        "",
                        "",
                    ]
                )


def timed_import(path: Path, db: str) -> None:
    """Import in a child process, so its peak RSS is its own."""
    code = (
        "import sys, time, resource; from pathlib import Path;"
        "from govpress.services.store import open_store; from govpress.services.importing import import_file;"
        "t = time.perf_counter(); store = open_store(sys.argv[2]); r = import_file(store, Path(sys.argv[1]));"
        "u = resource.getrusage(resource.RUSAGE_SELF);"
        "print(f'{r.counts.services} services, {r.counts.observations} observations, {len(r.problems)} problems,"
        " {time.perf_counter() - t:.2f} s wall, {u.ru_utime + u.ru_stime:.2f} s CPU,"
        " peak RSS {u.ru_maxrss / 1024:.0f} MB')"
    )
    subprocess.run([sys.executable, "-c", code, str(path), db], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--services-csv", type=Path, default=SERVICES_CSV)
    parser.add_argument("--db", help="a postgresql:// URL (default: a fresh SQLite file each time)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.services_csv.exists():
            print(f"services.csv ({args.services_csv}):")
            timed_import(args.services_csv, args.db or str(tmp / "a.db"))
        generated = tmp / "generated.csv"
        start = time.perf_counter()
        generate_native_csv(generated, args.observations)
        print(f"generated {args.observations:,} observations in {time.perf_counter() - start:.1f} s")
        print("generated native CSV:")
        timed_import(generated, args.db or str(tmp / "b.db"))
    print(f"(benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
