"""``govpress new``: write the example site (package data in ``govpress/scaffold/``) into a new folder."""

from __future__ import annotations

from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.site.write.assets import package_files

GITIGNORE = "_site/\n.govpress-cache/\n"


def scaffold_files() -> list[tuple[str, bytes]]:
    """Every file of the example site as ``(relative path, bytes)``, in path order."""
    return [(name, entry.read_bytes()) for name, entry in package_files("scaffold")]


def new_site(folder: Path) -> list[Path]:
    """Write the example site into ``folder`` (which must not exist, or be empty); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GovpressError(Problem.error("already exists and is not an empty folder: choose a new one", folder))
    written: list[Path] = []
    for name, data in [*scaffold_files(), (".gitignore", GITIGNORE.encode())]:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
