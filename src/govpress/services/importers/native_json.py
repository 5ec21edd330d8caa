"""Importer for the native long format as JSON: ``{"format": "govpress-services/1", "rows": [{...}, ...]}``.

Each row is an object with the native columns (:mod:`.native_rows`), read by the same row reader as the CSV
form. Beyond that reader's checks:

- the text is read by the shared reader (:mod:`govpress.textfile`): UTF-8, a byte order mark accepted;
- numbers are read exactly (``Decimal``, integers too: no limit of 4,300 digits, the row model's bounds apply);
- a key given twice in one object is an error; nesting too deep for the parser is an error, not a crash;
- problems in rows name the row and the line where its object starts (found only when there is a problem).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from govpress.problems import Problem, ProblemLog
from govpress.services.importers import Format, Record
from govpress.services.importers.native import JSON_FORMAT_ID as JSON_FORMAT_ID
from govpress.services.importers.native import NativeReader
from govpress.services.importers.native_rows import COLUMNS
from govpress.services.model import FIGURE_FIELDS, SERVICE_FIELDS
from govpress.textfile import read_text_file

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _Object(dict[str, Any]):
    """A JSON object that remembers a key given twice in it."""

    duplicate: str | None = None


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    made = _Object(pairs)
    if len(made) != len(pairs):
        seen: set[str] = set()
        made.duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return made


def read_native_json(path: Path, problems: ProblemLog) -> Iterator[Record]:
    text = read_text_file(path, what="JSON file")
    try:
        document = json.loads(text, parse_float=Decimal, parse_int=Decimal, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        problems.add(Problem.error(f"not JSON: {error.msg}", path, error.lineno, error.colno))
        return
    except RecursionError:
        problems.add(Problem.error("the JSON nests too deeply to read (rows are flat objects)", path))
        return
    if (
        not isinstance(document, dict)
        or document.get("format") != JSON_FORMAT_ID
        or not isinstance(document.get("rows"), list)
    ):
        problems.add(Problem.error(f'expected an object {{"format": "{JSON_FORMAT_ID}", "rows": [...]}}', path, 1))
        return
    if isinstance(document, _Object) and document.duplicate:
        problems.add(Problem.error(f"key {document.duplicate!r} is given twice: file not imported", path, 1))
        return
    in_rows = ProblemLog()  # located by row number, then moved to the row's line
    yield from _records(str(path), document["rows"], in_rows)
    if in_rows.problems:
        lines = _row_lines(text)
        for problem in in_rows.problems:
            line = lines[problem.line - 1] if problem.line and problem.line <= len(lines) else None
            problems.add(Problem(problem.path, line, None, problem.severity, f"row {problem.line}: {problem.message}"))


def _records(path: str, rows: list[Any], problems: ProblemLog) -> Iterator[Record]:
    native = NativeReader(path)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or [k for k in row if k not in COLUMNS]:
            problems.add(Problem.error("not an object with the native columns only: file not imported", path, number))
        elif isinstance(row, _Object) and row.duplicate:
            problems.add(Problem.error(f"key {row.duplicate!r} is given twice: file not imported", path, number))
        else:
            yield from native.records(number, row, problems)


def _row_lines(text: str) -> list[int]:
    """The line on which each element of the top-level ``"rows"`` array starts (objects only)."""
    lines: list[int] = []
    depth, key, rows_depth, counted, line = 0, "", 0, 0, 1
    for token in _TOKEN.finditer(text):
        value = token.group()
        if value in "[{":
            depth += 1
            if value == "[" and depth == 2 and key == '"rows"':
                rows_depth = 2
            elif rows_depth and depth == rows_depth + 1:
                line += text.count("\n", counted, token.start())
                counted = token.start()
                lines.append(line)
        elif value in "]}":
            if value == "]" and depth == rows_depth:
                rows_depth = 0
            depth -= 1
        elif depth == 1:
            key = value
    return lines


NATIVE_JSON = Format(
    name="native-json",
    description="govpress native long format, JSON (rows as objects; see native.schema.json)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=lambda path, headers: path.suffix.lower() == ".json",
    read=read_native_json,
)
