"""Benchmark: the explorer's pages for the real ``services.csv`` (734 services), and how the explorer and the
dashboards grow with the services.

Without ``--sizes``: the time to import the real ``services.csv`` into an in-memory store, to compute the figures,
and to render and write the pages, in this process.

With ``--sizes``: for each size, a synthetic data set of that many services x ``--periods`` periods
(bench/synthetic_services.py: a fixed seed, departments growing with the services) is imported once into the SQLite
store of a project that publishes it (``services_database``); then, round after round and size after size, a cold
``govpress build`` of that project (a new process, start-up included; no build records, no output) makes the explorer
and the per-service dashboards, with the site's layout, link check, sitemap and search. With ``--code A,B`` each build
runs once with each folder first on ``PYTHONPATH`` (say, a worktree at the base commit and this one), interleaved.
Each figure is the median over the rounds: wall-clock seconds and the peak resident memory of the largest process
(``ru_maxrss`` of the waited-for build: the main process or any worker). The growth table divides each size's time by
the smallest size's: linear growth gives the ratio of the services.

    python bench/services_pages.py [--services-csv PATH] [--out DIR]
    python bench/services_pages.py --sizes 1000,2500,10000 [--periods 20] [--rounds 3] [--code SRC,SRC] [--drop-caches]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.pages.build import explorer_site_pages
from govpress.services.store import open_store
from govpress.site.engine.stamps import CACHE_DIR
from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import SiteConfig
from govpress.site.write.assets import copy_static
from page_cache import add_option, drop_page_cache
from synthetic_services import write_services
from warm_bytecode import compile_package

REPO = Path(__file__).resolve().parent.parent
SERVICES_CSV = REPO.parent / "shared" / "data" / "spotlight" / "assets" / "data" / "services.csv"
GOVPRESS = Path(sys.executable).parent / "govpress"
CONFIG = 'site_name = "Synthetic services"\nservices_database = "services.db"\n'


def real_data(services_csv: Path, out_folder: Path | None) -> None:
    """The stages of the explorer for the real data, in this process."""
    with tempfile.TemporaryDirectory() as folder:
        out = out_folder or Path(folder)
        start = time.perf_counter()
        store = open_store(":memory:")
        import_file(store, services_csv)
        imported = time.perf_counter()
        explorer = build_explorer(store.contents())
        figured = time.perf_counter()
        pages = list(explorer_site_pages(explorer, make_environment(SiteConfig(site_name="Service performance"))))
        rendered = time.perf_counter()
        for page in pages:
            target = out / page.output
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data())
        copy_static(out)
        written = time.perf_counter()
        html = sum(1 for p in pages if p.is_html)
        print(f"import {imported - start:.2f} s; figures {figured - imported:.2f} s; "
              f"render {rendered - figured:.2f} s ({html} pages, {len(pages) - html} data files); "
              f"write {written - rendered:.2f} s; total {written - start:.2f} s")  # fmt: skip


def make_project(folder: Path, services: int, periods: int) -> tuple[Path, float]:
    """A project publishing ``services`` x ``periods`` synthetic services from its store; the import's seconds."""
    (folder / "source").mkdir(parents=True)
    (folder / "source" / "index.md").write_text("# Synthetic services\n\nThe explorer at scale.\n", encoding="utf-8")
    (folder / "govpress.toml").write_text(CONFIG, encoding="utf-8")
    data = folder / "services.csv"
    write_services(data, services, periods)
    started = time.perf_counter()
    store = open_store(folder / "services.db")
    try:
        import_file(store, data)
    finally:
        store.close()
    return folder, time.perf_counter() - started


def cold_build(project: Path, code: str | None, drop_caches: bool = False) -> tuple[float, int]:
    """One cold ``govpress build`` of ``project`` (``code``: the folder first on ``PYTHONPATH``; ``drop_caches``: the
    page cache emptied first, bench/page_cache.py): wall seconds and the peak memory (KB) of its largest process."""
    shutil.rmtree(project / "_site", ignore_errors=True)
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    drop_page_cache(drop_caches)
    environment = {**os.environ, "PYTHONPATH": code} if code else None
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(GOVPRESS), "build", str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"govpress build {project} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall, usage.ru_maxrss


def growth(sizes: list[int], periods: int, rounds: int, codes: list[str | None], drop_caches: bool = False) -> None:
    """The scaling benchmark (see the module's docstring); prints one table per code folder."""
    results: dict[tuple[str | None, int], list[tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="govpress-services-") as folder:
        projects = {}
        for size in sizes:
            projects[size], seconds = make_project(Path(folder) / f"site-{size}", size, periods)
            print(f"{size:,} services x {periods} periods imported in {seconds:.1f} s", file=sys.stderr)
        for number in range(rounds):
            for size in sizes:
                for code in codes:
                    results.setdefault((code, size), []).append(cold_build(projects[size], code, drop_caches))
                    wall, peak = results[code, size][-1]
                    print(f"round {number + 1}: {size:,} services, {code or 'installed'}: {wall:.1f} s, "
                          f"{peak / 1024:.0f} MB", file=sys.stderr)  # fmt: skip
    for code in codes:
        print(f"code: {code or 'as installed'}")
        print(f"{'services':>9} {'median s':>9} {'runs':<24} {'peak MB':>8} {'x smallest':>10} {'linear':>7}")
        base = statistics.median(wall for wall, _ in results[code, sizes[0]])
        for size in sizes:
            figures = results[code, size]
            wall = statistics.median(w for w, _ in figures)
            memory = statistics.median(m for _, m in figures) / 1024
            runs = ", ".join(f"{w:.1f}" for w, _ in figures)
            print(f"{size:>9,} {wall:>9.2f} {runs:<24} {memory:>8.0f} {wall / base:>10.2f} {size / sizes[0]:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services-csv", type=Path, default=SERVICES_CSV)
    parser.add_argument("--out", type=Path, help="default: a temporary folder")
    parser.add_argument("--sizes", help="numbers of services, e.g. 1000,2500,10000: the scaling benchmark")
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--code", help="folders to put first on PYTHONPATH in turn, e.g. /tmp/base/src,src")
    add_option(parser)
    args = parser.parse_args()
    if args.sizes is None:
        real_data(args.services_csv, args.out)
        return
    codes: list[str | None] = [str(Path(c).resolve()) for c in args.code.split(",")] if args.code else [None]
    for code in codes:  # as installed: no process compiles govpress's modules (bench/warm_bytecode.py)
        compile_package(Path(code) / "govpress" if code is not None else None)
    growth([int(size) for size in args.sizes.split(",")], args.periods, args.rounds, codes, args.drop_caches)


if __name__ == "__main__":
    main()
