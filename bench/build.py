"""Site build speed on the legacy corpus: cold, warm with nothing changed, and with one file changed.

Each figure is the median of several runs of ``build_site`` in this process (imports already done; the four kinds
of build in turn, round after round, so a drifting machine favours none), as wall-clock time and as CPU time (this
process and its worker processes: on a busy machine, CPU time is the steadier figure; the pool's workers count
only once they have exited, which they do at the end of each build). The corpus is copied to a temporary folder
first, so the "one file changed" runs can touch a file without changing ../shared. The legacy Ruby build takes
about 1.4 s on this corpus; targets: cold <= 0.7 s, nothing changed <= 0.15 s, one file changed <= 0.3 s. "Cold"
is an empty output folder (no page cache); govpress's compiled templates stay in the user's cache
(``GOVPRESS_CACHE_DIR``, here a temporary folder), as Python keeps ``.pyc`` files. "No compiled templates either"
empties that too (the first build on a new machine).

    python bench/build.py [--project ../shared/corpus/gds-digital-strategy] [--runs 5] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govpress.site.build import build_site, default_jobs
from govpress.site.engine.records import record_folder

DEFAULT_PROJECT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gds-digital-strategy"
CHANGED = Path("source/partials/quarters/_october-13.md")


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    started, cpu = time.perf_counter(), _cpu()
    run()
    return time.perf_counter() - started, _cpu() - cpu


Step = tuple[Callable[[], None], Callable[[], object]]


def medians_of(runs: int, steps: dict[str, Step]) -> dict[str, tuple[float, float, list[float]]]:
    """Each step (what to do before, then the timed run) once per round, in turn, so a machine whose speed drifts
    favours none; the median wall and CPU time of each, with its wall times."""
    walls: dict[str, list[float]] = {name: [] for name in steps}
    cpus: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, (before, run) in steps.items():
            before()
            wall, cpu = timed(run)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name]), walls[name]) for name in steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=DEFAULT_PROJECT)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary) / "project"
        shutil.copytree(arguments.project, project)
        out = Path(temporary) / "out"
        jobs: int = arguments.jobs

        def build() -> None:
            build_site(project, out, jobs=jobs)

        os.environ["GOVPRESS_CACHE_DIR"] = str(Path(temporary) / "template-cache")
        build()  # warm up imports and regex caches, and compile the templates
        changed = project / CHANGED
        text = changed.read_text(encoding="utf-8")
        counter = iter(range(10_000))

        def touch() -> None:
            changed.write_text(text + f"\n<!-- bench {next(counter)} -->\n", encoding="utf-8")

        counter_dirs = iter(range(10_000))
        template_cache = Path(temporary) / "template-cache"

        def forget() -> None:
            """Remove the output and the build's records (page cache), wherever they live."""
            shutil.rmtree(out)
            records = record_folder(project, out)
            if records is not None:
                shutil.rmtree(records.path, ignore_errors=True)

        def first_ever() -> None:
            forget()
            os.environ["GOVPRESS_CACHE_DIR"] = str(Path(temporary) / f"template-cache-{next(counter_dirs)}")

        def cold() -> None:
            forget()
            os.environ["GOVPRESS_CACHE_DIR"] = str(template_cache)

        figures = medians_of(
            arguments.runs,
            {
                "cold, no compiled templates either": (first_ever, build),
                "cold (no cache, empty output)": (cold, build),
                "warm, nothing changed": (lambda: None, build),
                "warm, one file changed": (touch, build),
            },
        )
    print(
        f"govpress build of {arguments.project.name}: median of {arguments.runs} runs, --jobs {arguments.jobs}, "
        f"{os.cpu_count()} CPUs"
    )
    for name, (wall, cpu, walls) in figures.items():
        runs = ", ".join(f"{t:.3f}" for t in walls)
        print(f"  {name:35} {wall:6.3f} s wall  {cpu:6.3f} s CPU   (wall runs: {runs})")
    print(f"  load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
