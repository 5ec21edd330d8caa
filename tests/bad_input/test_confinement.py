"""Bad input: includes, symbolic links and file names that would reach outside the project.

One test per case; each builds its hostile project in ``tmp_path``, runs the real code path (the library function,
the build, or the CLI) and asserts the exact located message or the safe output. The secret a case tries to reach
lies beside the project, so a test fails loudly if its text ever shows up in the output.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.commitments.legacy.load import load_legacy
from govpress.dialect.includes import MAX_DEPTH, MAX_INCLUDES
from govpress.problems import GovpressError
from govpress.render import render_document, render_html_includes, render_markdown
from govpress.site.build import build_site, check_project
from govpress.site.sources.discover import discover

SECRET = "TOP SECRET: not for publishing"


def _project(tmp_path: Path) -> Path:
    """A small project in ``tmp_path/site`` (one document, a partial) and a secret file beside it."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "_leak.md").write_text(SECRET, encoding="utf-8")
    project = tmp_path / "site"
    _write(project / "source/plan/00-contents.md", "#Our plan\n\nHello.\n")
    _write(project / "source/partials/_note.md", "A note.\n")
    return project


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _messages(error: pytest.ExceptionInfo[GovpressError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def _render(project: Path, text: str) -> list[str]:
    page = _write(project / "source/plan/01-body.md", text)
    with pytest.raises(GovpressError) as raised:
        render_markdown(text, path=page, source_dir=project / "source")
    return _messages(raised)


# {include}


def test_include_with_dot_dot_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "source/plan/01-body.md"
    assert _render(project, "Text.\n\n{include ../../../secret.txt}\n") == [
        f'{page}:3: error: {{include ../../../secret.txt}}: ".." is not allowed in a partial\'s name: '
        "partials are read only inside partials/"
    ]


def test_include_of_an_absolute_path_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "source/plan/01-body.md"
    assert _render(project, f"{{include {tmp_path}/secret.txt}}\n") == [
        f"{page}:1: error: {{include {tmp_path}/secret.txt}}: an absolute path is not allowed: "
        "partials are read only inside partials/"
    ]


def test_include_with_a_backslash_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "source/plan/01-body.md"
    assert _render(project, "{include ..\\..\\secret.txt}\n") == [
        f"{page}:1: error: {{include ..\\..\\secret.txt}}: a backslash is not allowed in a partial's name "
        '(folders are separated by "/")'
    ]


def test_include_with_a_nul_character_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "source/plan/01-body.md"
    with pytest.raises(GovpressError) as raised:
        render_markdown("{include note.md\0.txt}\n", path=page, source_dir=project / "source")
    assert _messages(raised) == [
        f"{page}:1: error: {{include note.md\0.txt}}: a NUL character is not allowed in a partial's name"
    ]


def test_include_of_a_link_leaving_partials_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    link = project / "source/partials/_passwd.md"
    link.symlink_to(tmp_path / "secret.txt")
    page = project / "source/plan/01-body.md"
    assert _render(project, "{include passwd.md}\n") == [
        f"{page}:1: error: {{include passwd.md}}: {link} leads to {tmp_path / 'secret.txt'}, outside "
        f"{project / 'source/partials'}; refusing to read it"
    ]


def test_include_through_a_linked_folder_leaving_partials_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/partials/shared").symlink_to(tmp_path / "outside", target_is_directory=True)
    page = project / "source/plan/01-body.md"
    target = project / "source/partials/shared/_leak.md"
    assert _render(project, "Before.\n{include shared/leak.md}\n") == [
        f"{page}:2: error: {{include shared/leak.md}}: {target} leads to {tmp_path / 'outside/_leak.md'}, outside "
        f"{project / 'source/partials'}; refusing to read it"
    ]


def test_include_of_a_partial_linked_elsewhere_in_the_project_is_refused(tmp_path: Path) -> None:
    """Inside the project but outside partials/ (the project's settings, for instance) is still refused."""
    project = _project(tmp_path)
    _write(project / "govpress.toml", 'site_name = "x"\n')
    link = project / "source/partials/_settings.md"
    link.symlink_to(project / "govpress.toml")
    page = project / "source/plan/01-body.md"
    assert _render(project, "{include settings.md}\n") == [
        f"{page}:1: error: {{include settings.md}}: {link} leads to {project / 'govpress.toml'}, outside "
        f"{project / 'source/partials'}; refusing to read it"
    ]


def test_include_of_a_link_loop_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    partials = project / "source/partials"
    (partials / "_a.md").symlink_to(partials / "_b.md")
    (partials / "_b.md").symlink_to(partials / "_a.md")
    page = project / "source/plan/01-body.md"
    assert _render(project, "{include a.md}\n") == [
        f"{page}:1: error: {{include a.md}}: {partials / '_a.md'} is a symbolic link loop; refusing to read it"
    ]


def test_include_of_a_link_inside_partials_is_followed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/partials/_alias.md").symlink_to(project / "source/partials/_note.md")
    result = render_markdown("{include alias.md}\n", path=None, source_dir=project / "source")
    assert result.html == "<p>A note.</p>"


def test_a_bad_include_in_a_nested_partial_is_reported_at_the_partial(tmp_path: Path) -> None:
    project = _project(tmp_path)
    nested = _write(project / "source/partials/_outer.md", "Outer.\n\n{include ../../secret.txt}\n")
    page = project / "source/plan/01-body.md"
    assert _render(project, "{include outer.md}\n") == [
        f'{nested}:3: error: {{include ../../secret.txt}}: ".." is not allowed in a partial\'s name: '
        "partials are read only inside partials/"
    ]
    assert page.is_file()


def test_a_bad_include_in_a_document_folder_is_reported_at_its_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    body = _write(project / "source/plan/01-body.md", "Text.\n{include /etc/passwd}\n")
    with pytest.raises(GovpressError) as raised:
        render_document(sorted((project / "source/plan").glob("*.md")), source_dir=project / "source")
    assert _messages(raised) == [
        f"{body}:2: error: {{include /etc/passwd}}: an absolute path is not allowed: "
        "partials are read only inside partials/"
    ]


def test_a_bad_include_in_an_html_page_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = _write(project / "source/about.html", "<h1>About</h1>\n<p>\n{include ../secret.txt}</p>\n")
    with pytest.raises(GovpressError) as raised:
        render_html_includes(page.read_text(encoding="utf-8"), path=page, source_dir=project / "source")
    assert _messages(raised) == [
        f'{page}:3: error: {{include ../secret.txt}}: ".." is not allowed in a partial\'s name: '
        "partials are read only inside partials/"
    ]


def test_a_bad_include_through_govpress_render_is_a_located_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = _write(project / "source/plan/01-body.md", "{include ../../../secret.txt}\n")
    result = CliRunner().invoke(cli, ["render", str(page), "--source", str(project / "source")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'{page}:1: error: {{include ../../../secret.txt}}: ".." is not allowed in a partial\'s name: '
        "partials are read only inside partials/\n"
    )


def test_includes_that_double_at_every_level_are_stopped(tmp_path: Path) -> None:
    """Partials including the next one twice, 16 levels deep: 65,536 includes from a few bytes."""
    project = _project(tmp_path)
    for level in range(16):
        _write(project / f"source/partials/_l{level}.md", f"{{include l{level + 1}.md}}{{include l{level + 1}.md}}\n")
    _write(project / "source/partials/_l16.md", "x\n")
    messages = _render(project, "{include l0.md}\n")
    assert len(messages) == 1
    assert messages[0].endswith(f"error: {{include l16.md}}: more than {MAX_INCLUDES:,} includes in one document")


def test_includes_nested_too_deep_are_stopped(tmp_path: Path) -> None:
    project = _project(tmp_path)
    for level in range(MAX_DEPTH + 5):
        _write(project / f"source/partials/_d{level}.md", f"{{include d{level + 1}.md}}\n")
    _write(project / f"source/partials/_d{MAX_DEPTH + 5}.md", "x\n")
    deepest = project / f"source/partials/_d{MAX_DEPTH - 1}.md"
    assert _render(project, "{include d0.md}\n") == [
        f"{deepest}:1: error: {{include d{MAX_DEPTH}.md}}: includes nest more than {MAX_DEPTH} deep"
    ]


def test_a_legacy_response_partial_linked_outside_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    link = project / "source/partials/departmentactions/_action01.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "secret.txt")
    with pytest.raises(GovpressError) as raised:
        load_legacy(project)
    assert _messages(raised) == [
        f"{link}: error: this partial leads to {tmp_path / 'secret.txt'}, outside "
        f"{project / 'source/partials'}; refusing to read it"
    ]


# Symbolic links and names in source/ and assets/


def _build_errors(project: Path) -> list[str]:
    with pytest.raises(GovpressError) as raised:
        build_site(project)
    assert not (project / "_site").exists() or SECRET not in _published(project / "_site")
    return _messages(raised)


def _published(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())


def test_a_source_file_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/plan/x.md").symlink_to(tmp_path / "secret.txt")
    assert _build_errors(project) == [
        f"{project / 'source/plan/x.md'}: error: symbolic link to {tmp_path / 'secret.txt'} leaves the project; "
        "refusing to read it"
    ]


def test_a_source_folder_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/elsewhere").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert _build_errors(project) == [
        f"{project / 'source/elsewhere'}: error: symbolic link to {tmp_path / 'outside'} leaves the project; "
        "refusing to read it"
    ]


def test_a_copied_source_file_linked_outside_is_refused_by_check_too(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/plan/data.csv").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(GovpressError) as raised:
        check_project(project)
    assert _messages(raised) == [
        f"{project / 'source/plan/data.csv'}: error: symbolic link to {tmp_path / 'secret.txt'} leaves the project; "
        "refusing to read it"
    ]


def test_a_loop_of_links_in_source_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    plan = project / "source/plan"
    (plan / "a.md").symlink_to(plan / "b.md")
    (plan / "b.md").symlink_to(plan / "a.md")
    assert _build_errors(project) == [
        f"{plan / 'a.md'}: error: symbolic link loop (the link leads back to itself); refusing to read it",
        f"{plan / 'b.md'}: error: symbolic link loop (the link leads back to itself); refusing to read it",
    ]


def test_a_folder_linked_to_its_own_parent_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "source/plan/again").symlink_to(project / "source", target_is_directory=True)
    assert _build_errors(project) == [
        f"{project / 'source/plan/again'}: error: symbolic link to {(project / 'source').resolve()} is a loop "
        "(it leads to a folder that holds it); refusing to follow it"
    ]


def test_an_asset_linked_outside_the_project_is_refused_and_not_copied(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "assets").mkdir()
    (project / "assets/passwd.txt").symlink_to(tmp_path / "secret.txt")
    assert _build_errors(project) == [
        f"{project / 'assets/passwd.txt'}: error: symbolic link to {tmp_path / 'secret.txt'} leaves the project; "
        "refusing to read it"
    ]
    assert not (project / "_site/assets/passwd.txt").exists()


def test_an_asset_folder_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "assets").mkdir()
    (project / "assets/more").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert _build_errors(project) == [
        f"{project / 'assets/more'}: error: symbolic link to {tmp_path / 'outside'} leaves the project; "
        "refusing to read it"
    ]


def test_a_source_file_linked_to_the_projects_settings_is_refused(tmp_path: Path) -> None:
    """govpress.toml may hold a PostgreSQL password: a link to it is never published."""
    project = _project(tmp_path)
    _write(project / "govpress.toml", 'services_database = "postgresql://govpress:secret@db/plan"\n')
    (project / "source/plan/settings.txt").symlink_to(project / "govpress.toml")
    assert _build_errors(project) == [
        f"{project / 'source/plan/settings.txt'}: error: symbolic link to {project / 'govpress.toml'}: the project's "
        "git repository and settings are never published; refusing to read it"
    ]


def test_an_asset_linked_into_the_git_repository_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _write(project / ".git/config", "[remote]\nurl = https://user:token@example.org/plan.git\n")
    _write(project / "assets/readme.txt", "Assets.\n")
    (project / "assets/config.txt").symlink_to(project / ".git/config")
    assert _build_errors(project) == [
        f"{project / 'assets/config.txt'}: error: symbolic link to {project / '.git/config'}: the project's git "
        "repository and settings are never published; refusing to read it"
    ]


def test_links_inside_the_project_are_followed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _write(project / "shared/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    (project / "assets").mkdir()
    (project / "assets/logo.svg").symlink_to(project / "shared/logo.svg")
    _write(project / "shared/more.md", "More text.\n")
    (project / "source/plan/02-more.md").symlink_to(project / "shared/more.md")
    report = build_site(project)
    assert not report.errors, report.errors
    assert (project / "_site/assets/logo.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "More text." in (project / "_site/plan/index.html").read_text(encoding="utf-8")


def test_a_source_file_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    name = os.fsdecode(b"caf\xe9.md")
    _write(project / "source/plan" / name, "Text.\n")
    with pytest.raises(GovpressError) as raised:
        discover(project / "source", project)
    assert _messages(raised) == [f"{project / 'source/plan' / name}: error: the name is not valid UTF-8; rename it"]


# Reading the source's text files


CP1252_HINT = (
    "it looks like Windows-1252 text (that byte is 'é' there): save it as UTF-8 "
    "(for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
)


def test_a_partial_that_is_not_utf8_is_an_error_at_its_own_line_and_column(tmp_path: Path) -> None:
    project = _project(tmp_path)
    partial = project / "source/partials/_cafe.md"
    partial.write_bytes("Menu\n\nCaf\u00e9 au lait\n".encode("cp1252"))
    assert _render(project, "{include cafe.md}\n") == [
        f"{partial}:3:4: error: the file is not valid UTF-8 (byte 0xE9); {CP1252_HINT}"
    ]


def test_an_html_page_that_is_not_utf8_is_an_error_and_the_rest_builds(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "source/about/index.html"
    page.parent.mkdir()
    page.write_bytes("{generic_template}\n<h1>Caf\u00e9</h1>\n".encode("cp1252"))
    report = build_site(project)
    assert [str(p) for p in report.errors] == [
        f"{page}:2:8: error: the file is not valid UTF-8 (byte 0xE9); {CP1252_HINT}"
    ]
    assert (project / "_site/plan/index.html").is_file()


def test_a_meta_html_that_is_utf16_is_an_error_saying_how_to_convert(tmp_path: Path) -> None:
    project = _project(tmp_path)
    meta = project / "source/plan/meta.html"
    meta.write_bytes("<title>Our plan</title>\n".encode("utf-16"))
    report = build_site(project)
    assert [str(p) for p in report.errors] == [
        f"{meta}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8 "
        "(for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]
