"""Bad input: text that would break or drive the terminal when the command line prints a problem.

Printing a problem never fails and never alters it: console markup and emoji codes are printed as written; control
characters, escape sequences, bidirectional overrides and lone surrogates are shown escaped; a stream that cannot
encode a character shows it as an escape; a closed pipe ends the run quietly. One test per case, through the real
command (click's runner, or a ``govpress`` process where the stream itself is the case).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli

REPO = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
# Runs the command line with hooks that record any traceback (even one that could not be printed) in a file.
HOOKED_MAIN = """
import sys, traceback
from pathlib import Path
log = Path(sys.argv[1])
sys.excepthook = lambda kind, value, tb: log.write_text("".join(traceback.format_exception(kind, value, tb)))
sys.unraisablehook = lambda hooked: log.write_text(repr(hooked.exc_value))
from govpress.cli import main
sys.argv = ["govpress", *sys.argv[2:]]
main()
"""


def _missing_include(tmp_path: Path, name: str, page: str = "page.md") -> tuple[Path, Path]:
    """A page including partial ``name``, which does not exist; returns the page and the source folder."""
    source = tmp_path / "source"
    (source / "partials").mkdir(parents=True)
    path = tmp_path / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Text.\n{{include {name}}}\n", encoding="utf-8")
    return path, source


def _render_errors(tmp_path: Path, name: str, page: str = "page.md") -> tuple[str, Path, Path]:
    path, source = _missing_include(tmp_path, name, page)
    result = CliRunner().invoke(cli, ["render", str(path), "--source", str(source)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stderr, path, source


def _looked_for(source: Path, name: str) -> str:
    folder, _, file = name.rpartition("/")
    return str(source / "partials" / folder / f"_{file}")


@pytest.mark.parametrize(
    "name",
    ["[/x].md", "[draft].md", "[bold]x[/bold].md", ":smile:.md", "[red]"],
    ids=["closing-tag", "draft", "bold", "emoji", "unclosed"],
)
def test_console_markup_in_a_message_is_printed_as_written(tmp_path: Path, name: str) -> None:
    err, page, source = _render_errors(tmp_path, name)
    assert err == f"{page}:2: error: {{include {name}}}: partial not found (looked for {_looked_for(source, name)})\n"


def test_a_console_link_in_a_message_is_printed_as_written(tmp_path: Path) -> None:
    err, page, _ = _render_errors(tmp_path, "[link=https://x]x[/link].md")
    assert err == (
        f'{page}:2: error: {{include [link=https://x]x[/link].md}}: empty or "." folder names are not allowed in a '
        "partial's name\n"
    )


def test_console_markup_in_a_path_is_printed_as_written(tmp_path: Path) -> None:
    err, page, source = _render_errors(tmp_path, "note.md", page="[bold]page[/x].md")
    assert str(page).endswith("[bold]page[/x].md")
    assert err == f"{page}:2: error: {{include note.md}}: partial not found (looked for {source}/partials/_note.md)\n"


def test_an_escape_sequence_in_a_message_is_shown_escaped(tmp_path: Path) -> None:
    err, page, source = _render_errors(tmp_path, "\x1b[2J\x1b]0;owned\x07.md")
    assert "\x1b" not in err and "\x07" not in err
    escaped = "\\x1b[2J\\x1b]0;owned\\x07.md"
    assert (
        err == f"{page}:2: error: {{include {escaped}}}: partial not found (looked for {source}/partials/_{escaped})\n"
    )


def test_an_escape_sequence_in_a_file_name_is_shown_escaped(tmp_path: Path) -> None:
    err, _, source = _render_errors(tmp_path, "note.md", page="evil\x1b[31m\r.md")
    assert err == (
        f"{tmp_path}/evil\\x1b[31m\\x0d.md:2: error: {{include note.md}}: partial not found "
        f"(looked for {source}/partials/_note.md)\n"
    )


def test_a_bidirectional_override_is_shown_escaped(tmp_path: Path) -> None:
    err, page, source = _render_errors(tmp_path, "\u202egpj.md")
    assert err == (
        f"{page}:2: error: {{include \\u202egpj.md}}: partial not found (looked for {source}/partials/_\\u202egpj.md)\n"
    )


def test_a_file_name_that_is_not_utf8_is_shown_with_its_surrogates_escaped(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "source/plan").mkdir(parents=True)
    (project / "source/plan/00-contents.md").write_text("#Plan\n", encoding="utf-8")
    name = os.fsdecode(b"caf\xe9.md")
    (project / "source/plan" / name).write_text("Text.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert result.exit_code == 1
    assert result.stderr == f"{project}/source/plan/caf\\udce9.md: error: the name is not valid UTF-8; rename it\n"


def test_a_build_summary_prints_an_output_path_with_markup_as_written(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "source/plan").mkdir(parents=True)
    (project / "source/plan/00-contents.md").write_text("#Plan\n\nText.\n", encoding="utf-8")
    out = tmp_path / "[bold]out[/x]"
    result = CliRunner().invoke(cli, ["build", str(project), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert f" into {out} in " in result.stderr
    assert (out / "plan/index.html").is_file()


def _govpress(tmp_path: Path, arguments: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    log = tmp_path / "traceback.txt"
    command = [str(PYTHON), "-c", HOOKED_MAIN, str(log), *arguments]
    done = subprocess.run(command, capture_output=True, env={**os.environ, **env}, cwd=tmp_path, timeout=120)
    assert not log.exists(), log.read_text(encoding="utf-8")
    return done


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("ascii", b"caf\\xe9 \\u2019 \\U0001f600"), ("latin-1", b"caf\xe9 \\u2019 \\U0001f600")],
    ids=["ascii", "latin-1"],
)
def test_a_narrow_stderr_encoding_shows_other_characters_escaped(
    tmp_path: Path, encoding: str, expected: bytes
) -> None:
    page, source = _missing_include(tmp_path, "caf\u00e9 \u2019 \U0001f600.md".replace(" ", ""))
    page.write_text("Text.\n{include caf\u00e9\u2019\U0001f600.md}\n", encoding="utf-8")
    done = _govpress(tmp_path, ["render", str(page), "--source", str(source)], PYTHONIOENCODING=f"{encoding}:strict")
    assert done.returncode == 1
    shown = expected.replace(b" ", b"")
    assert done.stderr == (  # the page's path shown from the command's folder (tmp_path), where it is
        f"{page.relative_to(tmp_path)}:2: error: {{include ".encode()
        + shown
        + f".md}}: partial not found (looked for {source}/partials/_".encode()
        + shown
        + b".md)\n"
    )


def test_a_closed_pipe_on_stderr_ends_quietly(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "source/plan").mkdir(parents=True)
    lines = "".join(f"[insert figure {n}]\n\n" for n in range(1000))  # 90 kB of warnings: more than a pipe holds
    (project / "source/plan/00-contents.md").write_text(f"#Plan\n\n{lines}", encoding="utf-8")
    log = tmp_path / "traceback.txt"
    command = [str(PYTHON), "-c", HOOKED_MAIN, str(log), "check", str(project)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stderr is not None
    first = process.stderr.read(40)
    process.stderr.close()  # what `govpress check … 2>&1 | head -1` does
    assert process.wait(timeout=120) == 1
    assert first == b"site/source/plan/00-contents.md:3: warning"[:40]  # shown from tmp_path, where it runs
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_a_closed_pipe_on_stdout_ends_quietly(tmp_path: Path) -> None:
    page = tmp_path / "long.md"
    page.write_text("".join(f"Paragraph {n} of a long document.\n\n" for n in range(20000)), encoding="utf-8")
    log = tmp_path / "traceback.txt"
    command = [str(PYTHON), "-c", HOOKED_MAIN, str(log), "render", str(page)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b"<p>Paragra"
    process.stdout.close()  # what `govpress render long.md | head -c 10` does
    err = process.stderr.read()
    process.wait(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_a_services_import_prints_a_file_name_with_markup_as_written(tmp_path: Path) -> None:
    data = tmp_path / "[bold]te[" / "x]:smile:.csv"
    data.parent.mkdir()
    data.write_bytes((REPO / "tests/fixtures/services/te-small.csv").read_bytes())
    result = CliRunner().invoke(cli, ["services", "import", str(data), "--db", str(tmp_path / "services.db")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{data}: te-export: 3 services, 15 observations (0 warnings)\n"
