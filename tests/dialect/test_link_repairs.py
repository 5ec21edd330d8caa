"""Malformed links are repaired while Markdown is converted and reported at the line that holds them, once, through
includes and through a site page's reading; a pasted HTML page's own links by the site's repairs."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from govpress.render import render_markdown
from govpress.site.sources.discover import DocumentSource, HtmlSource
from govpress.site.sources.readers import ReadContext, read_document, read_html_page

MESSAGE = "malformed link 'https:www.gov.uk/x' (no // after https:): published as 'https://www.gov.uk/x'"


def _partial(source: Path) -> Path:
    partial = source / "partials" / "_plan.md"
    partial.parent.mkdir(parents=True)
    partial.write_text("# Plan\n\nIntro.\n\nSee [the plan](https:www.gov.uk/x).\n", encoding="utf-8")
    return partial


def test_a_malformed_link_is_reported_at_its_line_in_the_included_file(tmp_path: Path) -> None:
    partial = _partial(tmp_path)
    page = tmp_path / "page.md"
    result = render_markdown("Before.\n\n{include plan.md}\n", path=page, source_dir=tmp_path)
    assert '<a href="https://www.gov.uk/x">the plan</a>' in result.html
    assert [(p.path, p.line, p.message) for p in result.problems] == [(str(partial), 5, MESSAGE)]


def test_inline_html_kept_as_written_is_repaired_and_reported_too(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    result = render_markdown('Intro.\n\nA <a href="https:www.gov.uk/x">pasted link</a>.\n', path=page)
    assert '<a href="https://www.gov.uk/x">pasted link</a>' in result.html
    assert [(p.path, p.line, p.message) for p in result.problems] == [(str(page), 3, MESSAGE)]


def _context(source: Path) -> ReadContext:
    return ReadContext(source, source / "assets", None, {})


def test_a_document_reports_a_repaired_link_once(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    document = folder / "01-plan.md"
    document.write_text("# Plan\n\nSee [the plan](https:www.gov.uk/x).\n", encoding="utf-8")
    source = DocumentSource(folder, (document,), None, PurePosixPath("plan/index.html"))
    content = read_document(source, _context(tmp_path))
    assert 'href="https://www.gov.uk/x"' in content.body
    assert [(p.path, p.line, p.message) for p in content.problems] == [(str(document), 3, MESSAGE)]


def test_an_html_page_repairs_its_pasted_links_and_its_markdown_partial_once_each(tmp_path: Path) -> None:
    partial = _partial(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        '{generic_template}\n<p><a href="https:www.gov.uk/y">pasted</a></p>\n{include plan.md}\n', encoding="utf-8"
    )
    content = read_html_page(HtmlSource(page, "generic", None, PurePosixPath("page.html")), _context(tmp_path))
    assert 'href="https://www.gov.uk/y"' in content.body and 'href="https://www.gov.uk/x"' in content.body
    found = [(p.path, p.line, p.message) for p in content.problems]
    pasted = "malformed link 'https:www.gov.uk/y' (no // after https:): published as 'https://www.gov.uk/y'"
    assert sorted(found) == sorted([(str(partial), 5, MESSAGE), (str(page), 2, pasted)])


def test_warnings_come_in_the_order_the_page_shows_the_links(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    text = (
        "Intro [a](https:a.example/) and <a href='http:b.example/'>b</a>.\n\nFoot[^1].\n\n[^1]: [c](https:c.example/)\n"
        '\n<div markdown="1">\n<a href="https:d.example/">d</a>\n</div>\n'
    )
    result = render_markdown(text, path=page)
    assert [p.line for p in result.problems] == [1, 1, 8, 5]  # the footnotes come last on the page
    assert "https:" not in result.html.replace("https://", "")
