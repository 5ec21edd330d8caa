"""Reading a CSV file into rows with their line numbers; every fault of the file itself is a located error.

- The text is read by the shared reader (:mod:`govpress.textfile`): UTF-8 only, a byte order mark dropped;
  UTF-16/UTF-32 and Windows-1252 exports, NUL bytes and unreadable files get its located message.
- A lone carriage return (the line ends of old Mac files) is refused at its line and column: read as a line
  end it would split header cells such as ``"Total transactions\\nJan - Mar 2016"`` and lose their columns.
- A field longer than the csv module's limit (131,072 characters) is refused at its row and column.
- Blank lines are skipped; a row's line is the line it starts on (a quoted cell may span lines).
- A file with a header row and no data rows, and a row with more or fewer cells than the header, are errors.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.textfile import read_text_file, text_lines

_LONE_CR = re.compile(r"\r(?!\n)")
SHOWN = 40  # characters of a cell quoted in a message


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]


def shown(text: str) -> str:
    """A cell's text as quoted in a message: at most :data:`SHOWN` characters (a long cell is cut and measured)."""
    if len(text) <= SHOWN:
        return repr(text)
    return f"{text[:SHOWN]!r}… ({len(text):,} characters)"


def read_rows(path: Path, problems: ProblemLog) -> Iterator[Row]:
    """The non-blank rows of a CSV file; a CSV fault ends the rows with a located error in ``problems``.

    The file is read line by line (a million-row export is never held whole); only a CSV fault reads it whole
    again, to say where the fault is.
    """
    reader = csv.reader(_checked_lines(text_lines(path, what="CSV file"), path))
    start = 1
    try:
        for cells in reader:
            if cells:
                yield Row(start, cells)
            start = reader.line_num + 1
    except csv.Error as error:
        problems.add(_csv_fault(str(error), read_text_file(path, what="CSV file"), start, path))


def _checked_lines(lines: Iterator[str], path: Path) -> Iterator[str]:
    """The lines, refusing a lone carriage return (the line ends of old Mac files) at its line and column."""
    for number, line in enumerate(lines, start=1):
        if "\r" in line:
            lone = _LONE_CR.search(line)
            if lone:
                raise GovpressError(
                    Problem.error(
                        "a line ends with a lone carriage return (CR, the line ends of old Mac files): "
                        "save the file with LF or CRLF line ends",
                        path,
                        number,
                        lone.start() + 1,
                    )
                )
        yield line


def data_rows(rows: Iterator[Row], path: Path, problems: ProblemLog) -> Iterator[Row]:
    """The rows after the header; an error when there are none (a header alone imports nothing)."""
    found = False
    for row in rows:
        found = True
        yield row
    if not found and not problems.errors:
        problems.add(Problem.error("the file has a header row but no data rows: nothing to import", path, 1))


def check_width(row: Row, headers: Sequence[str], path: str, problems: ProblemLog) -> bool:
    """Whether the row has one cell per header; an error naming the first missing or extra column when not."""
    count, width = len(row.cells), len(headers)
    if count == width:
        return True
    message = f"row has {count} cells, the header has {width}: "
    if count > width:
        message += f"cell {width + 1} ({shown(row.cells[width])}) has no column"
        column = width + 1
    else:
        message += f"column {count + 1} ({headers[count]!r}) and after are missing"
        column = count + 1
    problems.add(Problem.error(f"{message}: file not imported", path, row.line, column))
    return False


def required_columns(path: str, headers: list[str], required: tuple[str, ...], problems: ProblemLog) -> bool:
    """Whether the header row starts with the ``required`` columns in order (an error for each one that does not)."""
    ok = True
    for index, name in enumerate(required):
        found = headers[index] if index < len(headers) else None
        if found != name:
            ok = False
            instead = f"found {found!r}" if found is not None else "the header row ends before it"
            problems.add(
                Problem.error(
                    f"the header row must have column {name!r} here ({instead}): file not imported",
                    path,
                    1,
                    index + 1,
                )
            )
    return ok


def _csv_fault(message: str, text: str, line: int, path: Path) -> Problem:
    limit = csv.field_size_limit()
    if "field larger than field limit" in message:
        column = _long_field_column(text, _line_offset(text, line), limit)
        return Problem.error(
            f"a cell is longer than {limit:,} characters (the CSV reader's limit): file not imported",
            path,
            line,
            column,
        )
    return Problem.error(f"the file is not valid CSV ({message}): file not imported", path, line)


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def _long_field_column(text: str, offset: int, limit: int) -> int:
    """The column of the first field longer than ``limit`` in the CSV row starting at ``offset``."""
    column, length, quoted, index = 1, 0, False, offset
    while index < len(text):
        char = text[index]
        if quoted and char == '"':
            if not text.startswith('"', index + 1):
                quoted = False
                index += 1
                continue
            index += 1  # a doubled quote is one character of the field
        elif not quoted and char == '"' and length == 0:
            quoted = True
            index += 1
            continue
        elif not quoted and char == ",":
            column, length = column + 1, -1
        elif not quoted and char in "\r\n":
            break
        length += 1
        if length > limit:
            break
        index += 1
    return column
