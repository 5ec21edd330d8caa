"""Write the finished site: pages, copied source files, govpress's static files, the project's assets.

Everything goes through a :class:`~govpress.site.write.output.SiteOutput`: files whose bytes are already there are left
alone (so a build that changes nothing writes nothing), and a build that changes something writes its site beside
the previous one and switches over. The files a build wrote are recorded (:data:`MANIFEST`, among the build's records,
never in the output folder), so the next build leaves out those it no longer makes; nothing else in the output folder
is ever removed.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from govpress.site.engine.records import RecordFolder
from govpress.site.engine.stamps import CACHE_DIR
from govpress.site.layout.templates import STATIC_DIR
from govpress.site.structure.pages import Page
from govpress.site.write.assets import static_files
from govpress.site.write.output import SiteOutput

logger = logging.getLogger(__name__)
MANIFEST = "written.json"
MANIFEST_KIND = "written"
LEGACY_MANIFEST = "written.txt"


def write_pages(output: SiteOutput, pages: Sequence[Page]) -> list[str]:
    """Each page's file; returns their names (relative to the output folder)."""
    for page in pages:
        output.write(str(page.output), page.data())
    return [str(page.output) for page in pages]


def copy_files(output: SiteOutput, copies: Iterable[tuple[Path, str]]) -> list[str]:
    """Copy ``(source file, output path)`` pairs (bytes and modification time), skipping files with the same size and
    modification time; returns the output paths."""
    names: list[str] = []
    for source, name in copies:
        output.copy(source, name)
        names.append(name)
    return names


def write_static(output: SiteOutput, govuk_brand: bool, crown_images: bool | None = None) -> list[str]:
    """govpress's own static files into ``static/``; returns their names."""
    names: list[str] = []
    for name, data in static_files(govuk_brand, crown_images):
        names.append(f"{STATIC_DIR}/{name}")
        output.write(names[-1], data)
    return names


def finish_site(output: SiteOutput, names: Iterable[str], records: RecordFolder | None) -> bool:
    """Switch to the new site (``names``: every file this build wrote) and record them. Returns whether anything
    changed."""
    written = set(names)
    changed = output.finish(written)
    if records is not None and (changed or written != output.previous):
        records.save(MANIFEST, MANIFEST_KIND, sorted(written))
    return changed


def previous_files(records: RecordFolder | None, out: Path) -> frozenset[str]:
    """The files the last build into ``out`` wrote (from its record; or from the ``written.txt`` an older govpress
    kept in ``OUT/.govpress-cache/``). Any name that is not a string is left out; names are confined when used."""
    stored = records.load(MANIFEST, MANIFEST_KIND) if records is not None else None
    if isinstance(stored, list):
        return frozenset(name for name in stored if isinstance(name, str))
    legacy = out / CACHE_DIR / LEGACY_MANIFEST
    try:
        if not legacy.is_symlink() and legacy.is_file():
            return frozenset(legacy.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError) as error:
        logger.info("ignoring %s: %s", legacy, error)
    return frozenset()


def remove_legacy_cache(out: Path) -> None:
    """Remove ``OUT/.govpress-cache/``, where an older govpress kept its records (never published, never trusted)."""
    legacy = out / CACHE_DIR
    if legacy.is_symlink():
        legacy.unlink()
    elif legacy.is_dir():
        shutil.rmtree(legacy, ignore_errors=True)
    else:
        return
    logger.info("removed %s (an older govpress's build records)", legacy)
