"""Real mistakes in files: each reported with its row or column and what was done; errors store nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.problems import GovpressError, Problem, Severity
from govpress.services.importing import import_file
from govpress.services.store import Store
from support.store_dump import dump_store


def _import_errors(store: Store, path: Path) -> list[Problem]:
    with pytest.raises(GovpressError) as raised:
        import_file(store, path)
    assert all(not rows for rows in dump_store(store).values()), "an import with errors must store nothing"
    return [p for p in raised.value.problems if p.severity is Severity.ERROR]


def test_stray_spaces_are_removed_and_reported(fixtures: Path, store: Store) -> None:
    result = import_file(store, fixtures / "bad-stray-spaces.csv")
    located = {(p.line, p.column) for p in result.problems}
    assert located == {(4, 5), (6, 15)}
    assert all("stray spaces" in p.message and "removed" in p.message for p in result.problems)
    assert "Brew licences" in {s.name for s in store.contents().services}


def test_ref_cells_are_read_as_missing_and_reported(fixtures: Path, store: Store) -> None:
    result = import_file(store, fixtures / "bad-ref-cells.csv")
    messages = {(p.line, p.column): p.message for p in result.problems}
    assert "read as not provided" in messages[(5, 7)] and "'2016-Q1 Vol.'" in messages[(5, 7)]
    assert "read as not high-volume" in messages[(6, 27)]
    services = {s.slug: s for s in store.contents().services}
    assert not services["doc-roasting-permits"].high_volume


def test_not_a_number_is_an_error_naming_row_column_and_header(fixtures: Path, store: Store) -> None:
    (error,) = _import_errors(store, fixtures / "bad-not-a-number.csv")
    assert (error.line, error.column) == (4, 8)
    assert "'2016-Q1 CPT (£)'" in error.message and "two pounds" in error.message and "not imported" in error.message


def test_period_out_of_sequence_is_reported_and_read_by_its_header(fixtures: Path, store: Store) -> None:
    result = import_file(store, fixtures / "bad-out-of-sequence.csv")
    assert {p.column for p in result.problems} == {15, 16, 17, 18}
    assert all("out of sequence" in p.message and "read by its header" in p.message for p in result.problems)
    brew = {o.period.key: o for o in store.contents().observations["mot-brew-licences"]}
    assert str(brew["2016-Q3"].volume) == "1300000"  # the column headed 2016-Q3, wherever it stands


def test_public_period_that_is_not_12_months_is_an_error(fixtures: Path, store: Store) -> None:
    errors = _import_errors(store, fixtures / "bad-public-13-months.csv")
    assert {(e.line, e.column) for e in errors} == {(1, 9), (1, 10), (1, 11)}
    assert all("13 months, not 12 consecutive months" in e.message for e in errors)


def test_public_period_out_of_sequence_is_a_warning(fixtures: Path, store: Store) -> None:
    result = import_file(store, fixtures / "bad-public-out-of-sequence.csv")
    assert {p.severity for p in result.problems} == {Severity.WARNING}
    assert {p.column for p in result.problems} == {9, 10, 11}


def test_quarter_header_that_is_not_a_calendar_quarter(fixtures: Path, store: Store) -> None:
    (error,) = _import_errors(store, fixtures / "bad-quarter-header.csv")
    assert (error.line, error.column) == (1, 31) and "May - Jul 2016" in error.message


def test_short_row_and_duplicate_service(fixtures: Path, store: Store) -> None:
    (short,) = _import_errors(store, fixtures / "bad-short-row.csv")
    assert short.line == 5 and "30 cells" in short.message
    (duplicate,) = _import_errors(store, fixtures / "bad-duplicate-service.csv")
    assert duplicate.line == 7 and "also on line 4" in duplicate.message


def test_native_figures_are_validated_with_columns(fixtures: Path, store: Store) -> None:
    with pytest.raises(GovpressError) as raised:
        import_file(store, fixtures / "bad-native-figures.csv")
    problems = raised.value.problems
    assert [(p.line, p.column, p.severity) for p in problems] == [
        (2, 20, Severity.WARNING),  # a negative figure is read, and reported as implausible
        (3, 21, Severity.ERROR),
        (4, 15, Severity.ERROR),
    ]
    assert problems[0].message == "column 'volume': -5 is negative: implausible (read as written)"
    assert "'#REF!'" in problems[1].message and "'digital_volume'" in problems[1].message


def test_native_period_dates_must_agree(store: Store, tmp_path: Path, fixtures: Path) -> None:
    text = (fixtures / "bad-native-figures.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "dates.csv"
    row = text[1].replace(",-5,", ",5,").replace("2016-03-31", "2016-04-30")
    bad.write_text(f"{text[0]}\n{row}\n", encoding="utf-8")
    (error,) = _import_errors(store, bad)
    assert error.line == 2 and "2016-03-31" in error.message


def test_undetectable_format(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "what.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GovpressError, match="cannot tell the format"):
        import_file(store, path)


def test_empty_row_and_a_department_with_two_names(fixtures: Path, store: Store, tmp_path: Path) -> None:
    lines = (fixtures / "te-small.csv").read_text(encoding="utf-8").splitlines()
    header_lines = 3  # the header has two cells with a line break
    renamed = lines[header_lines + 1].replace("Ministry of Tea", "Ministry of Tee", 1)
    empty_row = "," * 30  # 31 empty cells
    body = [lines[header_lines], empty_row, renamed, *lines[header_lines + 2 :]]
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join([*lines[:header_lines], *body]) + "\n", encoding="utf-8")
    result = import_file(store, path)
    messages = {p.line: p.message for p in result.problems}
    assert messages[5] == "empty row: skipped"
    assert "named 'Ministry of Tee' here but 'Ministry of Tea' on line 4" in messages[6]
    assert store.contents().departments["MOT"].name == "Ministry of Tea"
