"""The incremental build cache: rendered page bodies, keyed by what went in.

An entry is reused when its key (the source's identity, the settings that shape it, the govpress code) matches and
every file it read is unchanged: same size and mtime, or else the same content hash. The cache is kept as JSON
among the build's records, outside the output folder (:mod:`govpress.site.engine.records`,
:mod:`govpress.site.engine.cache_codec`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat as file_mode
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govpress.site.sources.readers import Content
from govpress.site.structure.facts import PageFacts
from govpress.site.structure.pages import Page

if TYPE_CHECKING:
    from govpress.site.engine.bodies import StoredBody
    from govpress.site.engine.layouts import LayoutEntry
    from govpress.site.engine.parts import StoredParts

logger = logging.getLogger(__name__)
CACHE_DIR = ".govpress-cache"  # the project's folder of build records (and, in older govpress, OUT's)
MISSING = -1  # the size and mtime of a stamp of a file that did not exist


@dataclass(frozen=True)
class FileStamp:
    path: Path
    size: int
    mtime_ns: int
    digest: str

    def unchanged(self) -> bool:
        if self.size == MISSING:
            return not self.path.exists()
        try:
            stat = self.path.stat()
            if stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns:
                return True
            if not (file_mode.S_ISREG(stat.st_mode) or file_mode.S_ISDIR(stat.st_mode)):
                return False  # never read a FIFO or a device to hash it
            return file_digest(self.path) == self.digest
        except (OSError, ValueError):
            return False


@dataclass(frozen=True)
class CacheEntry:
    key: str
    content: Content
    stamps: tuple[FileStamp, ...]

    def valid(self, key: str) -> bool:
        return key == self.key and all(stamp.unchanged() for stamp in self.stamps)


@dataclass(frozen=True)
class GeneratedEntry:
    """A generator's pages, reused while every file (and folder) they were made from is unchanged. ``stored``, when
    not empty, goes with ``pages``: a page with a :class:`~govpress.site.engine.bodies.StoredBody` is light (its
    content is in a body file), one with ``None`` whole (a section, or a page of a build that keeps no records)."""

    key: str
    pages: tuple[Page, ...]
    stamps: tuple[FileStamp, ...]
    stored: tuple[StoredBody | None, ...] = ()

    def placed(self) -> Iterator[tuple[Page, StoredBody | None]]:
        """Each page with where its content is (``None``: it is whole)."""
        return zip(self.pages, self.stored or (None,) * len(self.pages), strict=True)


@dataclass(frozen=True)
class BuildCache:
    """Everything a build keeps for the next one: page bodies, generated pages, facts of finished pages by hash, the
    source pages' layouts (:class:`~govpress.site.engine.layouts.LayoutEntry`, by output path) and every path of the
    site the links were checked against, with the hash of its facts (``known``; ``""``: a file without facts).
    ``parts``: the parts a loaded cache was read from, to save again only those that changed
    (:mod:`govpress.site.engine.parts`)."""

    contents: dict[str, CacheEntry]
    generated: dict[str, GeneratedEntry]
    facts: dict[str, PageFacts]
    layouts: dict[str, LayoutEntry] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    parts: StoredParts | None = field(default=None, compare=False, repr=False)


def empty_cache() -> BuildCache:
    return BuildCache({}, {}, {})


def file_digest(path: Path) -> str:
    """The content hash of a file; of a folder, the hash of its entries' names."""
    if path.is_dir():
        return key_of(sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamps_of(paths: Iterable[Path]) -> tuple[FileStamp, ...]:
    stamps: list[FileStamp] = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append(FileStamp(path, stat.st_size, stat.st_mtime_ns, file_digest(path)))
        except FileNotFoundError:  # a file the page looked for (a caption file): made again once it exists
            stamps.append(FileStamp(path, MISSING, MISSING, ""))
        except OSError:
            logger.debug("not cached: %s is gone", path)
    return tuple(stamps)


def key_of(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def text_key(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8, a lone surrogate kept as its own three bytes: no two texts share their bytes):
    a long text's part of a :func:`key_of`, made without ``repr`` (which copies the text, escaping every quote and
    line end)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class CodeFingerprints:
    """Fingerprints of govpress's own files, from the sizes and mtimes of the files: its code alone (``.py``: page
    bodies; layouts have their own key, :mod:`govpress.site.engine.layouts`), code and templates (``.html``:
    generated pages), and every file of the package (static files and catalogues too: what a build with nothing to do
    compares)."""

    code: str
    code_and_templates: str
    package: str


def code_fingerprints() -> CodeFingerprints:
    """The three fingerprints from one walk of the package."""
    stamps = _package_stamps()
    code = key_of([s for s in stamps if s[0].endswith(".py")])
    return CodeFingerprints(code, key_of([s for s in stamps if s[0].endswith((".py", ".html"))]), key_of(stamps))


def _package_stamps() -> list[tuple[str, int, int]]:
    """Every regular file of the package (``__pycache__`` aside), by path relative to it, with its size and mtime.
    Paths stay strings: this walk runs on every build, a build with nothing to do included."""
    root = str(Path(__file__).resolve().parents[2])
    stamps = []
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    stamps.append((os.path.relpath(entry.path, root), info.st_size, info.st_mtime_ns))
    return sorted(stamps)
