"""How the build grows with the site: cold build, nothing changed, one page changed, at several sizes.

A fourth build changes the site's name: every page's body is kept and every page is laid out again (what a change
to the site's settings or templates costs).

For each size a synthetic site (bench/synthetic_site.py: 3 KB Markdown pages, 100 to a section, links inside the
site) is written once into a temporary folder; then, round after round, each size's three builds run in turn
(`govpress build` as a new process, as a user runs it: start-up included), so a machine whose speed drifts favours
none. Each figure is the median over the rounds: wall-clock seconds and the peak resident memory of the largest
process (the main process or any worker: ``ru_maxrss`` of the waited-for children). The growth table divides each
size's cold time by the smallest size's: linear growth gives the ratio of the page counts.

    python bench/scale.py [--sizes 1000,2000,4000,8000] [--rounds 3] [--jobs N] [--drop-caches]

With ``--drop-caches`` (root) the page cache is emptied before each cold build (bench/page_cache.py).
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

from govpress.site.engine.stamps import CACHE_DIR
from page_cache import add_option, drop_page_cache
from synthetic_site import write_site
from warm_bytecode import compile_package

GOVPRESS = Path(sys.executable).parent / "govpress"
EVERY_LAYOUT = "every page laid out again"  # the site's name changed: bodies kept, every layout new


def run_build(project: Path, jobs: int | None) -> tuple[float, int]:
    """One ``govpress build`` of ``project``: wall seconds and the peak memory (KB) of its largest process."""
    command = [str(GOVPRESS), "build", str(project)]
    if jobs:
        command += ["-j", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"govpress build {project} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall, usage.ru_maxrss


def measure(project: Path, jobs: int | None, drop_caches: bool = False) -> dict[str, tuple[float, int]]:
    output = project / "_site"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)  # the build records: cold means none
    drop_page_cache(drop_caches)
    figures = {"cold": run_build(project, jobs), "nothing changed": run_build(project, jobs)}
    changed = project / "source" / "s0000" / "p000" / "index.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    figures["one page changed"] = run_build(project, jobs)
    settings = project / "govpress.toml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original.replace('site_name = "', 'site_name = "Renamed ', 1), encoding="utf-8")
    figures[EVERY_LAYOUT] = run_build(project, jobs)
    settings.write_text(original, encoding="utf-8")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    add_option(parser)
    args = parser.parse_args()
    compile_package()  # as installed: no process compiles govpress's modules (bench/warm_bytecode.py)
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict[str, list[tuple[float, int]]]] = {size: {} for size in sizes}
    with tempfile.TemporaryDirectory(prefix="govpress-scale-") as folder:
        projects = {}
        for size in sizes:
            projects[size] = Path(folder) / f"site-{size}"
            write_site(projects[size], size)
        for round_number in range(args.rounds):
            for size in sizes:
                for kind, figure in measure(projects[size], args.jobs, args.drop_caches).items():
                    results[size].setdefault(kind, []).append(figure)
            print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
    smallest = sizes[0]
    cold_base = statistics.median(wall for wall, _ in results[smallest]["cold"])
    print(f"{'pages':>8} {'kind':<25} {'median s':>9} {'peak MB':>8} {'x smallest':>10} {'linear':>7}")
    for size in sizes:
        for kind, figures in results[size].items():
            wall = statistics.median(w for w, _ in figures)
            memory = statistics.median(m for _, m in figures) / 1024
            growth = f"{wall / cold_base:10.2f}" if kind == "cold" else " " * 10
            linear = f"{size / smallest:7.2f}" if kind == "cold" else ""
            print(f"{size:>8} {kind:<25} {wall:>9.2f} {memory:>8.0f} {growth} {linear}")


if __name__ == "__main__":
    main()
