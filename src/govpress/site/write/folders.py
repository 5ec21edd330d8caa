"""Making the output's folders, each once per build, never through a symbolic link."""

from __future__ import annotations

import stat
from pathlib import Path

from govpress.problems import GovpressError, Problem


class Folders:
    """Makes each folder of the output once per build (on some file systems a ``mkdir`` costs as much as writing a
    small file, and most files share their folder with others).

    A folder is made one level at a time from the folder being written (``root``), and one that is there already is
    looked at, not followed: a symbolic link where the site needs a folder (say ``_site/reports`` linked to a folder
    elsewhere) would have every page under it written wherever it leads, outside the output folder. That, or a file
    where a folder must be, is a :class:`GovpressError` at its path in the output folder, and nothing is written
    under it."""

    def __init__(self) -> None:
        self._made: set[Path] = set()

    def make_parent(self, target: Path, root: Path, shown: Path | None = None) -> None:
        """Make the folders between ``root`` (a folder of the build's own, trusted) and the file ``target`` inside
        it. ``shown``: the folder the user knows ``root`` as, for the message (the output folder, where ``root``
        is the new folder being written beside it)."""
        parent = target.parent
        if parent in self._made or parent == root:
            return
        missing: list[Path] = []
        here = parent
        while here != root and here not in self._made:
            if here == here.parent:
                raise ValueError(f"{target} is not inside {root}")
            missing.append(here)
            here = here.parent
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                found = folder.lstat()
                if not stat.S_ISDIR(found.st_mode):
                    place = (shown or root) / folder.relative_to(root)
                    raise GovpressError(_in_the_way(place, found.st_mode, folder)) from None
            self._made.add(folder)


def _in_the_way(place: Path, mode: int, folder: Path) -> Problem:
    if stat.S_ISLNK(mode):
        return Problem.error(
            f"a symbolic link (to {folder.readlink()}) where the site needs a folder: govpress writes nothing"
            " through a link in the output folder (it could lead outside it); remove the link, or build into"
            " another folder",
            place,
        )
    return Problem.error("a file where the site needs a folder; remove it, or build into another folder", place)
