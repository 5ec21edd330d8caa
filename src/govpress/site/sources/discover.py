"""Find what the source tree holds (legacy-site.md §1.1): document folders, HTML pages, files to copy.

Nothing is read beyond names and the first line of HTML pages (their layout tag); nothing is rendered here.
A symbolic link whose target lies outside the project, or that loops, is refused before anything is read through
it (:func:`govpress.confinement.link_problem`), and so is a file name that is not valid UTF-8: the build stops with
every such problem. Links that stay inside the project are followed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govpress.confinement import link_problem, name_problem, resolved
from govpress.problems import GovpressError, Problem
from govpress.site.settings.files import CONFIG_NAME

PARTIALS = "partials"
META = "meta.html"
LAYOUT_TAG = re.compile(r"\{(?P<name>[a-z_]+)_template\}")
COPIED_SUFFIXES = frozenset(
    {".xml", ".pdf", ".csv", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".vtt", ".txt", ".mp4", ".m4v", ".webm", ".ogv"}
)
READ_SUFFIXES = COPIED_SUFFIXES | {".md", ".html"}


@dataclass(frozen=True)
class DocumentSource:
    """A folder with ``*.md`` directly inside: one page, its files joined in byte-wise name order."""

    folder: Path
    files: tuple[Path, ...]
    meta: Path | None
    output: PurePosixPath


@dataclass(frozen=True)
class HtmlSource:
    """A single HTML page: ``layout`` is the legacy template it names (``None``: a complete HTML document)."""

    path: Path
    layout: str | None
    meta: Path | None
    output: PurePosixPath


@dataclass(frozen=True)
class CopiedSource:
    """A file copied as it is (caption transcripts and other non-page files)."""

    path: Path
    output: PurePosixPath


@dataclass(frozen=True)
class SourceTree:
    """Everything found under ``source/``, in path order."""

    source_dir: Path
    documents: tuple[DocumentSource, ...]
    html_pages: tuple[HtmlSource, ...]
    copies: tuple[CopiedSource, ...]
    sections: tuple[str, ...]


def discover(source_dir: Path, project: Path | None = None) -> SourceTree:
    """Walk ``source_dir`` (``partials/`` excluded) of ``project`` (default: the nearest folder above holding a
    ``govpress.toml``, else the source folder's parent); :class:`GovpressError` when it is not a folder, or with
    every link leaving the project and every file name that is not UTF-8."""
    if not source_dir.is_dir():
        raise GovpressError(Problem.error("no source folder here (expected source/ holding the content)", source_dir))
    root = resolved(project or project_of(source_dir))
    if root is None:
        raise GovpressError(Problem.error("the project folder is a symbolic link loop", project or source_dir))
    problems: list[Problem] = []
    folders = _content_folders(source_dir, root, problems)
    listed = [(parts, folder, _files(folder, entries, root, problems)) for parts, folder, entries in folders]
    if problems:
        raise GovpressError(problems)
    documents: list[DocumentSource] = []
    html_pages: list[HtmlSource] = []
    copies: list[CopiedSource] = []
    for parts, folder, files in listed:
        relative = PurePosixPath(*parts)
        meta = next((path for path in files if path.name == META), None)
        markdown = tuple(p for p in files if p.suffix == ".md")
        if markdown:
            documents.append(DocumentSource(folder, markdown, meta, _index(relative)))
        for path in files:
            if path.suffix == ".html" and path.name != META:
                html_pages.append(HtmlSource(path, layout_name(path), meta, relative / path.name))
            elif path.suffix.lower() in COPIED_SUFFIXES:
                copies.append(CopiedSource(path, relative / path.name))
    sections = tuple(
        p.name for p in sorted(source_dir.iterdir()) if p.is_dir() and p.name != PARTIALS and not _hidden(p)
    )
    return SourceTree(source_dir, tuple(documents), tuple(html_pages), tuple(copies), sections)


def project_of(source_dir: Path) -> Path:
    """The project a source folder belongs to: the nearest folder above it holding ``govpress.toml``, else its
    parent."""
    absolute = source_dir.absolute()
    found = next((folder for folder in absolute.parents if (folder / CONFIG_NAME).is_file()), None)
    return found or absolute.parent


def layout_name(path: Path) -> str | None:
    """The legacy template an HTML page names with ``{NAME_template}`` on its first non-blank line (``None`` too
    when the page is not UTF-8: reading it reports that)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                found = LAYOUT_TAG.search(line)
                return found.group("name") if found else None
    return None


def _content_folders(
    source_dir: Path, root: Path, problems: list[Problem]
) -> list[tuple[tuple[str, ...], Path, list[os.DirEntry[str]]]]:
    """``source_dir`` and every folder under it that is read (links that leave the project go to ``problems``), in
    path order, each with its names below ``source_dir`` and what it holds (each folder listed once). A linked folder
    is listed (its files are read) but not walked into, as ``Path.rglob`` does; a folder that cannot be listed is a
    problem and left out. A ``Path`` is made for folders only (a site of 10,000 pages has 10,000 folders)."""
    found: list[tuple[tuple[str, ...], Path]] = [((), source_dir)]
    pending: list[tuple[tuple[str, ...], Path]] = [((), source_dir)]
    listed: dict[tuple[str, ...], list[os.DirEntry[str]] | None] = {}
    while pending:
        parts, folder = pending.pop()
        entries = listed[parts] = _entries(folder, problems)
        if entries is None:
            continue
        for entry in entries:
            name = entry.name
            if (not parts and name == PARTIALS) or name.startswith("."):
                continue
            linked = entry.is_symlink()
            if not linked and not entry.is_dir():  # a file: no path made (its folder's _files reads it)
                continue
            path = folder / name
            if linked and not path.is_dir():  # the link followed (neither a folder nor a file for a loop)
                continue
            if (problem := _problem(entry, path, root)) is not None:
                problems.append(problem)
                continue
            relative = (*parts, name)
            found.append((relative, path))
            if not linked:
                pending.append((relative, path))
    result = []
    for parts, path in sorted(found, key=lambda item: item[0]):
        entries = listed[parts] if parts in listed else _entries(path, problems)  # a linked folder: listed here
        if entries is not None:
            result.append((parts, path, entries))
    return result


def _files(folder: Path, entries: list[os.DirEntry[str]], root: Path, problems: list[Problem]) -> list[Path]:
    """The files among ``entries`` (what ``folder`` holds) that a build reads, in byte-wise name order (links that
    leave the project, loops and names that are not UTF-8 go to ``problems``)."""
    files: list[Path] = []
    for entry in sorted(entries, key=lambda entry: os.fsencode(entry.name)):
        if _suffix(entry.name).lower() not in READ_SUFFIXES:  # most names: no path made
            continue
        path = folder / entry.name
        if _followed(entry, path).is_dir():
            continue
        if (problem := _problem(entry, path, root)) is not None:
            problems.append(problem)
        elif _followed(entry, path).is_file():
            files.append(path)
    return files


def _suffix(name: str) -> str:
    """The suffix of the file name ``name``, as ``PurePath(name).suffix`` says it (none for ``.x`` or ``x.``)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _followed(entry: os.DirEntry[str], path: Path) -> os.DirEntry[str] | Path:
    """What to ask whether ``entry`` is a folder or a file: the entry itself (no system call), or for a symbolic link
    its path, whose tests follow it (and say neither for a loop)."""
    return path if entry.is_symlink() else entry


def _problem(entry: os.DirEntry[str], path: Path, root: Path) -> Problem | None:
    """A link that loops or leaves the project (resolved only when ``entry`` is a link), or a name not UTF-8."""
    return (link_problem(path, root) if entry.is_symlink() else None) or name_problem(path)


def _entries(folder: Path, problems: list[Problem]) -> list[os.DirEntry[str]] | None:
    """What ``folder`` holds; ``None`` when it cannot be read (a problem at it, never a traceback)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as error:
        problems.append(Problem.error(f"cannot read this folder: {error.strerror or error}", folder))
        return None


def _excluded(relative: Path) -> bool:
    return relative.parts[0] == PARTIALS or any(part.startswith(".") for part in relative.parts)


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def _index(relative: PurePosixPath) -> PurePosixPath:
    return PurePosixPath("index.html") if str(relative) == "." else relative / "index.html"
