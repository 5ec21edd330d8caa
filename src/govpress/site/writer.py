"""Write the finished site: pages, copied source files, govpress's static files, the project's assets.

Files whose bytes are already there are left alone (so a warm build touches nothing). Files a previous build wrote
and this one does not are removed; nothing else in the output folder is ever deleted.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from govpress.site.cache import CACHE_DIR
from govpress.site.folders import Folders
from govpress.site.pages import Page

logger = logging.getLogger(__name__)
MANIFEST = "written.txt"


def write_pages(out: Path, pages: Sequence[Page], folders: Folders | None = None) -> list[Path]:
    folders = folders or Folders()
    written: list[Path] = []
    for page in pages:
        target = out / page.output
        data = page.data()
        written.append(target)
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        folders.make_parent(target)
        target.write_bytes(data)
    return written


def copy_files(out: Path, copies: Iterable[tuple[Path, str]], folders: Folders | None = None) -> list[Path]:
    """Copy ``(source file, output path)`` pairs (bytes and modification time), skipping files with the same size and
    modification time."""
    folders = folders or Folders()
    written: list[Path] = []
    for source, output in copies:
        target = out / output
        written.append(target)
        stat = source.stat()
        try:
            here = target.stat()
        except FileNotFoundError:
            pass
        else:
            if here.st_size == stat.st_size and here.st_mtime_ns == stat.st_mtime_ns:
                continue
        folders.make_parent(target)
        shutil.copyfile(source, target)
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return written


def write_site(out: Path, pages: Sequence[Page], already: Sequence[Path], folders: Folders | None = None) -> list[Path]:
    """The pages, then the stale files of the previous build removed; ``already``: the files this build wrote before
    (its copies and generated pages, while the other pages rendered). Returns every file of this build."""
    out.mkdir(parents=True, exist_ok=True)
    written = [*write_pages(out, pages, folders), *already]
    _remove_stale(out, written)
    return written


def _remove_stale(out: Path, written: list[Path]) -> None:
    manifest = out / CACHE_DIR / MANIFEST
    now = sorted({p.relative_to(out).as_posix() for p in written})
    if manifest.is_file():
        for name in set(manifest.read_text(encoding="utf-8").splitlines()) - set(now):
            stale = out / name
            if stale.is_file():
                stale.unlink()
                logger.info("removed %s (no longer built)", stale)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text("".join(f"{name}\n" for name in now), encoding="utf-8")
