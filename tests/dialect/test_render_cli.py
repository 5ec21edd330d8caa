"""``govpress render``: output on stdout, problems on stderr with file:line, exit statuses, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govpress.cli import cli


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["render", *args], input=stdin)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_failure(result: Result) -> None:
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_standard_input() -> None:
    result = run("-", stdin="##01 Introduction\n")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        '<h2 class="section-title" id="introduction"><span class="title-index">01</span> '
        '<span class="title-text">Introduction</span></h2>'
    )
    assert result.stderr == ""


def test_standard_input_is_the_default() -> None:
    assert run(stdin="Hello ^2^\n").stdout.strip() == "<p>Hello <sup>2</sup></p>"


def test_an_action_page_of_the_corpus(corpus_source: Path) -> None:
    action = corpus_source / "partials" / "departmentactions" / "_action05.md"
    result = run(str(action), "--source", str(corpus_source))
    assert result.exit_code == 0
    assert result.stdout.count('<div class="department">') == 18
    assert 'href="../06"' in result.stdout and 'href="../04"' in result.stdout


def test_the_source_defaults_to_the_nearest_folder_with_partials(corpus_source: Path) -> None:
    action = corpus_source / "partials" / "departmentactions" / "_action14.md"
    result = run(str(action))
    assert result.exit_code == 0
    assert 'href="../15"' not in result.stdout and 'href="../13"' in result.stdout


def test_a_document_folder(corpus_source: Path) -> None:
    result = run(str(corpus_source / "digital" / "research"))
    assert result.exit_code == 0
    assert result.stdout.startswith('<div class="document-title">')


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a\n\n{div .x}\nb\n", 3, "{div .x} is never closed"),
        ("a\n{/div}\n", 2, "stray {/div}"),
        ("a\n{: .x y=1}\n", 2, "malformed attribute list"),
        ("x\n{include missing.md}\n", 2, "partial not found"),
    ],
)
def test_bad_input_is_an_error_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    doc = write(tmp_path / "doc.md", text)
    (tmp_path / "partials").mkdir()
    result = run(str(doc))
    assert_clean_failure(result)
    assert f"{doc}:{line}: error: " in result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_include_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "_a.md", "{include b.md}")
    write(tmp_path / "partials" / "_b.md", "{include a.md}")
    doc = write(tmp_path / "doc.md", "{include a.md}\n")
    result = run(str(doc))
    assert_clean_failure(result)
    assert f"{tmp_path / 'partials' / '_b.md'}:1: error: " in result.stderr
    assert "cycle" in result.stderr


def test_warnings_go_to_stderr_and_fail_only_with_strict(tmp_path: Path) -> None:
    doc = write(tmp_path / "doc.md", "Fine.\n\n[insert a chart]\n\n{unknown}\n")
    relaxed = run(str(doc))
    assert relaxed.exit_code == 0
    assert f"{doc}:3: warning: editorial placeholder" in relaxed.stderr
    assert f"{doc}:5: warning: dialect tag '{{unknown}}' was not rendered" in relaxed.stderr
    assert "<p>Fine.</p>" in relaxed.stdout
    strict = run(str(doc), "--strict")
    assert strict.exit_code == 1


def test_a_missing_file_is_an_error_without_traceback(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nothing.md"))
    assert_clean_failure(result)
    assert "nothing.md" in result.stderr


def test_the_console_script_exits_1_without_traceback(tmp_path: Path) -> None:
    doc = write(tmp_path / "doc.md", "{div .open}\n")
    process = subprocess.run(
        [sys.executable, "-c", "from govpress.cli import main; main()", "render", str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1
    assert f"{doc}:1: error:" in process.stderr
    assert "Traceback" not in process.stderr


def test_language_names_a_charts_unnamed_series_and_must_be_a_tag(tmp_path: Path) -> None:
    table = "|Year|Spend| |\n|-|-|-|\n|2012|1|2|\n{: .horizontal-bar-chart}\n"
    for folder in (None, write(tmp_path / "doc" / "01-figures.md", table).parent):
        given = ["-"] if folder is None else [str(folder)]
        welsh, english = run(*given, "--language", "cy", stdin=table), run(*given, stdin=table)
        assert "Cyfres 2" in welsh.stdout and "Series 2" not in welsh.stdout
        assert "Series 2" in english.stdout
    refused = run("-", "--language", "cy<script>", stdin=table)
    assert refused.exit_code == 2 and "expected a language tag" in refused.stderr and "Traceback" not in refused.stderr
