"""Static files: govpress's own (GOV.UK Frontend, CSS) into ``OUT/static/``, the project's into ``OUT/assets/``.

The project's assets are walked by :func:`asset_files`: a symbolic link whose target lies outside the project (or that
loops) is refused with an error and never copied; links inside the project are followed as files.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from govpress.confinement import link_problem, name_problem, resolved
from govpress.problems import GovpressError, Problem
from govpress.site.layout.templates import STATIC_DIR
from govpress.site.write.folders import Folders

logger = logging.getLogger(__name__)
FONTS = ("govuk-frontend", "assets", "fonts")
CROWN_IMAGES = ("govuk-frontend", "assets", "images")  # the Royal Arms, the crown favicons and icons


def static_files(govuk_brand: bool = False, crown_images: bool | None = None) -> list[tuple[str, bytes]]:
    """Every packaged static file as ``(path under static/, bytes)``, in name order (fonts only when branded; GOV.UK
    Frontend's images, all crowns and crests, only when ``crown_images``, by default when branded)."""
    return [(name, entry.read_bytes()) for name, entry in _static_entries(govuk_brand, crown_images)]


def static_names(govuk_brand: bool = False, crown_images: bool | None = None) -> list[str]:
    """The paths under ``static/`` of :func:`static_files`, without reading the files."""
    return [name for name, _ in _static_entries(govuk_brand, crown_images)]


def _static_entries(govuk_brand: bool, crown_images: bool | None) -> list[tuple[str, Traversable]]:
    skip = [] if govuk_brand else [FONTS]
    skip += [] if (govuk_brand if crown_images is None else crown_images) else [CROWN_IMAGES]
    return package_files("static", skip=skip)


def package_files(folder: str, skip: Collection[tuple[str, ...]] = ()) -> list[tuple[str, Traversable]]:
    """Every file of the package folder ``folder`` as ``(relative path, entry)``, in path order; hidden files,
    ``__…`` entries, ``.pyc`` files and the subfolders in ``skip`` (as path parts) left out."""
    found: list[tuple[str, Traversable]] = []
    _collect(resources.files("govpress") / folder, (), found, skip)
    return sorted(found, key=lambda item: item[0])


def _collect(
    folder: Traversable, parts: tuple[str, ...], found: list[tuple[str, Traversable]], skip: Collection[tuple[str, ...]]
) -> None:
    for entry in folder.iterdir():
        here = (*parts, entry.name)
        if entry.name.startswith((".", "__")) or entry.name.endswith(".pyc") or here in skip:
            continue
        if entry.is_dir():
            _collect(entry, here, found, skip)
        else:
            found.append(("/".join(here), entry))


def copy_static(
    out_dir: Path, govuk_brand: bool = False, folders: Folders | None = None, crown_images: bool | None = None
) -> list[Path]:
    """Copy the packaged static files into ``out_dir/static/``; returns the files written."""
    folders = folders or Folders()
    written: list[Path] = []
    for name, data in static_files(govuk_brand, crown_images):
        target = out_dir / STATIC_DIR / name
        _write_if_changed(target, data, folders, out_dir)
        written.append(target)
    return written


def asset_files(assets_dir: Path, project: Path) -> list[tuple[Path, str]]:
    """Every file of ``assets_dir`` as ``(path, "assets/RELATIVE")``, in path order; :class:`GovpressError` with
    every symbolic link that leaves ``project`` or loops, and every name that is not UTF-8."""
    if not assets_dir.is_dir():
        return []
    root = resolved(project)
    if root is None:
        raise GovpressError(Problem.error("the project folder is a symbolic link loop", project))
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in sorted(assets_dir.rglob("*")):
        problem = link_problem(path, root) or name_problem(path)
        if problem is not None:
            problems.append(problem)
        elif path.is_file():
            found.append((path, f"assets/{path.relative_to(assets_dir).as_posix()}"))
    if problems:
        raise GovpressError(problems)
    return found


def _write_if_changed(target: Path, data: bytes, folders: Folders, root: Path) -> None:
    """``target`` (inside ``root``) with ``data``, unless it has them; never through a symbolic link (a link at
    ``target`` is replaced by the file, one on the way is refused: :class:`Folders`)."""
    folders.make_parent(target, root)
    if target.is_symlink():
        target.unlink()
    elif target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return
    target.write_bytes(data)
    logger.debug("wrote %s", target)
