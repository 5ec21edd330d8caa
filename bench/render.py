"""Rendering speed over the whole legacy corpus, single process: prints MB/s.

Every document folder goes through ``render_document`` and every Markdown partial through
``render_markdown``, as a site build would. The figure is source bytes (all ``.md`` files) divided by the
best of several timed runs (one untimed run first warms regex caches), two ways, in turn: with a fresh engine
for each render (the API's default) and with one ``DialectEngine`` reused (as a build's workers do). The legacy
pre-processor + kramdown managed about 0.45 MB/s.

    python bench/render.py [--source ../shared/corpus/gds-digital-strategy/source] [--runs 5]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from govpress.dialect import DialectEngine
from govpress.render import render_document, render_markdown

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gds-digital-strategy" / "source"


def document_folders(source: Path) -> list[Path]:
    return sorted({p.parent for p in source.rglob("*.md") if "partials" not in p.relative_to(source).parts})


def render_corpus(source: Path, timestamp: datetime | None, engine: DialectEngine | None = None) -> None:
    for folder in document_folders(source):
        render_document(sorted(folder.glob("*.md")), source_dir=source, timestamp=timestamp, engine=engine)
    for partial in sorted((source / "partials").rglob("*.md")):
        render_markdown(partial.read_text(encoding="utf-8"), path=partial, source_dir=source, engine=engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--with-git", action="store_true", help="look up {TIMESTAMP} dates (git or mtime) too")
    options = parser.parse_args()
    source: Path = options.source
    size = sum(p.stat().st_size for p in source.rglob("*.md"))
    timestamp = None if options.with_git else datetime(2013, 1, 1, tzinfo=UTC)
    ways: dict[str, DialectEngine | None] = {"a fresh engine per render": None, "one engine reused": DialectEngine()}
    times: dict[str, list[float]] = {label: [] for label in ways}
    for engine in ways.values():
        render_corpus(source, timestamp, engine)
    for _ in range(options.runs):  # the two ways in turn, so a machine whose speed drifts favours neither
        for label, engine in ways.items():
            start = time.perf_counter()
            render_corpus(source, timestamp, engine)
            times[label].append(time.perf_counter() - start)
    for label, taken in times.items():
        best = min(taken)
        print(
            f"{label}: {size / 1e6:.3f} MB of Markdown in {best:.3f} s (best of {options.runs}): "
            f"{size / 1e6 / best:.2f} MB/s (mean {sum(taken) / len(taken):.3f} s)"
        )
    print("legacy pre-processor + kramdown: about 0.45 MB/s")


if __name__ == "__main__":
    main()
