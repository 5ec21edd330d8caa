"""The generators' pages kept on disk, so a build never holds them all (docs/scaling.md).

A generator may make tens of thousands of pages (the services explorer: a page and a dashboard for each service, 55
KB each). As each page is made it is written to the output and its content appended to a *body file* among the
build's records (:mod:`govpress.site.engine.records`); the build keeps only the page without its content (a *light*
page) and where the content is (:class:`StoredBody`). The content is read back, one page at a time, when the page is
settled (its facts and search text taken) and when a later build reuses the generator's pages. The build cache
(``pages.json``) names the body file and holds each page's place in it, never the content.

    writer = BodyWriter.create(records_folder)   # None: no folder to keep them in (the pages stay whole)
    stored = writer.put(page)                    # StoredBody: file, offset, length, digest, kind
    writer.close()
    page = stored.read(page.light())             # the whole page again

A body file is data only and named ``generated-<32 hex digits>.bodies`` (never a path from a record). Each body's
BLAKE2b digest is kept in the signed cache, and checked when it is read: a body file that is missing or too short is
a cache miss (the generator runs again), one that changed while a build used it a located error.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import stat
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from govpress.digest import short_digest
from govpress.problems import GovpressError, Problem
from govpress.site.engine.records import remove_unused as remove_unused_files
from govpress.site.structure.pages import Page

logger = logging.getLogger(__name__)
SUFFIX = ".bodies"
NAME = re.compile(r"generated-[0-9a-f]{32}\.bodies\Z")


@dataclass(frozen=True)
class StoredBody:
    """Where a page's content is: in the body file ``path``, ``length`` bytes from ``offset``, with the BLAKE2b
    ``digest`` (16 bytes, hex) of those bytes; ``text``: the content is a ``str`` (UTF-8), else ``bytes``."""

    path: Path
    offset: int
    length: int
    digest: str
    text: bool

    def read(self, light: Page) -> Page:
        """``light`` (the page without its content) with its content read back (:class:`GovpressError` when the body
        file is not as this build, or the last, wrote it)."""
        data = _read_at(self.path, self.offset, self.length)
        if data is None or short_digest(data) != self.digest:
            message = "a generated page's stored content changed or went while the build used it: build again"
            raise GovpressError(Problem.error(message, self.path))
        return replace(light, content=data.decode("utf-8") if self.text else data)


class BodyWriter:
    """A new body file in a records folder, written one page's content at a time (:meth:`put`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        self._size = 0

    @classmethod
    def create(cls, folder: Path | None) -> BodyWriter | None:
        """A new body file in ``folder`` (a folder of this user's, made by the caller); ``None`` when there is no
        folder or the file cannot be made (logged: the pages then stay whole in memory)."""
        if folder is None:
            return None
        try:
            return cls(folder / f"generated-{secrets.token_hex(16)}{SUFFIX}")
        except OSError as error:
            logger.info("keeping the generated pages in memory: %s", error)
            return None

    def put(self, page: Page) -> StoredBody:
        """Append ``page``'s content; where it is."""
        data = page.data()
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        stored = StoredBody(self.path, self._size, len(data), short_digest(data), isinstance(page.content, str))
        self._size += len(data)
        return stored

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def body_file(folder: Path, name: str) -> Path | None:
    """The body file ``name`` in ``folder`` (``None``: not a body file's name)."""
    return folder / name if NAME.match(name) else None


def usable(stored: Collection[StoredBody]) -> bool:
    """Whether every body file of ``stored`` is a regular file long enough to hold its bodies (else the pages are
    made again; a changed body is found when it is read)."""
    ends: dict[Path, int] = {}
    for body in stored:
        ends[body.path] = max(ends.get(body.path, 0), body.offset + body.length)
    for path, end in ends.items():
        try:
            found = path.lstat()
        except OSError:
            return False
        if not stat.S_ISREG(found.st_mode) or found.st_size < end:
            return False
    return True


def remove_unused(folder: Path, used: Collection[str]) -> None:
    """Remove the body files in ``folder`` not named in ``used`` (those of older builds, or of builds that failed)."""
    remove_unused_files(folder, NAME, used, "body file")


def _read_at(path: Path, offset: int, length: int) -> bytes | None:
    """``length`` bytes at ``offset`` of the regular file ``path`` (``None``: not there)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.pread(fd, length, offset)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == length else None
