"""A project's ``templates/`` folder shadows govpress's templates (MkDocs' ``custom_dir``): in Jinja2's sandbox, with
errors at the template's file and line, and the build's cache remade when an override changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site

PAGE = "<h1>Hello</h1>\n\n<p>Hello.</p>\n"
FOOTER_OVERRIDE = """{% extends "govpress/base.html" %}
{% block footer %}<footer class="govuk-footer"><p class="anytown-footer">Anytown {{ site.name }} footer</p></footer>
{% endblock %}
"""


def _project(folder: Path, templates: dict[str, str]) -> Path:
    (folder / "source" / "hello").mkdir(parents=True)
    (folder / "source" / "hello" / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "govpress.toml").write_text('site_name = "Anytown"\n', encoding="utf-8")
    for name, text in templates.items():
        (folder / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "templates" / name).write_text(text, encoding="utf-8")
    return folder


def test_an_override_of_base_html_changes_every_page_and_keeps_the_rest(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", {"base.html": FOOTER_OVERRIDE})
    report = build_site(project, project / "_site")
    assert not report.errors
    pages = sorted((project / "_site").rglob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "404.html"}  # source, root index and generated pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<p class="anytown-footer">Anytown Anytown footer</p>' in html, page
        assert "All content is available" not in html
        assert '<main class="govuk-main-wrapper govpress-main" id="main-content"' in html  # govpress's base


def test_an_override_of_a_layout_shadows_the_packaged_one(tmp_path: Path) -> None:
    layout = '{% extends "base.html" %}\n{% block content %}<div class="own">{{ body }}</div>{% endblock %}\n'
    project = _project(tmp_path / "p", {"site/page.html": layout})
    build_site(project, project / "_site")
    html = (project / "_site" / "hello" / "index.html").read_text(encoding="utf-8")
    assert '<div class="own"><h1>Hello</h1>' in html


def test_changing_an_override_remakes_source_and_generated_pages(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", {"base.html": FOOTER_OVERRIDE})
    out = project / "_site"
    build_site(project, out)
    (project / "templates" / "base.html").write_text(FOOTER_OVERRIDE.replace("Anytown {{", "Newtown {{"), "utf-8")
    build_site(project, out)
    for name in ("hello/index.html", "404.html"):
        html = (out / name).read_text(encoding="utf-8")
        assert "Newtown Anytown footer" in html and "Anytown Anytown footer" not in html, name
    (project / "templates" / "base.html").unlink()
    build_site(project, out)
    for name in ("hello/index.html", "404.html"):
        html = (out / name).read_text(encoding="utf-8")
        assert '<div class="govuk-footer__meta">' in html and "Newtown" not in html, name


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        pytest.param(
            '{% extends "govpress/base.html" %}\n\n{% block footer %}{% if %}{% endblock %}\n',
            "template error:",
            id="a syntax error",
        ),
        pytest.param(
            '{% extends "govpress/base.html" %}\n{% block footer %}\n{{ no_such_name }}\n{% endblock %}\n',
            "'no_such_name' is undefined",
            id="an error while rendering",
        ),
    ],
)
def test_an_error_in_an_override_is_an_error_at_its_line(tmp_path: Path, broken: str, message: str) -> None:
    project = _project(tmp_path / "p", {"base.html": broken})
    with pytest.raises(GovpressError) as raised:
        build_site(project, project / "_site")
    [problem] = raised.value.problems
    assert problem.path == str(project / "templates" / "base.html")
    assert problem.line == 3
    assert message in problem.message
    assert not (project / "_site" / "hello").exists()


def test_an_override_runs_in_the_sandbox(tmp_path: Path) -> None:
    escape = (
        '{% extends "govpress/base.html" %}\n{% block footer %}\n'
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}\n"
    )
    project = _project(tmp_path / "p", {"base.html": escape})
    with pytest.raises(GovpressError) as raised:
        build_site(project, project / "_site")
    [problem] = raised.value.problems
    assert problem.path == str(project / "templates" / "base.html") and problem.line == 3
    assert "unsafe" in problem.message


def test_a_symbolic_link_out_of_the_templates_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("secret", encoding="utf-8")
    project = _project(tmp_path / "p", {})
    (project / "templates").mkdir()
    (project / "templates" / "base.html").symlink_to(secret)
    with pytest.raises(GovpressError) as raised:
        build_site(project, project / "_site")
    [problem] = raised.value.problems
    assert problem.path == str(project / "templates" / "base.html")
    assert "leaves the project" in problem.message


def test_the_templates_folder_may_not_be_the_output_folder(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", {"base.html": FOOTER_OVERRIDE})
    (project / "govpress.toml").write_text('output = "templates"\n', encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        build_site(project)
    [problem] = raised.value.problems
    assert problem.line == 1 and "templates folder" in problem.message, problem.message
    assert (project / "templates" / "base.html").is_file()
