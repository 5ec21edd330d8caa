"""Reading one spreadsheet cell: a figure (a value, not provided, not requested) or a text.

Grammar of a figure cell (after surrounding spaces are removed, which is reported)::

    figure        = number | not-provided | not-requested | error-cell
    number        = ["£"] digits-with-commas ["." digits]       ; "1,234,567.89"; thousands commas allowed
    not-provided  = "" | "-" | "See notes"                      ; case-insensitive
    not-requested = "***"
    error-cell    = "#" ...                                     ; "#REF!", "#N/A", "#VALUE!", ...

A spreadsheet error cell is reported as a warning and read as not provided. Anything else is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from govpress.problems import Problem, ProblemLog
from govpress.services.model import NOT_PROVIDED, NOT_REQUESTED, Figure, Missing

_NUMBER = re.compile(r"£?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|£?\.\d+")
_NOT_PROVIDED = frozenset({"", "-", "see notes"})
NOT_REQUESTED_MARK = "***"


@dataclass(frozen=True)
class CellPlace:
    """Where a cell is: the file, its row (line) and column, and the column's header text."""

    path: str
    line: int
    column: int
    header: str

    def warning(self, message: str) -> Problem:
        return Problem.warning(f"column {self.header!r}: {message}", self.path, self.line, self.column)

    def error(self, message: str) -> Problem:
        return Problem.error(f"column {self.header!r}: {message}", self.path, self.line, self.column)


def is_error_cell(text: str) -> bool:
    return text.startswith("#") and len(text) > 1


def read_text(raw: str, place: CellPlace, problems: ProblemLog, *, report_spaces: bool = True) -> str:
    """A text cell with surrounding spaces removed (reported when ``report_spaces``)."""
    text = raw.strip()
    if report_spaces and text != raw:
        problems.add(place.warning(f"stray spaces around {text!r}: removed"))
    if is_error_cell(text):
        problems.add(place.warning(f"spreadsheet error cell {text!r}: read as empty"))
        return ""
    return text


def read_figure_at(raw: str, path: str, line: int, column: int, header: str, problems: ProblemLog) -> Figure:
    """:func:`read_figure` for the cell at ``path:line:column`` (an empty cell, the common case, costs nothing)."""
    if not raw:
        return NOT_PROVIDED
    return read_figure(raw, CellPlace(path, line, column, header), problems)


def read_figure(raw: str, place: CellPlace, problems: ProblemLog) -> Figure:
    """A figure cell: a value, not provided or not requested."""
    text = raw.strip()
    if text != raw:
        problems.add(place.warning(f"stray spaces around {text!r}: removed"))
    if text.lower() in _NOT_PROVIDED:
        return NOT_PROVIDED
    if text == NOT_REQUESTED_MARK:
        return NOT_REQUESTED
    if is_error_cell(text):
        problems.add(place.warning(f"spreadsheet error cell {text!r}: read as not provided"))
        return NOT_PROVIDED
    number = parse_number(text)
    if number is None:
        problems.add(place.error(f"{text!r} is not a number, '-', 'See notes', '***' or empty: file not imported"))
        return NOT_PROVIDED
    return number


def parse_number(text: str) -> Decimal | None:
    """A non-negative number with optional thousands commas and pound sign, or ``None``."""
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", "").replace("£", ""))
    except InvalidOperation:
        return None


def figure_text(figure: Figure) -> str:
    """How a figure is written in CSV files: the number, ``""`` (not provided) or ``***`` (not requested)."""
    if figure is Missing.NOT_PROVIDED:
        return ""
    if figure is Missing.NOT_REQUESTED:
        return NOT_REQUESTED_MARK
    text = str(figure)
    if text.isdigit():  # a whole number, the common case, is already normal
        return text
    if "." in text and "E" not in text:  # a decimal fraction: trailing zeros go (1.250 → 1.25, 130.00 → 130)
        return text.rstrip("0").rstrip(".")
    return format(figure.normalize(), "f")
