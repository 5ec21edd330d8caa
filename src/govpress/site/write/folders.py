"""Making the output's folders, each once per build."""

from __future__ import annotations

from pathlib import Path


class Folders:
    """Makes each folder of the output once per build (on some file systems a ``mkdir`` costs as much as writing a
    small file, and most files share their folder with others)."""

    def __init__(self) -> None:
        self._made: set[Path] = set()

    def make_parent(self, target: Path) -> None:
        parent = target.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
