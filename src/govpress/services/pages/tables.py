"""Tables sortable without JavaScript: every sort order is a page of its own.

A table at ``<base>/<sort>/<direction>.html`` links each column header to the page sorted by that column
(the current column to its other direction). Empty values always sort last, whichever the direction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypedDict, TypeVar

from govpress.i18n import N_
from govpress.services.pages.words import ENGLISH, Words

Row = TypeVar("Row")
SortValue = Decimal | str | None
DIRECTIONS = ("ascending", "descending")
# How a reader is told the order (aria-sort and the pages' names keep the English words, which HTML and URLs need).
DIRECTION_WORDS = {"ascending": N_("ascending"), "descending": N_("descending")}


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, an optional link, and a stale-data note (shown as ``*``); ``message``: the text is
    govpress's own (marked with ``N_``), shown in the page's language."""

    text: str
    href: str | None = None
    stale: str | None = None
    numeric: bool = False
    message: bool = False


@dataclass(frozen=True)
class Column(Generic[Row]):
    key: str
    label: str
    sort_value: Callable[[Row], SortValue]
    cell: Callable[[Row], Cell]
    numeric: bool = False

    @property
    def first_direction(self) -> str:
        """Numbers first sort biggest first; names A to Z."""
        return "descending" if self.numeric else "ascending"


class Header(TypedDict):
    label: str
    href: str
    sort: str | None
    sort_words: str | None  # ``sort`` in the page's language
    numeric: bool


class TableContext(TypedDict):
    caption: str
    headers: list[Header]
    rows: list[list[Cell]]
    has_stale: bool


def sort_rows(rows: Sequence[Row], column: Column[Row], direction: str) -> list[Row]:
    """Rows sorted by ``column``; rows with no value come last in both directions (stable otherwise)."""
    having = [row for row in rows if column.sort_value(row) not in (None, "")]
    empty = [row for row in rows if column.sort_value(row) in (None, "")]

    def key(row: Row) -> SortValue:
        value = column.sort_value(row)
        return value.lower() if isinstance(value, str) else value

    return sorted(having, key=key, reverse=direction == "descending") + empty  # type: ignore[arg-type]


def table_context(
    rows: Sequence[Row],
    columns: Sequence[Column[Row]],
    current: Column[Row],
    direction: str,
    caption: str,
    words: Words = ENGLISH,
) -> TableContext:
    """The template context of one sort order of a table (links relative to ``<sort>/<direction>.html``); the
    columns' labels (messages) in ``words``' language."""
    headers: list[Header] = []
    for column in columns:
        if column is current:
            target = "descending" if direction == "ascending" else "ascending"
        else:
            target = column.first_direction
        headers.append(
            {
                "label": words(column.label),
                "href": f"../{column.key}/{target}.html",
                "sort": direction if column is current else None,
                "sort_words": words(DIRECTION_WORDS[direction]) if column is current else None,
                "numeric": column.numeric,
            }
        )
    body = [[column.cell(row) for column in columns] for row in sort_rows(rows, current, direction)]
    return {
        "caption": caption,
        "headers": headers,
        "rows": body,
        "has_stale": any(cell.stale for row in body for cell in row),
    }


def sort_pages(columns: Sequence[Column[Row]]) -> list[tuple[Column[Row], str]]:
    """Every (column, direction) a table is written in."""
    return [(column, direction) for column in columns for direction in DIRECTIONS]
