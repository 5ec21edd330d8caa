"""The shard record: ``govpress-shard.json`` at the root of a shard's output folder, what ``govpress merge`` reads.

It says which sections the shard built and with what (govpress's version, a digest of the site's settings, and
every file of the project by the digest of its bytes: :mod:`.inputs`), then,
for each file the shard wrote: its output path, and for a page its title, source file and the files it was made
from (relative to the project when inside it, so the merge can run from another checkout of the same project), its
problems, the SHA-1 of its bytes and its facts (:class:`~govpress.site.structure.facts.PageFacts`: links, ids,
title, headings, "Last updated"), and the headings as its source writes them; then the pages the root index lists
(output, short title), the problems of its sources that failed to render, of sections added to no page and of links
to PDFs left out of its pages. The link check is not in it: the merge runs it over every shard's facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from govpress import __version__
from govpress.problems import GovpressError, Problem, Severity
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.facts import Heading, PageFacts
from govpress.site.structure.pages import Page
from govpress.textfile import read_text_file

RECORD_NAME = "govpress-shard.json"
FORMAT: Literal[2] = 2


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecordProblem(_Model):
    path: str | None
    line: int | None
    column: int | None
    severity: Severity
    message: str


class RecordFacts(_Model):
    links: list[str]
    ids: list[str]
    title: str
    headings: list[tuple[int, str | None, str]]
    last_updated: str | None


def _confined(name: str) -> str:
    """A file name of the site: relative, ``/``-separated, never leaving its folder."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or "\\" in name or any(part in ("..", ".") for part in parts):
        raise ValueError(f"not a file name inside the site: {name!r}")
    return name


Name = Annotated[str, AfterValidator(_confined)]


class RecordPage(_Model):
    output: Name
    text: bool
    title: str | None
    source: str | None
    dependencies: list[str]
    problems: list[RecordProblem]
    sha1: str
    facts: RecordFacts | None
    source_headings: list[tuple[int, str]] | None


class ShardRecord(_Model):
    """The whole record (see the module)."""

    format: Literal[2]
    govpress: str
    settings: str
    inputs: dict[str, str]  # compared only, never opened
    sections: list[str]
    pages: list[RecordPage]
    files: list[Name]
    listed: list[tuple[Name, str]]
    failed: list[RecordProblem]
    unplaced: list[RecordProblem]
    offers: list[RecordProblem]


def settings_digest(config: SiteConfig) -> str:
    """What must be the same for shards to merge: the site's settings (with the base URL given)."""
    return hashlib.sha256(config.model_dump_json().encode("utf-8")).hexdigest()


def page_record(
    page: Page, facts: PageFacts | None, source_headings: Sequence[tuple[int, str]] | None, project: Path
) -> RecordPage:
    data = page.data()
    return RecordPage(
        output=str(page.output),
        text=isinstance(page.content, str),
        title=page.title,
        source=_relative(page.source, project),
        dependencies=[text for path in page.dependencies if (text := _relative(path, project)) is not None],
        problems=[_problem(p, project) for p in page.problems],
        sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        facts=_facts(facts) if facts is not None else None,
        source_headings=list(source_headings) if source_headings is not None else None,
    )


def problem_records(problems: Sequence[Problem], project: Path) -> list[RecordProblem]:
    return [_problem(p, project) for p in problems]


def load_record(folder: Path) -> ShardRecord:
    """The record of the shard in ``folder``; a located :class:`GovpressError` when it is missing or not one."""
    path = folder / RECORD_NAME
    if not path.is_file():
        raise GovpressError(
            Problem.error(f"no shard record here (is {folder} a `govpress build --only` output?)", path)
        )
    try:
        return ShardRecord.model_validate_json(read_text_file(path, what="shard record"))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise GovpressError(
            Problem.error(f"not a shard record of this govpress: {where}: {first['msg']}", path)
        ) from None


def page_of(record: RecordPage, data: bytes, project: Path) -> Page:
    """The page a record describes, with its bytes as the shard wrote them."""
    return Page(
        PurePosixPath(record.output),
        data.decode("utf-8") if record.text else data,
        record.title,
        _absolute(record.source, project) if record.source is not None else None,
        tuple(_absolute(path, project) for path in record.dependencies),
        tuple(problem_of(p, project) for p in record.problems),
    )


def facts_of(record: RecordFacts) -> PageFacts:
    return PageFacts(
        tuple(record.links),
        frozenset(record.ids),
        record.title,
        tuple(Heading(level, name, text) for level, name, text in record.headings),
        record.last_updated,
    )


def problem_of(record: RecordProblem, project: Path) -> Problem:
    path = str(_absolute(record.path, project)) if record.path is not None else None
    return Problem(path, record.line, record.column, record.severity, record.message)


def _facts(facts: PageFacts) -> RecordFacts:
    headings = [(h.level, h.id, h.text) for h in facts.headings]
    return RecordFacts(
        links=list(facts.links),
        ids=sorted(facts.ids),
        title=facts.title,
        headings=headings,
        last_updated=facts.last_updated,
    )


def _problem(problem: Problem, project: Path) -> RecordProblem:
    path = _relative(Path(problem.path), project) if problem.path is not None else None
    return RecordProblem(
        path=path, line=problem.line, column=problem.column, severity=problem.severity, message=problem.message
    )


def _relative(path: Path | None, project: Path) -> str | None:
    """A path as the record keeps it: relative to the project when inside it (as ``/``-separated text)."""
    if path is None:
        return None
    try:
        return "./" + path.relative_to(project).as_posix()
    except ValueError:
        return str(path)


def _absolute(text: str, project: Path) -> Path:
    return project / text.removeprefix("./") if text.startswith("./") else Path(text)


def shard_record(
    project: Path,
    config: SiteConfig,
    inputs: Mapping[str, str],
    sections: Sequence[str],
    pages: Sequence[tuple[Page, PageFacts | None, Sequence[tuple[int, str]] | None]],
    files: Sequence[str],
    listed: Sequence[tuple[str, str]],
    failed: Sequence[Problem],
    unplaced: Sequence[Problem],
    offers: Sequence[Problem],
) -> bytes:
    """The record of a shard (see the module) as the bytes of its file: ``inputs`` the project's files it was built
    from (:func:`~govpress.site.shards.inputs.project_files`), ``pages`` with their facts and source headings,
    ``files`` the other files it wrote (copied)."""
    record = ShardRecord(
        format=FORMAT,
        govpress=__version__,
        settings=settings_digest(config),
        inputs=dict(inputs),
        sections=sorted(sections),
        pages=[page_record(page, facts, headings, project) for page, facts, headings in pages],
        files=sorted(files),
        listed=sorted(listed),
        failed=problem_records(failed, project),
        unplaced=problem_records(unplaced, project),
        offers=problem_records(offers, project),
    )
    return (record.model_dump_json(indent=1) + "\n").encode("utf-8")
