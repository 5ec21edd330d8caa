"""The ``govpress build|check|new`` commands: exit statuses, messages on standard error, no tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from govpress.cli import cli


def _run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_new_then_build_strict(tmp_path: Path) -> None:
    code, out, _ = _run("new", str(tmp_path / "site"))
    assert code == 0
    assert "govpress serve" in out
    code, _, err = _run("build", str(tmp_path / "site"), "--strict", "-j", "1")
    assert code == 0, err
    assert "Built " in err
    assert "0 warnings, 0 errors" in err
    assert (tmp_path / "site/_site/index.html").is_file()


def test_check_writes_nothing(tmp_path: Path) -> None:
    _run("new", str(tmp_path / "site"))
    code, _, err = _run("check", str(tmp_path / "site"), "--strict")
    assert code == 0, err
    assert "Checked " in err
    assert not (tmp_path / "site/_site").exists()


def test_a_broken_link_is_a_warning_with_file_and_line_and_fails_strict(tmp_path: Path) -> None:
    _run("new", str(tmp_path / "site"))
    page = tmp_path / "site/source/partials/quarters/_spring-26.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](/no-such-page/).\n", encoding="utf-8")
    code, _, err = _run("build", str(tmp_path / "site"))
    assert code == 0
    assert f"{page}:16: warning: broken link '/no-such-page/'" in err
    code, _, err = _run("check", str(tmp_path / "site"), "--strict")
    assert code == 1


def test_bad_settings_exit_1_without_a_traceback(tmp_path: Path) -> None:
    _run("new", str(tmp_path / "site"))
    (tmp_path / "site/govpress.toml").write_text('site_name = "x"\nsite_colour = "red"\n', encoding="utf-8")
    code, _, err = _run("build", str(tmp_path / "site"))
    assert code == 1
    assert "govpress.toml:2: error: unknown key 'site_colour'" in err
    assert "Traceback" not in err


def test_a_missing_partial_is_an_error_with_its_location(tmp_path: Path) -> None:
    _run("new", str(tmp_path / "site"))
    home = tmp_path / "site/source/digital/index.html"
    home.write_text(home.read_text(encoding="utf-8") + "\n{include nowhere.html}\n", encoding="utf-8")
    code, _, err = _run("build", str(tmp_path / "site"))
    assert code == 1
    assert str(home) in err
    assert "error" in err
    assert "Traceback" not in err


def test_new_into_a_folder_with_files_fails(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    code, _, err = _run("new", str(tmp_path))
    assert code == 1
    assert "not an empty folder" in err
