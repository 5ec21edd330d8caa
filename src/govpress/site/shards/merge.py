"""``govpress merge``: the shards' folders made one site.

Each shard (``govpress build --only SECTION``) wrote its sections' pages and a record (:mod:`.record`). The merge
checks that no two shards built the same section or wrote the same file and that all were built with this project's
settings and from its files as they are here (:mod:`.inputs`), then runs the build for everything the shards did not
make (the pages at the root, the sections no shard named, the generators' pages outside the shards' sections, the
assets and static files) with the shards' pages added as they are: the root index, the search pages and index, the
sitemap and ``robots.txt`` are made over every page, and the link check runs over every page's facts, the shards'
from their records.

    report = merge_shards(Path("site"), [Path("shard-a"), Path("shard-b")], Path("site/_site"))
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from govpress import __version__
from govpress.problems import GovpressError, Problem
from govpress.site.build import BuildOptions, run_build
from govpress.site.report import BuildReport
from govpress.site.settings.config import SiteConfig, load_config
from govpress.site.shards.inputs import differences, first_named, project_files
from govpress.site.shards.plan import Foreign, Only
from govpress.site.shards.record import (
    RECORD_NAME,
    ShardRecord,
    facts_of,
    load_record,
    page_of,
    problem_of,
    settings_digest,
)
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)


def merge_shards(
    project: Path,
    shards: Sequence[Path],
    out: Path | None = None,
    *,
    strict: bool = False,
    jobs: int = 1,
    base_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """The site of ``project`` into ``out`` (default: the config's output folder), made of the ``shards``' folders
    and what they leave (see the module). A shard that cannot be merged is a :class:`GovpressError` naming its
    record."""
    if not shards:
        raise GovpressError(Problem.error("no shard to merge"))
    config = _config(project, base_url)
    target = (out if out is not None else project / config.output).resolve()
    for folder in shards:
        if folder.resolve() == target:
            raise GovpressError(Problem.error("a shard's folder cannot be the merge's output folder", folder))
    records = [(folder, load_record(folder)) for folder in shards]
    _check_settings(records, config)
    _check_inputs(records, project_files(project, skip=(target, project / config.output, *shards)))
    _check_clashes(records)
    foreign = _foreign(records, project)
    only = Only(frozenset(s for _, record in records for s in record.sections), complement=True, foreign=foreign)
    logger.info("merging %d shards (%d pages)", len(records), len(foreign.pages))
    report = run_build(project, out, BuildOptions(jobs=jobs, base_url=base_url, progress=progress, only=only))
    return replace(report, strict=strict)


def _config(project: Path, base_url: str | None) -> SiteConfig:
    if not project.is_dir():
        raise GovpressError(Problem.error("no such project folder", project))
    config = load_config(project)
    if base_url is not None:
        config = SiteConfig.model_validate({**config.model_dump(), "base_url": base_url})
    return config


def _check_settings(records: Sequence[tuple[Path, ShardRecord]], config: SiteConfig) -> None:
    digest = settings_digest(config)
    for folder, record in records:
        if record.govpress != __version__:
            message = f"built by govpress {record.govpress}, not by this one ({__version__}): build the shard again"
            raise GovpressError(Problem.error(message, folder / RECORD_NAME))
        if record.settings != digest:
            message = "built with other settings than the project's (another govpress.toml or --base-url)"
            raise GovpressError(Problem.error(message, folder / RECORD_NAME))


def _check_inputs(records: Sequence[tuple[Path, ShardRecord]], here: Mapping[str, str]) -> None:
    """Every shard built from the project's files as they are ``here``: each one that was not named, at its record,
    with the files that differ."""
    problems = []
    for folder, record in records:
        if (different := differences(record.inputs, here)) is not None:
            message = f"built from other project files than this checkout's ({different}): build the shard again"
            problems.append(Problem.error(message, folder / RECORD_NAME))
    if problems:
        raise GovpressError(problems)


def _check_clashes(records: Sequence[tuple[Path, ShardRecord]]) -> None:
    """No section built twice, no file written twice: each clash named, at the second shard's record."""
    problems: list[Problem] = []
    sections: dict[str, Path] = {}
    files: dict[str, Path] = {}
    for folder, record in records:
        for section in record.sections:
            if section in sections:
                message = f"section {section!r} is built by this shard and by {sections[section]}"
                problems.append(Problem.error(message, folder / RECORD_NAME))
            sections.setdefault(section, folder)
        clashes: list[str] = []
        for name in [*(page.output for page in record.pages), *record.files]:
            if name in files:
                clashes.append(f"{name} (also in {files[name]})")
            files.setdefault(name, folder)
        if clashes:
            message = f"{len(clashes)} files written by another shard too: {first_named(clashes)}"
            problems.append(Problem.error(message, folder / RECORD_NAME))
    if problems:
        raise GovpressError(problems)


def _foreign(records: Sequence[tuple[Path, ShardRecord]], project: Path) -> Foreign:
    """The shards' pages read back from their folders, with what their records say."""
    pages: list[Page] = []
    facts: dict[str, PageFacts] = {}
    headings: dict[str, tuple[tuple[int, str], ...]] = {}
    for folder, record in records:
        for entry in record.pages:
            pages.append(page_of(entry, _read(folder, entry.output), project))
            if entry.facts is not None:
                facts[entry.sha1] = facts_of(entry.facts)
            if entry.source_headings is not None:
                headings[entry.output] = tuple(entry.source_headings)
    files = [(folder / name, name) for folder, record in records for name in record.files]
    for path, _ in files:
        if not path.is_file():
            raise GovpressError(Problem.error("the shard's record names this file, which is not there", path))
    return Foreign(
        tuple(pages),
        facts,
        tuple(files),
        tuple(item for _, record in records for item in record.listed),
        tuple(problem_of(p, project) for _, record in records for p in record.failed),
        tuple(problem_of(p, project) for _, record in records for p in record.unplaced),
        tuple(problem_of(p, project) for _, record in records for p in record.offers),
        headings,
    )


def _read(folder: Path, name: str) -> bytes:
    path = folder / name
    try:
        return path.read_bytes()
    except OSError as error:
        message = f"the shard's record names this page, which cannot be read ({error.strerror})"
        raise GovpressError(Problem.error(message, path)) from None
