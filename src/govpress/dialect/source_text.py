"""Source text after ``{include}`` expansion, with a map from each line back to the file and line it came from.

Every later stage works on :class:`SourceText` lines; a message about line ``n`` of the expanded text names
``origins[n]``, the file the author must edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Origin:
    """Where one line of expanded text was written: a file (``None`` for standard input) and a 1-based line.

    ``line`` is ``None`` for lines govpress made up (the wrappers around the files of a document).
    """

    path: Path | None
    line: int | None


@dataclass(frozen=True)
class SourceText:
    """Lines of Markdown and, for each one, where it was written."""

    lines: tuple[str, ...]
    origins: tuple[Origin, ...]
    dependencies: tuple[Path, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def origin(self, index: int) -> Origin:
        """The origin of the 0-based line ``index`` (the last line's origin when out of range)."""
        if not self.origins:
            return Origin(None, None)
        return self.origins[min(max(index, 0), len(self.origins) - 1)]

    def find(self, text: str) -> Origin | None:
        """The origin of the first line holding ``text``."""
        index = next((i for i, line in enumerate(self.lines) if text in line), None)
        return None if index is None else self.origins[index]

    def __add__(self, other: SourceText) -> SourceText:
        dependencies = self.dependencies + tuple(p for p in other.dependencies if p not in self.dependencies)
        return SourceText(self.lines + other.lines, self.origins + other.origins, dependencies)


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with any line ending (``\\r\\n``, ``\\r``, ``\\n``) removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def synthetic(lines: tuple[str, ...], path: Path | None) -> SourceText:
    """Lines govpress adds itself (they belong to ``path`` but to no line of it)."""
    return SourceText(lines, tuple(Origin(path, None) for _ in lines))
