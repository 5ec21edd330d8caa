"""Benchmark: importing ``services.csv`` and a generated native file of about 1,000,000 observations
(bench/synthetic_services.py: 10,000 services x 50 periods, a rolling year and a quarter each; some services stop
early).

Prints wall time and peak resident memory (RSS) of each import, into a fresh SQLite store each time.
Usage: ``python bench/import_services.py [--observations N] [--services-csv PATH] [--db URL]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_services import write_services

REPO = Path(__file__).resolve().parent.parent
SERVICES_CSV = REPO.parent / "shared" / "data" / "spotlight" / "assets" / "data" / "services.csv"


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
        write_services(generated, args.observations // 100, 50)  # a rolling year and a quarter a period
        print(f"generated {args.observations:,} observations in {time.perf_counter() - start:.1f} s")
        print("generated native CSV:")
        timed_import(generated, args.db or str(tmp / "b.db"))
    print(f"(benchmark process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
