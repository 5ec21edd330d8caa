"""Figure cells: a value (zero included), not provided, not requested; spreadsheet mistakes reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govpress.problems import ProblemLog, Severity
from govpress.services.cells import CellPlace, figure_text, read_figure
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


@pytest.mark.parametrize("text", ["12a", "1,23", "5-", "1.2.3", "n/a", "--5", "£-5"])
def test_anything_else_is_an_error(text: str) -> None:
    problems = ProblemLog()
    read_figure(text, PLACE, problems)
    assert [p.severity for p in problems.errors] == [Severity.ERROR]


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("1000", "1000"),
        ("007", "7"),
        ("0", "0"),
        ("0.00", "0"),
        ("130.00", "130"),
        ("1.250", "1.25"),
        ("10.0", "10"),
        ("0.10", "0.1"),
        (".5", "0.5"),
        ("1E+3", "1000"),
        ("1.5E+3", "1500"),
        ("0.0000001", "0.0000001"),
        ("5E-3", "0.005"),
    ],
)
def test_figure_text_is_the_normalised_number(number: str, text: str) -> None:
    assert figure_text(Decimal(number)) == text == format(Decimal(number).normalize(), "f")


def test_figure_text_of_missing_figures() -> None:
    assert (figure_text(NOT_PROVIDED), figure_text(NOT_REQUESTED)) == ("", "***")
