"""``govpress build`` with nothing to do answers before the build is imported (govpress.site.nothing_to_do): the
last build's report, from the records, the stamps and the settings' output folder alone; anything else leaves the
answer to the build, which takes the digest already made rather than walking the project again."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.site import nothing_to_do as quick
from govpress.site.build import build_site
from govpress.site.engine import unchanged
from govpress.site.nothing_to_do import nothing_to_do

HEAVY = ("markdown", "jinja2", "pydantic", "govpress.site.build", "govpress.dialect", "govpress.site.settings.config")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small site of plain pages: nothing a generator must be asked about (no store, no dashboards)."""
    project = tmp_path / "plain"
    (project / "source" / "guides").mkdir(parents=True)
    (project / "govpress.toml").write_text('site_name = "Plain"\n', encoding="utf-8")
    (project / "source" / "index.md").write_text("# Plain\n\nSee [the guide](/guides/).\n", encoding="utf-8")
    (project / "source" / "guides" / "index.md").write_text("# Guide\n\nA guide.\n", encoding="utf-8")
    return project


def _touch_source(project: Path) -> None:
    page = next((project / "source").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def _build_in_a_new_process(project: Path) -> tuple[list[str], str]:
    """``govpress build PROJECT`` in a new process: the heavy modules it imported (the generators' registry among
    them), and what it printed."""
    probe = (
        "import sys\nfrom govpress.cli import cli\n"
        f"try:\n    cli(['build', {str(project)!r}], prog_name='govpress')\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    modules = done.stdout.split("MODULES", 1)[1].split()
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY or m.endswith(".registry"))
    return loaded, done.stdout + done.stderr


def test_the_command_answers_without_importing_the_build(project: Path) -> None:
    first = build_site(project)
    loaded, printed = _build_in_a_new_process(project)
    assert not loaded, f"a build with nothing to do imported {loaded}"
    assert f"Built {first.pages} pages and {first.files} files" in printed
    assert "(0 rendered" in printed


def test_its_report_is_the_last_build_s(project: Path) -> None:
    (project / "source" / "99-broken.md").write_text("# Broken\n\n[gone](/no/such/page/)\n", encoding="utf-8")
    first = build_site(project)
    answer = nothing_to_do(project, None, strict=True)
    assert answer.report is not None
    report = answer.report
    assert (report.out, report.pages, report.files, report.problems) == (
        first.out,
        first.pages,
        first.files,
        first.problems,
    )
    assert report.rendered == 0 and report.strict and report.written
    assert any("no/such/page" in problem.message for problem in report.problems)
    assert answer.inputs is not None and answer.inputs[0] == project / "_site"


def test_strict_fails_on_the_last_build_s_warnings(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "source" / "99-broken.md").write_text("# Broken\n\n[gone](/no/such/page/)\n", encoding="utf-8")
    build_site(project)
    with caplog.at_level(logging.INFO, logger="govpress.site.nothing_to_do"):
        result = CliRunner().invoke(cli, ["build", str(project), "--strict"])
    assert any("nothing has changed" in record.getMessage() for record in caplog.records)
    assert result.exit_code == 1
    assert "no/such/page" in result.output


def test_a_change_leaves_the_answer_to_the_build_with_the_digest(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(project)
    _touch_source(project)
    answer = nothing_to_do(project, None)
    assert answer.report is None and answer.inputs is not None

    def no_second_walk(*_: object) -> str:
        raise AssertionError("the build walked the project again")

    def no_second_check(*_: object) -> None:
        raise AssertionError("the build compared the last build's record again")

    monkeypatch.setattr("govpress.site.build.inputs_digest", no_second_walk)
    monkeypatch.setattr("govpress.site.build.unchanged_build", no_second_check)
    report = build_site(project, known_inputs=answer.inputs)
    assert report.rendered >= 1
    monkeypatch.undo()
    again = nothing_to_do(project, None)
    assert again.report is not None and again.report.rendered == 0  # the digest it recorded was the right one


def test_a_digest_for_another_folder_is_not_taken(project: Path) -> None:
    other = project.parent / "elsewhere"
    build_site(project, other, known_inputs=(project / "_site", "0" * 64))
    answer = nothing_to_do(project, other)
    assert answer.report is not None and answer.report.out == other


def test_the_output_folder_comes_from_the_settings(project: Path) -> None:
    settings = project / "govpress.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\noutput = "public"\n', encoding="utf-8")
    first = build_site(project)
    assert first.out == project / "public"
    answer = nothing_to_do(project, None)
    assert answer.report is not None and answer.report.out == project / "public"


@pytest.mark.parametrize(
    "settings",
    [
        'output = "unclosed\n',
        "output = 3\n",
        "[[[\n",
        "output = " + "[" * 2000 + "]" * 2000 + "\n",
        'output = "a\\u0000b"\n',
    ],
    ids=["not-toml", "not-a-string", "bad-table", "nested", "nul"],
)
def test_settings_it_cannot_read_leave_the_answer_to_the_build(project: Path, settings: str) -> None:
    (project / "govpress.toml").write_text(settings, encoding="utf-8")
    assert nothing_to_do(project, None) == quick.Answer(None, None)
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code != 0 and "govpress.toml" in result.output  # the build says what is wrong, and where
    assert "Traceback" not in result.output


def test_an_output_folder_that_is_a_link_loop_is_left_to_the_build(project: Path) -> None:
    (project / "govpress.toml").write_text('output = "out"\n', encoding="utf-8")
    (project / "out").symlink_to("out")
    assert nothing_to_do(project, None) == quick.Answer(None, None)
    result = CliRunner().invoke(cli, ["build", str(project)])
    assert result.exit_code != 0 and "symbolic link loop" in result.output and "Traceback" not in result.output


def test_a_settings_file_too_big_is_left_to_the_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quick, "MAX_CONFIG_BYTES", 10)
    assert nothing_to_do(project, None) == quick.Answer(None, None)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example site: its dashboards read data files, no store; their key holds the day."""
    from govpress.site.new import new_site

    example = tmp_path / "example"
    new_site(example)
    return example


def test_the_example_s_dashboards_are_settled_by_the_day_without_importing_the_build(example: Path) -> None:
    first = build_site(example)
    loaded, printed = _build_in_a_new_process(example)
    assert not loaded, f"a build of the example with nothing to do imported {loaded}"
    assert f"Built {first.pages} pages" in printed and "(0 rendered" in printed


def test_a_key_of_another_day_is_asked_of_the_generator(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govpress.dashboards import site as dashboards
    from govpress.site.engine import stamps

    first = build_site(example)
    asked: list[str] = []
    real_key = dashboards.DashboardsGenerator.cache_key

    def counted(self: dashboards.DashboardsGenerator, inputs: object) -> str:
        asked.append("dashboards")
        return real_key(self, inputs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboards.DashboardsGenerator, "cache_key", counted)
    answer = nothing_to_do(example, None)
    assert answer.report is not None and not asked, "the same day: settled by the digest"
    monkeypatch.setattr(stamps, "utc_day", lambda: "2999-01-01")  # the check runs on another day...
    answer = nothing_to_do(example, None)
    assert asked == ["dashboards"], "...so the key is asked"
    assert answer.report is not None and answer.report.pages == first.pages, "and it is the same: nothing to do"
    monkeypatch.setattr(dashboards, "utc_day", lambda: "2999-01-01")  # the key holds the day: it changed
    assert nothing_to_do(example, None).report is None


def test_the_build_and_the_check_take_the_same_settings() -> None:
    assert unchanged.inputs_settings("/plan/", True, False) == ("/plan/", True, False)
