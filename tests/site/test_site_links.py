"""Whole-site link checks on small synthetic sites: every kind of link, and where the problem is reported."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from govpress.problems import Severity
from govpress.site.structure.facts import page_facts
from govpress.site.structure.pages import Page
from support.site_problems import check_site


def _page(output: str, main: str, source: Path | None = None, dependencies: tuple[Path, ...] = ()) -> Page:
    html = f"<html><head><title>T</title></head><body><main>{main}</main></body></html>"
    return Page(PurePosixPath(output), html, "T", source, dependencies)


def _check(*pages: Page, files: tuple[str, ...] = ()) -> list[str]:
    facts = {str(p.output): page_facts(str(p.content)) for p in pages}
    return [p.message for p in check_site(pages, facts, files)]


def test_good_links_pass() -> None:
    home = _page(
        "index.html",
        '<h1 id="top">Home</h1><a href="docs/">d</a><a href="docs">d</a><a href="/docs/#part">p</a>'
        '<a href="#top">t</a><img src="/assets/a.png"><a href="https://example.org/x">x</a><a href="mailto:a@b">m</a>',
    )
    docs = _page("docs/index.html", '<h1>Docs</h1><h2 id="part">Part</h2><a href="../">up</a>')
    assert _check(home, docs, files=("assets/a.png",)) == []


def test_broken_links_fragments_and_malformed_urls_are_warnings() -> None:
    page = _page(
        "a/index.html",
        '<h1>A</h1><a href="/missing">m</a><a href="#nowhere">n</a><a href="https:www.gov.uk/x">g</a>'
        '<img src="pic.png">',
    )
    messages = _check(page)
    assert messages == [
        "broken link '/missing': no such page or file",
        "broken link '#nowhere': no element with id 'nowhere' on a/index.html",
        "malformed link 'https:www.gov.uk/x' (no // after https:)",
        "broken link 'pic.png': no such page or file",
    ]


def test_problems_name_the_source_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text("# A\n\nSee [this](/missing).\n", encoding="utf-8")
    page = _page("index.html", '<h1>A</h1><a href="/missing">this</a>', source, (source,))
    facts = {"index.html": page_facts(str(page.content))}
    [problem] = check_site([page], facts, [])
    assert (problem.path, problem.line, problem.severity) == (str(source), 3, Severity.WARNING)


def test_skipped_heading_levels_and_missing_titles_are_reported() -> None:
    page = Page(
        PurePosixPath("index.html"), "<html><title> </title><main><h1>A</h1><h3>C</h3><h2>B</h2><h4>D</h4></main>"
    )
    messages = _check(page)
    assert messages == ["page / has no title", "heading levels skip: h1 → h3 at 'C' (and 1 more)"]


def test_page_facts_read_attributes_only_where_an_attribute_starts() -> None:
    html = (
        "<!DOCTYPE html><title>T</title><main><h1>T</h1>"
        '<a href="/a/" data-href="/not/">x</a><img src="/b.png" alt="">'
        '<a href="/c/?q=\' src=\'/inside/\'">y</a><p id="one" data-id="two" name=\'three\'>z</p></main>'
    )
    facts = page_facts(html)
    assert facts.links == ("/a/", "/b.png", "/c/?q=' src='/inside/'")
    assert facts.ids == frozenset({"one", "three"})
    assert facts.heading_levels == ((1, "T"),)


def test_page_facts_take_headings_from_main_only() -> None:
    html = "<title>T</title><h2>Header</h2><MAIN class=x><h1>Body</h1></MAIN><h2>Footer</h2>"
    assert page_facts(html).heading_levels == ((1, "Body"),)
    assert page_facts("<title>T</title><h1>No main</h1>").heading_levels == ((1, "No main"),)


def test_a_broken_link_on_a_generated_page_names_that_page() -> None:
    page = _page("index.html", '<h1>Home</h1><a href="/doc/">d</a>')
    facts = {"index.html": page_facts(str(page.content))}
    assert [str(p) for p in check_site([page], facts, ())] == [
        "index.html: warning: broken link '/doc/': no such page or file"
    ]


def test_links_that_run_code_or_name_a_local_file_say_so() -> None:
    page = _page("a/index.html", '<h1>A</h1><a href="javascript:go()">g</a><a href="file:///etc/passwd">p</a>')
    assert _check(page) == [
        "link 'javascript:go()' runs code: readers without JavaScript cannot follow it; link to a page instead",
        "link 'file:///etc/passwd' names a file on the machine that built the site: readers cannot follow it",
    ]
