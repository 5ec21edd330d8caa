"""Figure cells: a value (zero included), not provided, not requested; spreadsheet mistakes reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govpress.problems import ProblemLog, Severity
from govpress.services.cells import CellPlace, read_figure
from govpress.services.model import NOT_PROVIDED, NOT_REQUESTED, Figure

PLACE = CellPlace("f.csv", 7, 9, "2013-Q1 Vol.")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("1,234,567", Decimal(1234567)),
        ("0", Decimal(0)),
        ("0.1", Decimal("0.1")),
        ("£4.56", Decimal("4.56")),
        ("", NOT_PROVIDED),
        ("-", NOT_PROVIDED),
        ("See notes", NOT_PROVIDED),
        ("***", NOT_REQUESTED),
    ],
)
def test_figure_states(text: str, figure: Figure) -> None:
    problems = ProblemLog()
    assert read_figure(text, PLACE, problems) == figure
    assert problems.problems == []


def test_zero_is_a_value_not_missing() -> None:
    assert read_figure("0", PLACE, ProblemLog()) is not NOT_PROVIDED


def test_spreadsheet_error_cell_is_a_warning_naming_the_cell() -> None:
    problems = ProblemLog()
    assert read_figure("#REF!", PLACE, problems) is NOT_PROVIDED
    (problem,) = problems.problems
    assert (problem.severity, problem.line, problem.column) == (Severity.WARNING, 7, 9)
    assert "'2013-Q1 Vol.'" in problem.message and "#REF!" in problem.message and "not provided" in problem.message


def test_stray_spaces_are_removed_and_reported() -> None:
    problems = ProblemLog()
    assert read_figure(" 12 ", PLACE, problems) == Decimal(12)
    assert [p.severity for p in problems.problems] == [Severity.WARNING]


@pytest.mark.parametrize("text", ["12a", "1,23", "-5", "1.2.3", "n/a"])
def test_anything_else_is_an_error(text: str) -> None:
    problems = ProblemLog()
    read_figure(text, PLACE, problems)
    assert [p.severity for p in problems.errors] == [Severity.ERROR]
