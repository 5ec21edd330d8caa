"""Bad input to ``govpress services import``: one test per case, each asserting the exact located message.

Each test writes its hostile file in ``tmp_path`` and runs the real command (click's CliRunner); a file with an
error stores nothing, a file with only warnings is stored unless ``--strict``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import sqlite3
import time
from pathlib import Path

from click.testing import CliRunner

from govpress.cli import cli
from govpress.services.importers.native_rows import COLUMNS

TE_HEADER = [
    "Abbr", "Department", "Agency/body", "Agency abbr", "Name of service", "Slug",
    "2016-Q1 Vol.", "2016-Q1 CPT (£)", "2016-Q1 Digital vol.", "2016-Q1 Completion rate",
    "Category", "URL", "Hi-vol",
]  # fmt: skip
TE_ROW = [
    "MOT", "Ministry of Tea", "Kettle Agency", "KA", "Brew licences", "mot-brew-licences",
    "1,200", "2.50", "900", "", "Licensing", "https://example.org/brew", "1",
]  # fmt: skip
PUBLIC_IDENTITY = ["Department", "Department Abbreviation", "Body/Agency", "Agency Abbreviation", "Name of service"]
PUBLIC_TRAILING = [
    "Service Type", "URL", "Description of service", "Notes on costs", "Other notes", "Customer type", "Business model",
]  # fmt: skip
MEASURES = ("volume", "digital volume", "cost per transaction (£)")


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def te_file(tmp_path: Path, **cells: str) -> Path:
    """The one-service spreadsheet export, with the cells named by header replaced (``Vol=...`` style keys)."""
    row = list(TE_ROW)
    for header, value in cells.items():
        row[_te_column(header)] = value
    path = tmp_path / "data.csv"
    path.write_text(csv_text([TE_HEADER, row]), encoding="utf-8")
    return path


def _te_column(key: str) -> int:
    names = {"vol": "2016-Q1 Vol.", "cpt": "2016-Q1 CPT (£)", "digital": "2016-Q1 Digital vol.",
             "completion": "2016-Q1 Completion rate", "category": "Category", "slug": "Slug",
             "name": "Name of service", "abbr": "Abbr"}  # fmt: skip
    return TE_HEADER.index(names[key])


def public_file(tmp_path: Path, periods: list[str], rows: list[list[str]]) -> Path:
    header = PUBLIC_IDENTITY + [f"{p}: {m}" for p in periods for m in MEASURES] + PUBLIC_TRAILING
    path = tmp_path / "transaction-volumes.csv"
    path.write_text(csv_text([header, *rows]), encoding="utf-8")
    return path


def public_row(name: str, volumes: list[str], abbr: str = "MOT") -> list[str]:
    figures = [cell for volume in volumes for cell in (volume, "", "")]
    return ["Ministry of Tea", abbr, "", "", name, *figures, "", "", "", "", "", "", ""]


def native_row(**values: str) -> list[str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        service="mot-brew-licences", name="Brew licences", department="MOT", department_name="Ministry of Tea",
        period_kind="rolling-year", period="2016-Q2", period_start="2015-04-01", period_end="2016-03-31",
        high_volume="false", volume="10", digital_volume="5",
    )  # fmt: skip
    row.update(values)
    return list(row.values())


def native_file(tmp_path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    path = tmp_path / "native.csv"
    path.write_text(csv_text([header or list(COLUMNS), *rows]), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; the exit status and standard error, after checking that no exception escaped."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def import_errors(path: Path, *options: str) -> list[str]:
    """The problem lines of a failed import; the store must hold no service afterwards."""
    db = path.parent / "services.db"
    code, err = run("services", "import", str(path), "--db", str(db), *options)
    assert code == 1, err
    assert stored_services(db) == [], "a failed import stores nothing"
    return [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]


def import_ok(path: Path, *options: str) -> list[str]:
    db = path.parent / "services.db"
    code, err = run("services", "import", str(path), "--db", str(db), *options)
    assert code == 0, err
    return err.splitlines()


def stored_services(db: Path) -> list[tuple[str, int]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "services" not in tables:
            return []
        return list(connection.execute("SELECT slug, high_volume FROM services ORDER BY slug"))


def stored_figures(db: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(db) as connection:
        query = "SELECT service, period_key, volume FROM observations WHERE period_kind = 'rolling-year' ORDER BY 1, 2"
        return list(connection.execute(query))


# Cells too big, numbers out of bounds.


def test_cell_over_the_csv_field_limit(tmp_path: Path) -> None:
    path = te_file(tmp_path, category="x" * 200_000)
    assert import_errors(path) == [
        f"{path}:2:11: error: a cell is longer than 131,072 characters (the CSV reader's limit): file not imported"
    ]


def test_number_with_thousands_of_digits(tmp_path: Path) -> None:
    path = te_file(tmp_path, vol="9" * 5000)
    assert import_errors(path) == [
        f"{path}:2:7: error: column '2016-Q1 Vol.': '{'9' * 40}'… (5,000 characters) is too large: figures must be "
        "below 10^15 (1,000,000,000,000,000): file not imported"
    ]


def test_number_with_an_exponent_1e999999999(tmp_path: Path) -> None:
    path = te_file(tmp_path, vol="1e999999999")
    assert import_errors(path) == [
        f"{path}:2:7: error: column '2016-Q1 Vol.': '1e999999999' is not a figure govpress reads: write numbers in "
        "full, without an exponent (and not NaN or Infinity): file not imported"
    ]


def test_negative_number_with_an_exponent(tmp_path: Path) -> None:
    path = te_file(tmp_path, cpt="-1e999999999")
    assert import_errors(path) == [
        f"{path}:2:8: error: column '2016-Q1 CPT (£)': '-1e999999999' is not a figure govpress reads: write numbers "
        "in full, without an exponent (and not NaN or Infinity): file not imported"
    ]


def test_nan(tmp_path: Path) -> None:
    path = te_file(tmp_path, digital="NaN")
    assert import_errors(path) == [
        f"{path}:2:9: error: column '2016-Q1 Digital vol.': 'NaN' is not a figure govpress reads: write numbers in "
        "full, without an exponent (and not NaN or Infinity): file not imported"
    ]


def test_infinity(tmp_path: Path) -> None:
    path = te_file(tmp_path, vol="Infinity")
    assert import_errors(path) == [
        f"{path}:2:7: error: column '2016-Q1 Vol.': 'Infinity' is not a figure govpress reads: write numbers in "
        "full, without an exponent (and not NaN or Infinity): file not imported"
    ]


def test_tiny_number_with_an_exponent(tmp_path: Path) -> None:
    path = te_file(tmp_path, cpt="1e-999999")
    assert import_errors(path) == [
        f"{path}:2:8: error: column '2016-Q1 CPT (£)': '1e-999999' is not a figure govpress reads: write numbers in "
        "full, without an exponent (and not NaN or Infinity): file not imported"
    ]


def test_too_many_decimal_places(tmp_path: Path) -> None:
    path = te_file(tmp_path, cpt="0.00000000001")
    assert import_errors(path) == [
        f"{path}:2:8: error: column '2016-Q1 CPT (£)': '0.00000000001' has more than 10 decimal places: "
        "file not imported"
    ]


def test_too_many_digits(tmp_path: Path) -> None:
    path = te_file(tmp_path, cpt="1,234,567,890,123.456")
    assert import_errors(path) == [
        f"{path}:2:8: error: column '2016-Q1 CPT (£)': '1,234,567,890,123.456' has more than 15 digits (the most a "
        "figure keeps exactly in every export): file not imported"
    ]


def test_largest_numbers_within_bounds_are_stored_exactly(tmp_path: Path) -> None:
    path = te_file(tmp_path, vol="999,999,999,999,999", cpt="99,999.9999999999", digital="0")
    import_ok(path)
    with sqlite3.connect(tmp_path / "services.db") as connection:
        stored = list(connection.execute("SELECT volume, cost_per_transaction FROM observations"))
    assert stored == [("999999999999999", "99999.9999999999")]


def test_native_csv_number_with_thousands_of_digits(tmp_path: Path) -> None:
    path = native_file(tmp_path, [native_row(volume="1" * 4000)])
    assert import_errors(path) == [
        f"{path}:2:20: error: column 'volume': '{'1' * 40}'… (4,000 characters) is not a number of at most 15 "
        "digits (10 after the point), empty (not provided) or '***' (not requested): file not imported"
    ]


def _native_json(tmp_path: Path, volume: str) -> Path:
    row = dict(zip(COLUMNS, native_row(), strict=True))
    row = {k: v for k, v in row.items() if v} | {"volume": "@"}
    text = json.dumps({"format": "govpress-services/1", "rows": [row]}, indent=1).replace('"@"', volume)
    path = tmp_path / "native.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_native_json_integer_with_thousands_of_digits(tmp_path: Path) -> None:
    path = _native_json(tmp_path, "9" * 5000)
    assert import_errors(path) == [
        f"{path}:14:14: error: a number of 5,000 characters: the limit is 100: file not imported"
    ]


def test_native_json_1e999999999(tmp_path: Path) -> None:
    path = _native_json(tmp_path, "1e999999999")
    assert import_errors(path) == [
        f"{path}:14:14: error: the number 1e999999999 is out of range (exponents go from -308 to 308): "
        "file not imported"
    ]


# Encodings and the shape of the file.


def test_windows_1252_export(tmp_path: Path) -> None:
    path = te_file(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").replace("Brew", "Brew\u2019s").encode("cp1252"))
    assert import_errors(path) == [
        f"{path}:1:88: error: the file is not valid UTF-8 (byte 0xA3); it looks like Windows-1252 text (that byte is "
        "'£' there): save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_utf16_export(tmp_path: Path) -> None:
    path = te_file(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert import_errors(path) == [
        f"{path}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8 "
        "(for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = te_file(tmp_path)
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert import_ok(path) == [f"{path}: te-export: 1 services, 1 observations (0 warnings)"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"")
    assert import_errors(path) == [f"{path}: error: the file is empty"]


def test_empty_file_with_its_format_given(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"\n\n")
    assert import_errors(path, "--format", "public-download") == [f"{path}: error: the file is empty"]


def test_header_only(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([TE_HEADER]), encoding="utf-8")
    assert import_errors(path) == [f"{path}:1: error: the file has a header row but no data rows: nothing to import"]


def test_row_with_too_few_cells(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([TE_HEADER, TE_ROW[:-2]]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:2:12: error: row has 11 cells, the header has 13: column 12 ('URL') and after are missing: "
        "file not imported"
    ]


def test_row_with_too_many_cells(tmp_path: Path) -> None:
    path = public_file(tmp_path, ["April 2015 to March 2016"], [[*public_row("Brew licences", ["10"]), "surplus"]])
    assert import_errors(path) == [
        f"{path}:2:16: error: row has 16 cells, the header has 15: cell 16 ('surplus') has no column: file not imported"
    ]


def test_nul_byte(tmp_path: Path) -> None:
    path = te_file(tmp_path, category="Licen\0sing")
    assert import_errors(path) == [f"{path}:2:93: error: the file holds a NUL byte: it is not a text file"]


def test_cr_only_line_ends(tmp_path: Path) -> None:
    path = te_file(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    assert import_errors(path) == [
        f"{path}:1:155: error: a line ends with a lone carriage return (CR, the line ends of old Mac files): "
        "save the file with LF or CRLF line ends"
    ]


# Duplicates and missing columns.


def test_duplicate_service_and_period_rows(tmp_path: Path) -> None:
    later = native_row(period="2016-Q3", period_start="2015-07-01", period_end="2016-06-30")
    path = native_file(tmp_path, [native_row(), later, native_row(volume="11")])
    assert import_errors(path) == [
        f"{path}:4: error: service mot-brew-licences has two rows for rolling-year 2016-Q2: this one and line 2: "
        "file not imported"
    ]


def test_duplicate_service_and_period_rows_in_json(tmp_path: Path) -> None:
    row = {k: v for k, v in zip(COLUMNS, native_row(), strict=True) if v}
    path = tmp_path / "native.json"
    text = json.dumps({"format": "govpress-services/1", "rows": [row, row]})
    path.write_text(text.replace("}, {", "},\n\n {"), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:3: error: row 2: service mot-brew-licences has two rows for rolling-year 2016-Q2: this one and "
        "line 1: file not imported"
    ]


def test_same_service_twice_in_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([TE_HEADER, TE_ROW, TE_ROW]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:3: error: service 'Brew licences' (mot-brew-licences) is also on line 2: file not imported"
    ]


def test_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    header = [*TE_HEADER[:4], "Service", *TE_HEADER[5:]]
    path.write_text(csv_text([header, TE_ROW]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:1:5: error: the header row must have column 'Name of service' here (found 'Service'): "
        "file not imported"
    ]


def test_missing_required_native_column(tmp_path: Path) -> None:
    header = [c for c in COLUMNS if c != "period_end"]
    row = native_row()
    del row[COLUMNS.index("period_end")]
    path = native_file(tmp_path, [row], header)
    assert import_errors(path) == [f"{path}:1: error: the header row has no column period_end: file not imported"]


def test_duplicated_figure_header(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([[*TE_HEADER, "2016-Q1 Vol."], [*TE_ROW, "1,300"]]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:1:14: error: header '2016-Q1 Vol.': column 7 ('2016-Q1 Vol.') already holds this figure for "
        "2016-Q1: file not imported"
    ]


def test_duplicated_service_header(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([[*TE_HEADER, "Category"], [*TE_ROW, "Paying"]]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:1:14: error: header 'Category': column 11 already holds the category: a column may appear once: "
        "file not imported"
    ]


def test_duplicated_native_column(tmp_path: Path) -> None:
    path = native_file(tmp_path, [[*native_row(), "12"]], [*COLUMNS, "volume"])
    assert import_errors(path) == [
        f"{path}:1:26: error: column 'volume' is also column 20: a column may appear once: file not imported"
    ]


def test_duplicated_public_period(tmp_path: Path) -> None:
    periods = ["April 2015 to March 2016", "April 2015 to March 2016"]
    path = public_file(tmp_path, periods, [public_row("Brew licences", ["10", "11"])])
    errors = import_errors(path)
    assert errors[0] == (
        f"{path}:1:9: error: header 'April 2015 to March 2016: volume': column 6 ('April 2015 to March 2016: volume') "
        "already holds this figure for 2016-Q2: file not imported"
    )
    assert len(errors) == 3  # one per measure


def test_period_year_out_of_range(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    header = [h.replace("2016-Q1", "0000-Q1") for h in TE_HEADER]
    path.write_text(csv_text([header, TE_ROW]), encoding="utf-8")
    assert import_errors(path)[0] == (
        f"{path}:1:7: error: header '0000-Q1 Vol.': '0000-Q1': the year must be from 1900 to 2999: file not imported"
    )


def test_native_period_year_out_of_range(tmp_path: Path) -> None:
    path = native_file(tmp_path, [native_row(period="0000-Q2")])
    assert import_errors(path) == [
        f"{path}:2:17: error: column 'period': '0000-Q2': the year must be from 1900 to 2999: file not imported"
    ]


def test_misheaded_figure_column(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(csv_text([[*TE_HEADER, "2016-Q5 Vol."], [*TE_ROW, "1"]]), encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:1:14: error: header '2016-Q5 Vol.': a Vol. column must be headed 'YYYY-Qn Vol.' (such as "
        "'2014-Q2 Vol.'): file not imported"
    ]


def test_json_duplicate_key(tmp_path: Path) -> None:
    row = {k: v for k, v in zip(COLUMNS, native_row(), strict=True) if v}
    text = json.dumps({"format": "govpress-services/1", "rows": [row]})
    text = text.replace('"volume": "10"', '"volume": 10, "volume": 12')
    path = tmp_path / "native.json"
    path.write_text(text, encoding="utf-8")
    assert import_errors(path) == [
        f"{path}:1:309: error: duplicate key 'volume' (first at line 1, column 295): file not imported"
    ]


def test_json_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "native.json"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text('{"format": "govpress-services/1", "rows": ' + deep + "}", encoding="utf-8")
    assert import_errors(path) == [f"{path}:1:106: error: nested more than 64 levels deep: file not imported"]


# Implausible figures: warnings at their cell; --strict fails and stores nothing.


def test_completion_rate_over_100_percent(tmp_path: Path) -> None:
    path = te_file(tmp_path, completion="85")
    assert import_ok(path)[1:] == [
        f"{path}:2:10: warning: column '2016-Q1 Completion rate': completion rate 85 is over 1 (100 %): rates are "
        "fractions (0.85 is 85 %): implausible"
    ]


def test_digital_volume_above_volume(tmp_path: Path) -> None:
    path = te_file(tmp_path, digital="1,500")
    assert import_ok(path)[1:] == [
        f"{path}:2:9: warning: column '2016-Q1 Digital vol.': digital volume 1500 is above the volume 1200 "
        "(a take-up of 125.0%): implausible"
    ]


def test_negative_count(tmp_path: Path) -> None:
    path = te_file(tmp_path, vol="-1,200", digital="0")
    assert import_ok(path)[1:] == [
        f"{path}:2:7: warning: column '2016-Q1 Vol.': -1200 is negative: implausible (read as written)"
    ]


def test_negative_cost(tmp_path: Path) -> None:
    path = te_file(tmp_path, cpt="-£2.50")
    assert import_ok(path)[1:] == [
        f"{path}:2:8: warning: column '2016-Q1 CPT (£)': -2.50 is negative: implausible (read as written)"
    ]


def test_take_up_outside_0_to_1_in_the_public_download(tmp_path: Path) -> None:
    path = public_file(tmp_path, ["April 2015 to March 2016"], [public_row("Brew licences", ["10"])])
    text = path.read_text(encoding="utf-8").replace(",10,,,", ",10,12,,")
    path.write_text(text, encoding="utf-8")
    assert import_ok(path)[2] == (
        f"{path}:2:7: warning: column 'April 2015 to March 2016: digital volume': digital volume 12 is above the "
        "volume 10 (a take-up of 120.0%): implausible"
    )


def test_user_satisfaction_over_1_in_native(tmp_path: Path) -> None:
    path = native_file(tmp_path, [native_row(user_satisfaction="1.5")])
    assert import_ok(path)[1:] == [
        f"{path}:2:25: warning: column 'user_satisfaction': user satisfaction 1.5 is over 1 (100 %): rates are "
        "fractions (0.85 is 85 %): implausible"
    ]


def test_strict_import_with_an_implausible_figure_stores_nothing(tmp_path: Path) -> None:
    path = te_file(tmp_path, digital="1,500")
    assert import_errors(path, "--strict") == [
        f"{path}:2:9: warning: column '2016-Q1 Digital vol.': digital volume 1500 is above the volume 1200 "
        "(a take-up of 125.0%): implausible",
        f"{path}: error: 1 warning and --strict: file not imported",
    ]


# Real exports are read, not refused.

REAL_SEQUENCE = ["October 2013 to September 2014", "January 2014 to December 2015", "April 2014 to March 2015"]


def test_mislabelled_period_placed_by_its_neighbours(tmp_path: Path) -> None:
    path = public_file(tmp_path, REAL_SEQUENCE, [public_row("Brew licences", ["10", "20", "30"])])
    lines = import_ok(path)
    assert lines[2:] == [
        f"{path}:1:{column}: warning: header 'January 2014 to December 2015: {measure}': Jan 2014 to Dec 2015 is "
        "24 months, not 12 consecutive months; between October 2013 to September 2014 and April 2014 to March 2015 "
        "it can only be January 2014 to December 2014 (2015-Q1): read as that period"
        for column, measure in zip((9, 10, 11), MEASURES, strict=True)
    ]
    figures = stored_figures(tmp_path / "services.db")
    assert figures == [("mot-brew-licences", "2014-Q4", "10"), ("mot-brew-licences", "2015-Q1", "20"),
                       ("mot-brew-licences", "2015-Q2", "30")]  # fmt: skip


def test_period_that_cannot_be_placed_is_an_error(tmp_path: Path) -> None:
    periods = ["October 2013 to September 2014", "March 2014 to December 2015", "April 2014 to March 2015"]
    path = public_file(tmp_path, periods, [public_row("Brew licences", ["10", "20", "30"])])
    assert import_errors(path)[0] == (
        f"{path}:1:9: error: header 'March 2014 to December 2015: volume': Mar 2014 to Dec 2015 is 22 months, "
        "not 12 consecutive months: file not imported"
    )


def test_public_download_marks_high_volume_by_the_strategys_rule(tmp_path: Path) -> None:
    rows = [public_row("Brew licences", ["200,000", "100,001"]), public_row("Biscuit returns", ["200,000", "100,000"])]
    path = public_file(tmp_path, ["April 2015 to March 2016", "July 2015 to June 2016"], rows)
    assert import_ok(path) == [
        f"{path}: public-download: 2 services, 4 observations (0 warnings)",
        f"{path}: note: this public-download file has no high-volume column: 1 of 2 services are high-volume by the "
        "strategy's rule (over 100,000 transactions in their latest rolling year); a service already in the store "
        "keeps its flag",
    ]
    assert stored_services(tmp_path / "services.db") == [("mot-biscuit-returns", 0), ("mot-brew-licences", 1)]


def test_slug_does_not_depend_on_import_order(tmp_path: Path) -> None:
    period = ["April 2015 to March 2016"]
    first = public_file(tmp_path, period, [public_row("Self-assessment", ["1"])]).rename(tmp_path / "a.csv")
    second = public_file(tmp_path, period, [public_row("Self assessment", ["2"])]).rename(tmp_path / "b.csv")
    stores = []
    for name, order in (("ab.db", (first, second)), ("ba.db", (second, first))):
        for path in order:
            code, err = run("services", "import", str(path), "--db", str(tmp_path / name))
            assert code == 0, err
        stores.append(stored_figures(tmp_path / name))
    assert stores[0] == stores[1]
    # "Self assessment" sorts first (a space before a hyphen): it keeps the plain slug; the other gets a suffix
    # made from its identity (department and name)
    suffix = hashlib.sha256(b"mot\x1fself-assessment").hexdigest()[:6]
    assert stores[0] == [("mot-self-assessment", "2016-Q2", "2"), (f"mot-self-assessment-{suffix}", "2016-Q2", "1")]


def test_same_slug_given_to_two_services_is_an_error(tmp_path: Path) -> None:
    path = te_file(tmp_path, slug="brew")
    import_ok(path)
    other = tmp_path / "other.csv"
    row = [*TE_ROW[:4], "Brewing permits", "brew", *TE_ROW[6:]]
    other.write_text(csv_text([TE_HEADER, row]), encoding="utf-8")
    code, err = run("services", "import", str(other), "--db", str(tmp_path / "services.db"))
    assert code == 1
    assert err.splitlines() == [
        f"{other}: error: slug 'brew' is given to a service that the store already holds under another "
        "name ('Brew licences'): give one of them another slug: file not imported"
    ]
    assert stored_services(tmp_path / "services.db") == [("brew", 1)]


def test_thousands_of_warnings_stay_cheap(tmp_path: Path) -> None:
    rows = [
        native_row(service=f"mot-s{i}", name=f"S {i}", volume="1", digital_volume="2", high_volume="false")
        for i in range(20_000)
    ]
    path = native_file(tmp_path, rows)
    started = time.perf_counter()
    lines = import_ok(path)
    assert time.perf_counter() - started < 30  # 2 s; a problem list scanned on every add took 65 s
    assert len([line for line in lines if ": warning: " in line]) == 20_000
    assert lines[-1] == (
        f"{path}:20001:21: warning: column 'digital_volume': digital volume 2 is above the volume 1 "
        "(a take-up of 200.0%): implausible"
    )


def test_utf8_bom_is_accepted_in_json(tmp_path: Path) -> None:
    path = _native_json(tmp_path, "10")
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert import_ok(path) == [f"{path}: native-json: 1 services, 1 observations (0 warnings)"]


# Names that become file names.


def test_very_long_service_name_gets_a_slug_that_fits_a_file_name(tmp_path: Path) -> None:
    path = te_file(tmp_path, slug="", name="Brew " * 100 + "licences")
    import_ok(path)
    ((slug, _),) = stored_services(tmp_path / "services.db")
    suffix = hashlib.sha256(("mot\x1f" + "brew " * 100 + "licences").encode()).hexdigest()[:6]
    assert slug == ("mot-" + "brew-" * 40)[:193].rstrip("-") + f"-{suffix}"
    code, _ = run("services", "build", str(tmp_path / "services.db"), "-o", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "service-details" / f"{slug}.html").exists()


def test_given_slug_too_long(tmp_path: Path) -> None:
    path = te_file(tmp_path, slug="a" * 201)
    assert import_errors(path) == [
        f"{path}:2:6: error: column 'Slug': String should have at most 200 characters: file not imported"
    ]


def test_department_abbreviation_without_a_letter_or_digit(tmp_path: Path) -> None:
    path = te_file(tmp_path, abbr="???")
    assert import_errors(path) == [
        f"{path}:2:1: error: column 'Abbr': Value error, a department abbreviation needs a letter or digit (it "
        "names the department's page): file not imported"
    ]


def test_department_abbreviation_too_long_in_native(tmp_path: Path) -> None:
    path = native_file(tmp_path, [native_row(department="D" * 41)])
    assert import_errors(path) == [
        f"{path}:2:3: error: column 'department': String should have at most 40 characters: file not imported"
    ]
