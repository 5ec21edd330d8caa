"""A build split by section against the whole build, on one machine: the cost of sharding.

A synthetic site (bench/synthetic_site.py) of ``--pages`` pages, ``--per-section`` to a section (default 100), is
built, round after round, in turn: whole (``govpress build``), then as ``--shards`` shards built one after the other
(``govpress build --only …``, the sections dealt out in order) and their merge (``govpress merge``). Every command is
a new process (start-up included) and starts cold (no build records). Each figure is the median over the rounds, with
the runs beside it.

On one machine the shards run one after the other, so the split build costs more than the whole one; on N machines
the shards would run at the same time, and the build would take about the slowest shard plus the merge: that figure
is printed as an estimate, not measured here.

    python bench/shards.py [--pages 400] [--per-section 100] [--shards 2] [--rounds 3] [--jobs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from govpress.site.engine.stamps import CACHE_DIR
from synthetic_site import write_site
from warm_bytecode import compile_package

GOVPRESS = Path(sys.executable).parent / "govpress"


def timed(project: Path, arguments: list[str], jobs: int | None) -> float:
    """One cold ``govpress`` command's wall seconds."""
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    command = [str(GOVPRESS), *arguments, *(["-j", str(jobs)] if jobs else [])]
    started = time.perf_counter()
    finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if finished.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{finished.stderr.decode()}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--per-section", type=int, default=100)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    compile_package()  # as installed: no process compiles govpress's modules (bench/warm_bytecode.py)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        project = root / "site"
        write_site(project, args.pages, args.per_section)
        sections = sorted(p.name for p in (project / "source").iterdir() if p.is_dir())
        size = -(-len(sections) // args.shards)
        parts = [sections[i : i + size] for i in range(0, len(sections), size)]
        runs: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            runs.setdefault("whole", []).append(
                timed(project, ["build", str(project), "-o", str(root / "whole")], args.jobs)
            )
            folders = []
            for number, part in enumerate(parts):
                folders.append(str(root / f"shard-{number}"))
                only = [option for section in part for option in ("--only", section)]
                arguments = ["build", str(project), *only, "-o", folders[-1]]
                runs.setdefault(f"shard {number} ({', '.join(part)})", []).append(timed(project, arguments, args.jobs))
            merge = ["merge", *folders, "-p", str(project), "-o", str(root / "merged")]
            runs.setdefault("merge", []).append(timed(project, merge, args.jobs))
        shard_names = [name for name in runs if name.startswith("shard")]
        sequence = [sum(runs[n][i] for n in [*shard_names, "merge"]) for i in range(args.rounds)]
        parallel = [max(runs[n][i] for n in shard_names) + runs["merge"][i] for i in range(args.rounds)]
        runs["shards in sequence + merge"] = sequence
        runs["slowest shard + merge (estimate for one machine a shard)"] = parallel
        print(f"{args.pages} pages, {len(sections)} sections, {len(parts)} shards, {args.rounds} rounds (seconds)")
        for name, values in runs.items():
            shown = ", ".join(f"{v:.2f}" for v in values)
            print(f"{name:58} median {statistics.median(values):6.2f}   runs {shown}")


if __name__ == "__main__":
    main()
