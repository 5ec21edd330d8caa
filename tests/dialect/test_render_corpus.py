"""The whole legacy corpus renders: every document folder, every Markdown partial, and department mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govpress.problems import Severity
from govpress.render import RenderResult, last_action_number, render_document, render_html_includes, render_markdown


def document_folders(source: Path) -> list[Path]:
    return sorted({p.parent for p in source.rglob("*.md") if "partials" not in p.relative_to(source).parts})


def action_partials(source: Path) -> list[Path]:
    return sorted((source / "partials" / "departmentactions").glob("_action[0-9][0-9].md"))


def render_action(source: Path, path: Path) -> RenderResult:
    return render_markdown(path.read_text(encoding="utf-8"), path=path, source_dir=source)


def test_every_document_folder_renders(corpus_source: Path) -> None:
    folders = document_folders(corpus_source)
    assert len(folders) == 5
    for folder in folders:
        result = render_document(sorted(folder.glob("*.md")), source_dir=corpus_source)
        assert result.html.startswith('<div class="document-title">'), folder
        assert not [p for p in result.problems if p.severity is Severity.ERROR]
        assert "markdown-toc" in result.ids, folder


def test_every_markdown_partial_renders(corpus_source: Path) -> None:
    partials = sorted((corpus_source / "partials").rglob("*.md"))
    assert len(partials) == 49
    for path in partials:
        result = render_markdown(path.read_text(encoding="utf-8"), path=path, source_dir=corpus_source)
        assert result.html.strip(), path
        assert result.dependencies[0] == path


def test_the_strategy_document(corpus_source: Path) -> None:
    folder = corpus_source / "digital" / "strategy"
    result = render_document(sorted(folder.glob("*.md")), source_dir=corpus_source)
    assert result.title == "Government Digital Strategy"
    assert result.html.count('<div class="section">') == 15
    assert {f"action-{n:02d}" for n in range(1, 15)} <= result.ids
    assert result.html.count('class="figure-permalink"') == 6
    assert "introduction" in result.ids
    section_ids = [h.id for h in result.headings if "section-title" in h.classes and h.level == 2]
    assert section_ids[:2] == ["executive-summary", "introduction"]
    assert corpus_source / "partials" / "_action01-case-study.md" in result.dependencies
    assert "{" not in "".join(h.text for h in result.headings)


def test_the_last_action_comes_from_the_content(corpus_source: Path) -> None:
    assert last_action_number(corpus_source) == len(action_partials(corpus_source)) == 14


@pytest.mark.parametrize("number", range(1, 15))
def test_department_response_pages(corpus_source: Path, number: int) -> None:
    path = corpus_source / "partials" / "departmentactions" / f"_action{number:02d}.md"
    result = render_action(corpus_source, path)
    departments = len(re.findall(r'<div class="department">', result.html))
    assert departments == (1 if number == 4 else 18)
    assert result.title == f"Action {number:02d}"
    assert result.html.count('class="organisation-logo"') == departments
    assert len(re.findall(r'<h2 class="logo-(single|bis|ho|mod)">', result.html)) == departments
    assert result.html.count('<div class="department-intro">') == 2
    previous = f'href="../{number - 1:02d}"' in result.html
    following = f'href="../{number + 1:02d}"' in result.html
    assert previous == (number > 1)
    assert following == (number < 14)
    assert "{" not in result.html.replace("{:", "")
    assert not result.problems


def test_a_smaller_last_action_drops_the_next_link(corpus_source: Path) -> None:
    path = corpus_source / "partials" / "departmentactions" / "_action05.md"
    result = render_markdown(path.read_text(encoding="utf-8"), path=path, source_dir=corpus_source, last_action=5)
    assert 'href="../06"' not in result.html
    assert 'href="../04"' in result.html


def test_every_html_page_expands_its_includes(corpus_source: Path) -> None:
    pages = [
        page
        for page in sorted(corpus_source.rglob("*.html"))
        if "partials" not in page.relative_to(corpus_source).parts
        and "meta" not in str(page.relative_to(corpus_source))
    ]
    assert len(pages) == 36
    for page in pages:
        result = render_html_includes(page.read_text(encoding="utf-8"), path=page, source_dir=corpus_source)
        assert "{include" not in result.html, page
        assert result.dependencies[0] == page
    action = corpus_source / "digital" / "strategy" / "actions" / "05" / "index.html"
    result = render_html_includes(action.read_text(encoding="utf-8"), path=action, source_dir=corpus_source)
    assert result.html.count('<div class="department">') == 18
    assert corpus_source / "partials" / "departmentactions" / "_action05.md" in result.dependencies
