"""Find what the source tree holds (legacy-site.md §1.1): document folders, HTML pages, files to copy.

Nothing is read beyond names and the first line of HTML pages (their layout tag); nothing is rendered here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError, Problem

PARTIALS = "partials"
META = "meta.html"
LAYOUT_TAG = re.compile(r"\{(?P<name>[a-z_]+)_template\}")
COPIED_SUFFIXES = frozenset({".xml", ".pdf", ".csv", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".vtt", ".txt"})


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


def discover(source_dir: Path) -> SourceTree:
    """Walk ``source_dir`` (``partials/`` excluded); :class:`GovpressError` when it is not a folder."""
    if not source_dir.is_dir():
        raise GovpressError(Problem.error("no source folder here (expected source/ holding the content)", source_dir))
    documents: list[DocumentSource] = []
    html_pages: list[HtmlSource] = []
    copies: list[CopiedSource] = []
    for folder in _content_folders(source_dir):
        relative = PurePosixPath(folder.relative_to(source_dir).as_posix())
        files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name.encode("utf-8"))
        meta = folder / META if (folder / META).is_file() else None
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


def layout_name(path: Path) -> str | None:
    """The legacy template an HTML page names with ``{NAME_template}`` on its first non-blank line."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                found = LAYOUT_TAG.search(line)
                return found.group("name") if found else None
    return None


def _content_folders(source_dir: Path) -> list[Path]:
    folders = [source_dir]
    for path in sorted(source_dir.rglob("*")):
        if path.is_dir() and not _excluded(path.relative_to(source_dir)):
            folders.append(path)
    return folders


def _excluded(relative: Path) -> bool:
    return relative.parts[0] == PARTIALS or any(part.startswith(".") for part in relative.parts)


def _hidden(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def _index(relative: PurePosixPath) -> PurePosixPath:
    return PurePosixPath("index.html") if str(relative) == "." else relative / "index.html"
