"""Reading markdown-it style fixture files: ``title``, ``.``, input, ``.``, expected output, ``.``.

Cases are separated by blank lines; a case is::

    title line
    .
    input lines
    .
    expected output lines
    .
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FixtureCase:
    """One case: where it is, its title, its input and the expected output."""

    path: Path
    line: int
    title: str
    source: str
    expected: str

    @property
    def test_id(self) -> str:
        return f"{self.path.stem}:{self.line}:{self.title}"


def read_fixture_file(path: Path) -> list[FixtureCase]:
    """Every case of one fixture file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cases: list[FixtureCase] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() and index + 1 < len(lines) and lines[index + 1] == ".":
            case, index = _read_case(path, lines, index)
            cases.append(case)
        else:
            index += 1
    return cases


def _read_case(path: Path, lines: list[str], start: int) -> tuple[FixtureCase, int]:
    source_end = lines.index(".", start + 2)
    expected_end = lines.index(".", source_end + 1)
    case = FixtureCase(
        path=path,
        line=start + 1,
        title=lines[start].strip(),
        source="\n".join(lines[start + 2 : source_end]) + "\n",
        expected="\n".join(lines[source_end + 1 : expected_end]),
    )
    return case, expected_end + 1


def read_fixture_dir(folder: Path) -> list[FixtureCase]:
    """Every case of every ``*.md`` fixture file in ``folder``, files in name order."""
    return [case for path in sorted(folder.glob("*.md")) for case in read_fixture_file(path)]


CASE_KINDS = ("negative:", "nesting:")


def files_missing_a_kind(cases: Sequence[FixtureCase]) -> list[str]:
    """Fixture files that lack a positive, a ``negative:`` or a ``nesting:`` case (each file needs all three)."""
    missing = []
    for path in sorted({case.path for case in cases}):
        titles = [case.title for case in cases if case.path == path]
        kinds = [any(t.startswith(kind) for t in titles) for kind in CASE_KINDS]
        positive = any(not t.startswith(CASE_KINDS) for t in titles)
        if not (all(kinds) and positive):
            missing.append(path.name)
    return missing
