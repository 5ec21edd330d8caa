"""Where a cold build's time goes: the CPU of the build's own process and of its workers (rendering and layout
processes, pagefind), with the site search and without it, in interleaved rounds.

A synthetic site (bench/synthetic_site.py) is written once into a folder under ``--where`` (default: the system's
temporary folder); each round builds it cold (no output, no records) twice, search on (the default) and search off
(``search = false`` in ``govpress.toml``), each build a new process as a user runs it. That process runs govpress's
command line and, as it ends, writes its own CPU time (user and system) and its waited-for children's (the worker
processes and pagefind) to a file: the figures are the medians of the rounds.

    python bench/cold_split.py [--pages 10000] [--rounds 3] [--jobs N] [--where DIR] [--drop-caches]

The file system the build writes to shows in the *system* time of the build's own process (it writes every page):
on ext4 without a journal, creating a file looks past every inode deleted in the last minutes whose inode-table
block is cached (Linux's ``recently_deleted`` check, which journalled ext4 does not make), so a cold build that
follows the removal of a previous site pays for it file by file (docs/scaling.md, "Stop 27"). ``--where /dev/shm``
(a tmpfs) measures govpress alone; the folder's file system is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
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

FIGURES = ("wall", "main user", "main system", "workers user", "workers system")


def measure_here(project: Path, jobs: int | None, report: Path) -> None:
    """The build, in this process: its CPU time and its children's written to ``report`` as it ends."""
    import resource

    from govpress.cli import main

    sys.argv = ["govpress", "build", str(project), *(["-j", str(jobs)] if jobs else [])]
    try:
        main()
    except SystemExit as done:
        if done.code:
            raise
    finally:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        times = [own.ru_utime, own.ru_stime, children.ru_utime, children.ru_stime]
        report.write_text(json.dumps(times), encoding="utf-8")


def cold_build(project: Path, search: bool, jobs: int | None, drop_caches: bool) -> dict[str, float]:
    """One cold build of ``project`` as a new process, search on or off: wall seconds and CPU seconds."""
    settings = project / "govpress.toml"
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith("search")]
    settings.write_text("\n".join([*lines, f"search = {str(search).lower()}", ""]), encoding="utf-8")
    shutil.rmtree(project / "_site", ignore_errors=True)
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    drop_page_cache(drop_caches)
    report = project.parent / "report.json"
    command = [sys.executable, __file__, "--measure", str(project), str(report), str(jobs or 0)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    return dict(zip(FIGURES, [wall, *json.loads(report.read_text(encoding="utf-8"))], strict=True))


def file_system(folder: Path) -> str:
    """The type of the file system holding ``folder`` (from ``/proc/mounts``; "unknown" elsewhere)."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines()]
    except OSError:
        return "unknown"
    resolved = str(folder.resolve())
    found = [
        (len(point), kind)
        for _, point, kind, *_ in mounts
        if resolved == point or resolved.startswith(point.rstrip("/") + "/")
    ]
    return max(found)[1] if found else "unknown"


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        measure_here(Path(sys.argv[2]), int(sys.argv[4]) or None, Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--where", type=Path, default=None, help="the folder to build in (default: the system's)")
    add_option(parser)
    args = parser.parse_args()
    compile_package()  # as installed: no process compiles govpress's modules (bench/warm_bytecode.py)
    results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="govpress-cold-", dir=args.where) as folder:
        project = Path(folder) / "site"
        write_site(project, args.pages)
        for round_number in range(args.rounds):
            for search in (True, False):
                results[search].append(cold_build(project, search, args.jobs, args.drop_caches))
            print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
        kind = file_system(Path(folder))
    print(f"{args.pages:,} pages, cold, {args.rounds} interleaved rounds, built on {kind}; medians in seconds")
    print(f"{'search':<8}" + "".join(f"{name:>16}" for name in FIGURES))
    for search, runs in results.items():
        medians = [statistics.median(run[name] for run in runs) for name in FIGURES]
        print(f"{'on' if search else 'off':<8}" + "".join(f"{value:>16.2f}" for value in medians))
    on, off = (statistics.median(run["wall"] for run in results[flag]) for flag in (True, False))
    print(f"the search index: {on - off:.2f} s of {on:.2f} s ({(on - off) / on:.0%})")


if __name__ == "__main__":
    main()
