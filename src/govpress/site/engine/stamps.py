"""What a build knows of a file it read, and of govpress's own files: the stamps that say whether they changed.

A :class:`FileStamp` is a file's path, size, modification time and content hash; a :class:`KeyStamp` is the
``cache_key`` a generator gave for the project. The build cache keeps them with what it made from the files
(:mod:`govpress.site.engine.cache`), and a build with nothing to do compares them
(:mod:`govpress.site.engine.unchanged`). This module imports nothing of govpress's heavier parts (settings, templates,
Markdown): a build with nothing to do runs on it, and its start-up is most of its cost (docs/scaling.md, "Stop 27").
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat as file_mode
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govpress.site.structure.generators import AnyGenerator

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
class KeyStamp(FileStamp):
    """The ``cache_key`` the generator named ``generator`` gave for the project at ``path`` (as ``digest``):
    unchanged while it gives the same key (:meth:`unchanged_with`). Kept with the pages like the stamps of the
    files they read, so every check of them sees it. The key is asked again with the project's ``govpress.toml`` as
    it is: the settings are not kept, as they may hold a password (a setting given on the command line that the key
    depends on only makes the pages be made again)."""

    generator: str = ""
    known: bool = True  # False: the key could not be had, so the pages are never reused
    day: str = ""  # the day the key holds, when it holds nothing else that no file shows (Generator.key_day)

    def unchanged(self) -> bool:
        """Never, without the generator to ask (:meth:`unchanged_with`)."""
        return False

    def files_only(self) -> bool:
        """Whether a build whose every file is as it was (:mod:`govpress.site.engine.unchanged`) needs not ask the
        generator again: its key was empty (by :meth:`Generator.cache_key
        <govpress.site.structure.generator.Generator.cache_key>`'s contract its pages then read nothing but the
        project's files and settings: the services explorer without a store), or held nothing but ``day`` beyond
        them (:meth:`Generator.key_day <govpress.site.structure.generator.Generator.key_day>`: the dashboards without
        a store) and it is still that day."""
        return self.known and (not self.digest or (bool(self.day) and self.day == utc_day()))

    def unchanged_with(self, generator: AnyGenerator | None) -> bool:
        """Whether ``generator`` (the one named ``self.generator``; ``None``: not in the build) gives the same key."""
        if not self.known or generator is None or generator.name != self.generator:
            return False
        from govpress.site.settings.config import load_config  # only a generator's key needs the settings
        from govpress.site.structure.pages import PrepareInputs

        try:
            config = load_config(self.path)
            inputs = PrepareInputs(self.path, self.path / config.source, config)
            return generator.cache_key(inputs) == self.digest
        except Exception as error:  # the generator runs again and reports the problem properly
            logger.debug("%s: no cache key (%s); its pages are made again", self.generator, error)
            return False


def utc_day() -> str:
    """Today in UTC (``YYYY-MM-DD``): the day a generator's key may hold (:attr:`KeyStamp.day`)."""
    return datetime.now(UTC).date().isoformat()


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
