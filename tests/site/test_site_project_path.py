"""A project named two ways is one project: a build of ``site`` and one of ``.`` from inside it share their records
(nothing rendered again), and the problems a build keeps are shown from the folder of the build that shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.cli.output import display_path
from govpress.site.build import build_site
from govpress.site.engine.records import project_path

BROKEN = "[gone](/no/such/page/)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "work" / "site"
    (project / "source" / "guides").mkdir(parents=True)
    (project / "govpress.toml").write_text('site_name = "Plain"\n', encoding="utf-8")
    (project / "source" / "index.md").write_text("# Plain\n\nSee [the guide](/guides/).\n", encoding="utf-8")
    (project / "source" / "guides" / "index.md").write_text(f"# Guide\n\nA guide.\n\n{BROKEN}\n", encoding="utf-8")
    return project


def test_a_project_named_from_another_folder_keeps_its_rendered_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    first = build_site(Path("site"))
    assert first.rendered == 2
    page = project / "source" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    monkeypatch.chdir(project)
    second = build_site(Path())  # "."
    assert second.rendered == 1, "the other page's body comes from the records the first build kept"
    assert second.out == project / "_site"
    assert [problem.path for problem in second.problems] == [str(project / "source" / "guides" / "index.md")]


def test_kept_problems_are_shown_from_the_folder_of_the_build_that_shows_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.parent)
    found = CliRunner().invoke(cli, ["build", "site"])
    assert found.exit_code == 0, found.output
    assert "site/source/guides/index.md:5" in found.output
    assert "into site/_site" in found.output
    monkeypatch.chdir(project / "source")
    kept = CliRunner().invoke(cli, ["build", ".."])  # nothing changed: the last build's problems, from its records
    assert "(0 rendered" in kept.output
    lines = [line for line in kept.output.splitlines() if "no/such/page" in line]
    assert lines and lines[0].startswith("guides/index.md:5: warning"), kept.output
    assert f"into {project / '_site'}" in kept.output, "a folder outside this one is shown whole"


def test_display_path() -> None:
    here = Path.cwd()
    assert display_path(str(here / "source" / "a.md")) == "source/a.md"
    assert display_path(str(here)) == "."
    assert display_path("source/a.md") == "source/a.md"
    outside = str(here.parent / (here.name + "-other") / "a.md")  # shares the folder's name as a prefix
    assert display_path(outside) == outside


def test_project_path_is_absolute_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    assert project_path(Path("link/../real/.")) == tmp_path / "real"
    assert project_path(Path("link")) == tmp_path / "link", "symbolic links kept: shown as the user wrote them"
