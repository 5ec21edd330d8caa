"""Finding where a text was written: the first line of a page's dependencies that holds it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SourceFinder:
    """Finds the file and line of a text among some files (each file read once)."""

    texts: dict[Path, list[str]] = field(default_factory=dict)

    def locate(self, needle: str, files: Sequence[Path], fallback: Path | None) -> tuple[Path | None, int | None]:
        for path in files:
            for number, line in enumerate(self._lines(path), start=1):
                if needle in line:
                    return path, number
        return fallback, None

    def _lines(self, path: Path) -> list[str]:
        if path not in self.texts:
            try:
                self.texts[path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.texts[path] = []
        return self.texts[path]
