"""Bad input: a command that needs an optional extra (``govpress[pdf]``, ``[postgres]``, ``[api]``) that is not
installed says which one to install, located, with exit status 1 and no traceback.

The extra is made missing by putting ``None`` in ``sys.modules`` for its module, which makes Python's import fail as
it does when the package is not installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.extras import PDF, require
from govpress.problems import GovpressError
from govpress.services.store.connection import connect

SECRET = "s3cret-never-shown"


def run(*args: str) -> tuple[int, str]:
    """Run the CLI; return the exit status and standard error, after checking no exception escaped."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def _missing(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_build_pdf_without_weasyprint_stops_before_building(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _missing(monkeypatch, "weasyprint")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "index.md").write_text("# Home\n")
    code, err = run("build", str(tmp_path), "-o", str(tmp_path / "out"), "--pdf", "-j", "1")
    assert (code, err) == (1, "Error: govpress build --pdf needs WeasyPrint: pip install 'govpress[pdf]'\n")
    assert not (tmp_path / "out").exists()


def test_writing_a_pdf_without_weasyprint_is_located_at_the_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from govpress.pdf import write_pdf

    _missing(monkeypatch, "weasyprint")
    page = tmp_path / "index.html"
    page.write_text("<!doctype html><title>T</title>")
    with pytest.raises(GovpressError) as raised:
        write_pdf(page, tmp_path / "index.pdf", base_url=tmp_path.as_uri() + "/")
    assert [str(p) for p in raised.value.problems] == [
        f"{page}: error: writing PDFs needs WeasyPrint: pip install 'govpress[pdf]'"
    ]


def test_a_postgresql_store_without_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _missing(monkeypatch, "psycopg")
    code, err = run("services", "summary", "--db", f"postgresql://ann:{SECRET}@127.0.0.1:1/db")
    shown = "postgresql://ann:***@127.0.0.1:1/db"
    expected = f"{shown}: error: a PostgreSQL store needs psycopg: pip install 'govpress[postgres]'\n"
    assert (code, err) == (1, expected)


def test_a_sqlite_store_does_not_need_psycopg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _missing(monkeypatch, "psycopg")
    connection = connect(tmp_path / "s.db")
    assert connection.table_exists("anything") is False


@pytest.mark.parametrize("module", ["uvicorn", "starlette"])
def test_api_serve_without_the_server_stack_names_the_extra(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    _missing(monkeypatch, module)
    code, err = run("api", "serve", "--db", "services.db")
    assert (code, err) == (1, "Error: govpress api serve needs starlette and uvicorn: pip install 'govpress[api]'\n")


def test_a_package_that_fails_to_load_a_library_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(name: str) -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("importlib.import_module", failing)
    with pytest.raises(GovpressError) as raised:
        require("weasyprint", PDF, "govpress build --pdf", "site.toml")
    assert str(raised.value) == (
        "site.toml: error: govpress build --pdf needs WeasyPrint: pip install 'govpress[pdf]' "
        "(importing weasyprint failed: cannot load library 'libpango-1.0-0')"
    )
