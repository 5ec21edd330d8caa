"""Checks of the build on small projects: pages without a title, dialect tags and placeholders left in HTML pages."""

from __future__ import annotations

from pathlib import Path

from govpress.site.build import check_project


def _project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "source" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _messages(project: Path) -> list[tuple[str, int | None, str]]:
    report = check_project(project, jobs=1)
    return [(Path(p.path or "").name, p.line, p.message) for p in report.problems]


def test_a_page_without_a_title_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path, {"site/index.html": "{generic_template}\n<p>No heading here.</p>\n"})
    assert _messages(project) == [
        ("index.html", None, "page has no title (no <title> in meta.html, no <h1>): titled after its folder")
    ]


def test_a_title_from_meta_html_is_enough(tmp_path: Path) -> None:
    project = _project(
        tmp_path, {"site/index.html": "{generic_template}\n<h1>Home</h1>\n", "site/meta.html": "<title>Home</title>"}
    )
    assert _messages(project) == []


def test_dialect_tags_and_placeholders_left_in_html_pages_are_reported(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {
            "site/index.html": "{generic_template}\n<h1>Home</h1>\n{include box.html}\n",
            "partials/_box.html": "<div>\n{div .note}\n<p>[insert a chart]</p>\n</div>\n",
        },
    )
    assert _messages(project) == [
        ("_box.html", 2, "dialect tag '{div .note}' was not rendered"),
        ("_box.html", 3, "editorial placeholder '[insert a chart]' left in the text"),
    ]


def test_check_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path, {"site/index.html": "{generic_template}\n<h1>Home</h1>\n"})
    check_project(project)
    assert sorted(p.name for p in project.iterdir()) == ["source"]
