"""Spreadsheet-safe CSV cells (OWASP "CSV injection"): every CSV govpress writes passes its cells through here.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(…)``,
``+cmd|' /C calc'!A0``, ``@SUM(1,2)``), and some read a leading tab or carriage return the same way. Such a text cell
is written with a single quote in front (``'=HYPERLINK(…)``), which spreadsheets show as text and never run.

A cell that is a plain number (``-12.5``, ``+3``, ``-1e3``) is left alone: it is a number, not a formula, and
OWASP's advice allows keeping strict numbers as numbers. ``-1+1`` is not a plain number and is neutralised.

:func:`restore_cell` undoes :func:`safe_cell` for govpress's own readers, so what govpress exports it reads back
unchanged (a leading quote followed by one of those characters is the escape, not data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as it may be written to a CSV cell: a text a spreadsheet would run gets a leading ``'``.

    Values that are not text (numbers, ``None``) are returned as they are: ``csv`` writes them as numbers or empty.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return ESCAPE + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]


def restore_cell(text: str) -> str:
    """A cell as :func:`safe_cell` wrote it, read back: ``'=…`` is ``=…`` again; anything else is unchanged."""
    if text.startswith(ESCAPE) and text[1:].startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text
