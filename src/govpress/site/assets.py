"""Static files: govpress's own (GOV.UK Frontend, CSS) into ``OUT/static/``, the project's into ``OUT/assets/``."""

from __future__ import annotations

import logging
import shutil
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from govpress.site.folders import Folders
from govpress.site.templates import STATIC_DIR

logger = logging.getLogger(__name__)
FONTS = ("govuk-frontend", "assets", "fonts")


def static_files(govuk_brand: bool = False) -> list[tuple[str, bytes]]:
    """Every packaged static file as ``(path under static/, bytes)``, in name order (fonts only when branded)."""
    root = resources.files("govpress") / "static"
    found: list[tuple[str, bytes]] = []
    _collect(root, (), found, govuk_brand)
    return sorted(found)


def _collect(folder: Traversable, parts: tuple[str, ...], found: list[tuple[str, bytes]], brand: bool) -> None:
    for entry in folder.iterdir():
        here = (*parts, entry.name)
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            if here != FONTS or brand:
                _collect(entry, here, found, brand)
        else:
            found.append(("/".join(here), entry.read_bytes()))


def copy_static(out_dir: Path, govuk_brand: bool = False, folders: Folders | None = None) -> list[Path]:
    """Copy the packaged static files into ``out_dir/static/``; returns the files written."""
    folders = folders or Folders()
    written: list[Path] = []
    for name, data in static_files(govuk_brand):
        target = out_dir / STATIC_DIR / name
        _write_if_changed(target, data, folders)
        written.append(target)
    return written


def copy_tree(source: Path, target: Path) -> list[Path]:
    """Copy every file of ``source`` into ``target`` (only files whose bytes differ); returns the files."""
    written: list[Path] = []
    if not source.is_dir():
        return written
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            _write_if_changed(destination, path.read_bytes(), Folders())
            written.append(destination)
    return written


def _write_if_changed(target: Path, data: bytes, folders: Folders) -> None:
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    folders.make_parent(target)
    target.write_bytes(data)
    logger.debug("wrote %s", target)


def remove_tree(path: Path) -> None:
    """Remove a folder the build owns (the output's ``static/`` before a clean copy)."""
    if path.is_dir():
        shutil.rmtree(path)
