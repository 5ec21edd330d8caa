"""Finding where a text was written: the first line of a page's dependencies that holds it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path


@dataclass
class SourceFinder:
    """Finds the file and line of a text among some files (each file read once)."""

    texts: dict[Path, list[str]] = field(default_factory=dict)

    joined: dict[Path, tuple[str, list[int]]] = field(default_factory=dict)

    def locate(self, needle: str, files: Sequence[Path], fallback: Path | None) -> tuple[Path | None, int | None]:
        for path in files:
            text, starts = self._joined(path)
            if "\n" in needle or not starts:  # never within one line; a file with no lines
                continue
            position = text.find(needle)  # one fast search, not a loop over lines (thousands of needles stay cheap)
            if position >= 0:
                return path, bisect_right(starts, position)
        return fallback, None

    def _joined(self, path: Path) -> tuple[str, list[int]]:
        """The file's lines joined by newlines, and the offset at which each line starts."""
        if path not in self.joined:
            lines = self._lines(path)
            starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])] if lines else []
            self.joined[path] = ("\n".join(lines), starts)
        return self.joined[path]

    def _lines(self, path: Path) -> list[str]:
        if path not in self.texts:
            try:
                self.texts[path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.texts[path] = []
        return self.texts[path]
