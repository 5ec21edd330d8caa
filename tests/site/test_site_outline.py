"""A document's outline settled in its tree (``govpress.dialect.page_outline``) publishes what the HTML repairs
(``govpress.site.legacy_html``) did, and its heading-level skip is reported at the heading's own line."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

import govpress.render
from govpress.render import last_action_number
from govpress.site.new import new_site
from govpress.site.sources.discover import DocumentSource, discover
from govpress.site.sources.readers import Content, ReadContext, read_document
from govpress.site.structure.facts import page_facts
from govpress.site.structure.pages import Page
from support.site_problems import check_site


def _context(source: Path) -> ReadContext:
    return ReadContext(source, source.parent / "assets", last_action_number(source), {})


def _document(source: Path, files: dict[str, str]) -> DocumentSource:
    folder = source / "doc"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    [document] = discover(source).documents
    return document


def _by_html_path(document: DocumentSource, context: ReadContext, monkeypatch: pytest.MonkeyPatch) -> Content:
    """The document read as before: its outline left to the HTML repairs."""
    with monkeypatch.context() as patched:
        patched.setattr(govpress.render, "PageOutline", lambda: None)
        return read_document(document, context)


def _same_page(document: DocumentSource, context: ReadContext, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, html = read_document(document, context), _by_html_path(document, context, monkeypatch)
    assert (tree.body, tree.title, tree.headings) == (html.body, html.title, html.headings), document.folder
    assert {p.message for p in tree.problems} == {p.message for p in html.problems} | _skips(html), document.folder


def _skips(content: Content) -> set[str]:
    """The heading-level skip the site check reported for ``content`` before (its reader reports it now): the page
    given no source, so that the check does not take it for a document."""
    page = Page(content.output, f"<html><title>t</title><main>{content.body}</main></html>", "t")
    facts = {str(content.output): page_facts(str(page.content))}
    found = check_site([page], facts, [], source_headings={str(content.output): content.headings})
    return {p.message for p in found if p.message.startswith("heading levels skip")}


def test_corpus_documents_publish_the_same_pages(corpus_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = discover(corpus_source).documents
    assert documents
    for document in documents:
        _same_page(document, _context(corpus_source), monkeypatch)


def test_example_documents_publish_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_site(tmp_path / "example")
    source = tmp_path / "example" / "source"
    documents = discover(source).documents
    assert documents
    for document in documents:
        _same_page(document, _context(source), monkeypatch)


CASES = {
    "one h1, an empty one dropped": {"01-a.md": "# ![](x.png)\n\n# Title\n\n# Second\n\n#### Deep\n"},
    "an empty h1's id goes with it": {"01-a.md": "# ![](x.png) {#t}\n\n# T {#t}\n\n## A {#t}\n"},
    "no h1: the title's": {"01-a.md": "### Starts deep\n\n#### Deeper\n\n## Back\n"},
    "a kicker": {"01-a.md": "#### Kicker\n\n# Title\n\n### Skip\n\n### Skip {#skip}\n"},
    "kept HTML with an id: the HTML path": {"01-a.md": '# T\n\nSee <a id="x">x</a>.\n\n#### Deep {#x}\n'},
    "two files": {"01-a.md": "# Title\n\n## Part {#p}\n", "02-b.md": "## Part {#p}\n\n#### Deep\n"},
}


@pytest.mark.parametrize("files", CASES.values(), ids=list(CASES))
def test_documents_publish_the_same_pages(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_page(_document(tmp_path / "source", files), _context(tmp_path / "source"), monkeypatch)


def test_a_page_with_no_h1_gets_its_title(tmp_path: Path) -> None:
    source = tmp_path / "source"
    content = read_document(_document(source, {"01-a.md": "## Part\n"}), _context(source))
    assert content.body.startswith('<h1 class="govuk-heading-xl">doc</h1>\n<div class="section">\n<h2 id="part">')


def test_a_skip_is_reported_at_the_heading_line_not_where_its_text_first_appears(tmp_path: Path) -> None:
    source = tmp_path / "source"
    files = {"01-a.md": "# Title\n\nWe go Deeper here.\n", "02-b.md": "Text.\n\n### Deeper\n\n#### Deepest\n"}
    content = read_document(_document(source, files), _context(source))
    [skip] = [p for p in content.problems if p.message.startswith("heading levels skip")]
    assert (skip.message, skip.path, skip.line) == (
        "heading levels skip: h1 → h3 at 'Deeper'",
        str(source / "doc" / "02-b.md"),
        3,
    )


def test_the_site_check_leaves_documents_to_their_readers(tmp_path: Path) -> None:
    source = tmp_path / "source"
    document = _document(source, {"01-a.md": "# Title\n\n### Deeper\n"})
    content = read_document(document, _context(source))
    page = Page(content.output, f"<html><title>T</title><main>{content.body}</main></html>", "T", content.source)
    facts = {str(content.output): page_facts(str(page.content))}
    assert check_site([page], facts, [], source_headings={str(content.output): content.headings}) == []
    html_page = Page(PurePosixPath("b/index.html"), page.content, "T", source / "b.html")
    facts = {"b/index.html": page_facts(str(page.content))}
    [problem] = check_site([html_page], facts, [], source_headings={"b/index.html": ((1, "Title"), (3, "Deeper"))})
    assert problem.message == "heading levels skip: h1 → h3 at 'Deeper'"
