"""``govpress services``: import, summary, export, build; problems on standard error, exit 1, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govpress.cli import cli


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_import_then_summary_json(te_fixture: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = _run("services", "import", str(te_fixture), "--db", db)
    assert code == 0 and "11 services" in err
    code, out, _ = _run("services", "summary", "--db", db, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {"services", "departments", "high_volume_services", "transactions_per_year", "departments_detail"} <= set(
        data
    )
    assert data["services"] == 11
    keys = {"abbr", "name", "services", "transactions_per_year", "digital_takeup", "total_cost", "data_coverage"}
    assert all(keys <= set(d) for d in data["departments_detail"])
    code, out, _ = _run("services", "summary", "--db", db)
    assert code == 0 and "DEF" in out and "2013-Q1" in out


def test_bad_file_exits_1_with_located_messages(fixtures: Path, tmp_path: Path) -> None:
    code, _, err = _run("services", "import", str(fixtures / "bad-not-a-number.csv"), "--db", str(tmp_path / "s.db"))
    assert code == 1
    assert "bad-not-a-number.csv:4:8: error:" in err and "Traceback" not in err


def test_warnings_fail_only_with_strict(fixtures: Path, tmp_path: Path) -> None:
    path = str(fixtures / "bad-stray-spaces.csv")
    assert _run("services", "import", path, "--db", str(tmp_path / "a.db"))[0] == 0
    code, _, err = _run("services", "import", path, "--db", str(tmp_path / "b.db"), "--strict")
    assert code == 1 and "warning" in err


def test_export_formats(fixtures: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    _run("services", "import", str(fixtures / "te-small.csv"), "--db", db)
    code, out, _ = _run("services", "export", "--db", db, "--format", "native-json")
    assert code == 0 and json.loads(out)["format"] == "govpress-services/1"
    target = tmp_path / "public.csv"
    assert _run("services", "export", "--db", db, "--format", "public-download", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("Department,Department Abbreviation,")


def test_build_from_a_data_file(fixtures: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _, err = _run("services", "build", str(fixtures / "te-small.csv"), "-o", str(out))
    assert code == 0 and "pages written" in err
    assert (out / "index.html").is_file() and (out / "data" / "services.csv").is_file()


def test_unknown_postgres_server_is_a_message(tmp_path: Path) -> None:
    code, _, err = _run("services", "summary", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 1 and "cannot connect to PostgreSQL" in err and "Traceback" not in err


def test_the_commands_know_every_import_format() -> None:
    """The CLI names the formats without importing the importers (start-up); they must be the importers' own."""
    from govpress.cli.services import IMPORT_FORMATS
    from govpress.services.importing import FORMATS

    assert tuple(f.name for f in FORMATS) == IMPORT_FORMATS
