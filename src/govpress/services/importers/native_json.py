"""Importer for the native long format as JSON: ``{"format": "govpress-services/1", "rows": [{...}, ...]}``.

Each row is an object with the native columns (:mod:`.native_rows`), read by the same row reader as the CSV
form. Beyond that reader's checks:

- the text is read by the shared reader (:mod:`govpress.textfile`): UTF-8, a byte order mark accepted;
- the JSON is read by :mod:`govpress.jsonfile` (every number an exact ``Decimal``; a key given twice, nesting past
  its limit, ``NaN`` and numbers past its bounds are errors at their line and column);
- problems in rows name the row and the line where its object starts (found only when there is a problem).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from govpress.jsonfile import item_lines, parse_json
from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.services.importers import Format, Record
from govpress.services.importers.native import JSON_FORMAT_ID as JSON_FORMAT_ID
from govpress.services.importers.native import NativeReader
from govpress.services.importers.native_rows import COLUMNS
from govpress.services.model import FIGURE_FIELDS, SERVICE_FIELDS
from govpress.textfile import read_text_file


def read_native_json(path: Path, problems: ProblemLog) -> Iterator[Record]:
    try:
        document = parse_json(read_text_file(path, what="JSON file"), path, decimal_integers=True)
    except GovpressError as error:
        problems.extend([_not_imported(problem) for problem in error.problems])
        return
    if (
        not isinstance(document, dict)
        or document.get("format") != JSON_FORMAT_ID
        or not isinstance(document.get("rows"), list)
    ):
        problems.add(Problem.error(f'expected an object {{"format": "{JSON_FORMAT_ID}", "rows": [...]}}', path, 1))
        return
    in_rows = ProblemLog()  # located by row number, then moved to the row's line
    yield from _records(str(path), document["rows"], in_rows)
    if in_rows.problems:
        lines = item_lines(read_text_file(path, what="JSON file"), "rows")
        for problem in in_rows.problems:
            line = lines[problem.line - 1] if problem.line and problem.line <= len(lines) else None
            problems.add(Problem(problem.path, line, None, problem.severity, f"row {problem.line}: {problem.message}"))


def _not_imported(problem: Problem) -> Problem:
    return replace(problem, message=f"{problem.message}: file not imported")


def _records(path: str, rows: list[Any], problems: ProblemLog) -> Iterator[Record]:
    native = NativeReader(path)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or [k for k in row if k not in COLUMNS]:
            problems.add(Problem.error("not an object with the native columns only: file not imported", path, number))
        else:
            yield from native.records(number, row, problems)


NATIVE_JSON = Format(
    name="native-json",
    description="govpress native long format, JSON (rows as objects; see native.schema.json)",
    service_fields=frozenset(SERVICE_FIELDS),
    figure_fields=frozenset(FIGURE_FIELDS),
    detect=lambda path, headers: path.suffix.lower() == ".json",
    read=read_native_json,
)
