"""Reading one spreadsheet cell: a figure (a value, not provided, not requested) or a text.

Grammar of a figure cell (after surrounding spaces are removed, which is reported)::

    figure        = number | not-provided | not-requested | error-cell
    number        = ["-"] ["£"] digits-with-commas ["." digits] ; "1,234,567.89"; thousands commas allowed
    not-provided  = "" | "-" | "See notes"                      ; case-insensitive
    not-requested = "***"
    error-cell    = "#" ...                                     ; "#REF!", "#N/A", "#VALUE!", ...

Bounds: a number is stored exactly when it has at most 15 digits in all (leading zeros not counted), at most 10 of
them after the decimal point: below 10^15 in size, and always exactly what a JSON number (a double) can carry, so
every export keeps it. Anything beyond (a number with thousands of digits, ``0.000…1``) is an error, as are
exponents, ``NaN`` and ``Infinity`` (``1e999999999``). A negative number is read (and reported as
implausible by :mod:`govpress.services.plausibility`).

A spreadsheet error cell is reported as a warning and read as not provided. Anything else is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from govpress.problems import Problem, ProblemLog
from govpress.safe_output.csv_cells import restore_cell
from govpress.services.importers.csv_rows import shown
from govpress.services.model import NOT_PROVIDED, NOT_REQUESTED, Figure, Missing

_NUMBER = re.compile(r"-?£?(?:(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|\.\d+)")
_NOT_WRITTEN_IN_FULL = re.compile(r"[-+]?(?:[\d.,]+[eE][-+]?\d+|nan|inf(?:inity)?)", re.IGNORECASE)
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 10
MAX_DIGITS = 15
FIGURE_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS
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
    text = restore_cell(text)  # '=… is a formula govpress's own CSV exports escaped (govpress.safe_output)
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
    if isinstance(number, str):
        problems.add(place.error(f"{number}: file not imported"))
        return NOT_PROVIDED
    return number


def parse_number(text: str) -> Decimal | str:
    """A number with optional minus sign, thousands commas and pound sign, or what is wrong with ``text``."""
    if not _NUMBER.fullmatch(text):
        if _NOT_WRITTEN_IN_FULL.fullmatch(text):
            return (
                f"{shown(text)} is not a figure govpress reads: write numbers in full, "
                "without an exponent (and not NaN or Infinity)"
            )
        return f"{shown(text)} is not a number, '-', 'See notes', '***' or empty"
    plain = text.replace(",", "").replace("£", "").lstrip("-")
    whole, _, decimals = plain.partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        return f"{shown(text)} is too large: figures must be below 10^{MAX_INTEGER_DIGITS} (1,000,000,000,000,000)"
    if len(decimals) > MAX_DECIMAL_PLACES:
        return f"{shown(text)} has more than {MAX_DECIMAL_PLACES} decimal places"
    if len(whole.lstrip("0") + decimals) > MAX_DIGITS:
        return f"{shown(text)} has more than {MAX_DIGITS} digits (the most a figure keeps exactly in every export)"
    try:
        return Decimal(text.replace(",", "").replace("£", ""))
    except InvalidOperation:
        return f"{shown(text)} is not a number"


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
