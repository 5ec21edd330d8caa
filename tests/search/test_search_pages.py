"""The search page (/search/): its form works without JavaScript and leads to every page, A to Z by section."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from govpress.search.pages import OTHER_PAGES, Listed, grouped, page_title, script_text, searchable
from govpress.site.build import build_site
from govpress.site.layout.templates import Breadcrumb
from govpress.site.new import new_site
from govpress.site.structure.pages import Page


class _Links(HTMLParser):
    """The search page's forms, and the A to Z: each section's name and links."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.inputs: list[dict[str, str]] = []
        self.labels: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(found)
        elif tag == "input":
            self.inputs.append(found)
        elif tag == "label":
            self.labels.append(found.get("for", ""))
        elif tag == "ul" and "data-section" in found:
            self._section = found["data-section"]
            self.sections[self._section] = []
        elif tag == "a" and self._section is not None:
            self.sections[self._section].append(found["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._section = None


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _url(out: Path, path: Path) -> str:
    relative = path.relative_to(out).as_posix()
    return "/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def _searchable_urls(out: Path) -> set[str]:
    pages = [Page(PurePosixPath(p.relative_to(out).as_posix()), p.read_text("utf-8")) for p in out.rglob("*.html")]
    return {page.url for page in pages if searchable(page)}


@pytest.mark.parametrize("site", ["example_out", "corpus_out"])
def test_the_a_to_z_lists_every_searchable_page_once(site: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(site)
    listed = [href for hrefs in _parsed(out / "search" / "index.html").sections.values() for href in hrefs]
    assert len(listed) == len(set(listed))
    assert set(listed) == _searchable_urls(out)
    assert "/search/" not in listed and "/404.html" not in listed


def test_the_a_to_z_is_grouped_by_the_header_sections_in_order(example_out: Path) -> None:
    page = (example_out / "search" / "index.html").read_text(encoding="utf-8")
    header = re.findall(r'class="govuk-service-navigation__link" href="([^"]+)">([^<]+)</a></li>', page)
    sections = _parsed(example_out / "search" / "index.html").sections
    assert list(sections) == [text for _, text in header if text in sections] + (
        [OTHER_PAGES] if OTHER_PAGES in sections else []
    )
    assert len(sections) >= 2, sections
    for href, text in header:
        assert all(link.startswith(href) for link in sections.get(text, []))
    for links in sections.values():
        titles = re.findall(r'<li><a class="govuk-link" href="[^"]+">([^<]+)</a></li>', page)
        assert titles, links


def test_the_titles_are_a_to_z_within_each_section(example_out: Path) -> None:
    page = (example_out / "search" / "index.html").read_text(encoding="utf-8")
    for block in re.findall(r"<ul class=\"govuk-list\" data-section=\"[^\"]+\">(.*?)</ul>", page, re.DOTALL):
        titles = re.findall(r">([^<]+)</a></li>", block)
        assert titles == sorted(titles, key=str.casefold)


def test_the_form_works_without_javascript(example_out: Path) -> None:
    parsed = _parsed(example_out / "search" / "index.html")
    own = next(form for form in parsed.forms if form.get("id") == "search-form")
    assert own["action"] == "/search/" and own["method"] == "get" and own["role"] == "search"
    query = next(field for field in parsed.inputs if field.get("id") == "search-query")
    assert query["name"] == "q" and "search-query" in parsed.labels
    assert "<noscript>" in (example_out / "search" / "index.html").read_text(encoding="utf-8")


def test_every_page_has_the_search_box_in_its_header(example_out: Path) -> None:
    for path in example_out.rglob("*.html"):
        parsed = _parsed(path)
        header = [form for form in parsed.forms if "govpress-header-search" in form.get("class", "")]
        assert len(header) == 1, path
        assert header[0]["action"] == "/search/" and header[0]["method"] == "get"
        assert any(field.get("id") == "header-search" and field.get("name") == "q" for field in parsed.inputs)
        assert "header-search" in parsed.labels


def test_search_false_builds_no_search(tmp_path: Path) -> None:
    project = tmp_path / "project"
    new_site(project)
    settings = project / "govpress.toml"
    settings.write_text("search = false\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    out = build_site(project, tmp_path / "out").out
    assert not (out / "search").exists() and not (out / "pagefind").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "govpress-header-search" not in home and "search.css" not in home


def test_a_page_is_searchable_unless_it_is_an_error_page_the_search_page_or_noindex() -> None:
    page = "<html><head>{head}<title>T - Site</title></head><body><main><h1>T</h1></main></body></html>"
    assert searchable(Page(PurePosixPath("a/index.html"), page.format(head="")))
    assert not searchable(Page(PurePosixPath("404.html"), page.format(head="")))
    assert not searchable(Page(PurePosixPath("digital/error.html"), page.format(head="")))
    assert not searchable(Page(PurePosixPath("search/index.html"), page.format(head="")))
    assert not searchable(Page(PurePosixPath("a.html"), page.format(head='<meta name="robots" content="noindex">')))
    assert not searchable(Page(PurePosixPath("a.css"), b"body{}"))
    assert page_title(Page(PurePosixPath("a.html"), page.format(head="")), "Site") == "T"
    assert page_title(Page(PurePosixPath("b/index.html"), "<p>no title</p>"), "Site") == "/b/"


def test_pages_go_to_the_longest_section_that_holds_them() -> None:
    navigation = [
        Breadcrumb(text="Plan", href="/plan/"),
        Breadcrumb(text="Outside", href="https://example.org/"),
        Breadcrumb(text="Actions", href="/plan/actions/"),
    ]
    listed = [Listed("b", "/plan/b/"), Listed("A", "/plan/actions/01/"), Listed("Home", "/"), Listed("a", "/plan/")]
    sections = grouped(listed, navigation)
    assert [(s["name"], [p["text"] for p in s["pages"]]) for s in sections] == [
        ("Plan", ["a", "b"]),
        ("Actions", ["A"]),
        (OTHER_PAGES, ["Home"]),
    ]
    assert [s["id"] for s in sections] == ["section-1", "section-2", "section-3"]


def test_a_section_holds_its_own_page_and_the_pages_of_its_folder_only() -> None:
    navigation = [
        Breadcrumb(text="Plan", href="/plan/"),
        Breadcrumb(text="Plan again", href="/plan/"),  # the same section twice: the first link names it
        Breadcrumb(text="Guide", href="/guide.html"),
        Breadcrumb(text="Home", href="/"),
    ]
    listed = [
        Listed("Planning", "/planning/"),  # not in /plan/: a section is a folder, not a prefix of a name
        Listed("Guide", "/guide.html"),
        Listed("Guide's part", "/guide.html/part/"),  # a page is not a folder
        Listed("Deep", "/plan/a/b/c/"),
    ]
    sections = grouped(listed, navigation)
    assert [(s["name"], [p["text"] for p in s["pages"]]) for s in sections] == [
        ("Plan", ["Deep"]),
        ("Guide", ["Guide"]),
        ("Home", ["Guide's part", "Planning"]),
    ]


def _script_text(out: Path) -> dict[str, object]:
    page = (out / "search" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'id="search-results"[^>]* data-text="([^"]*)"', page)
    assert found is not None, "the results region carries the script's text"
    text: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return text


def test_the_script_text_is_english_on_an_english_site(example_out: Path) -> None:
    text = _script_text(example_out)
    assert text == json.loads(script_text("en"))
    assert text["results"] == {
        "one": "%(num)s result for \u2018%(query)s\u2019",
        "other": "%(num)s results for \u2018%(query)s\u2019",
    }
    assert text["none"] == "Check the spelling, use fewer or other words, or find the page in the A to Z below."


def test_a_welsh_sites_search_page_gives_the_script_welsh_text(welsh_example_out: Path) -> None:
    text = _script_text(welsh_example_out)
    results = text["results"]
    assert isinstance(results, dict)
    assert set(results) == {"zero", "one", "two", "few", "many", "other"}, "every CLDR category of Welsh"
    assert set(results.values()) == {"%(num)s canlyniad ar gyfer \u2018%(query)s\u2019"}
    assert str(text["none"]).startswith("Gwiriwch y sillafu")
    assert str(text["more"]).startswith("Yn dangos y %(num)s cyntaf")
    assert str(text["unavailable"]).startswith("Nid yw\u2019r chwilio ar gael")


def _plain_site(folder: Path) -> Path:
    (folder / "source" / "guides").mkdir(parents=True)
    (folder / "govpress.toml").write_text('site_name = "Plain"\n', encoding="utf-8")
    (folder / "source" / "index.md").write_text("# Plain\n\nSee [the guide](/guides/).\n", encoding="utf-8")
    (folder / "source" / "guides" / "index.md").write_text("# Guide\n\nA guide.\n", encoding="utf-8")
    return folder


def test_the_search_page_is_kept_while_it_lists_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It lists every page (10,000 links on a site of 10,000 pages): made again only when a page it lists appears,
    goes or changes its title, or its layout changed; else the last build's file stays, byte for byte what a build
    from nothing makes."""
    from govpress.search import pages

    made: list[int] = []
    real = pages._search_page

    def making(listed: Sequence[Listed], *arguments: Any) -> str:
        made.append(len(listed))
        return real(listed, *arguments)

    monkeypatch.setattr(pages, "_search_page", making)
    project = _plain_site(tmp_path / "plain")
    search_page = project / "_site" / "search" / "index.html"
    build_site(project)
    assert made == [2]
    guide = project / "source" / "guides" / "index.md"
    guide.write_text("# Guide\n\nA guide, changed.\n", encoding="utf-8")
    build_site(project)
    assert made == [2], "the same pages listed: the page was kept"
    guide.write_text("# Guide to forms\n\nA guide, changed.\n", encoding="utf-8")
    build_site(project)
    assert made == [2, 2] and "Guide to forms" in search_page.read_text(encoding="utf-8"), "a title changed"
    (project / "source" / "more").mkdir()
    (project / "source" / "more" / "index.md").write_text("# More\n\nMore.\n", encoding="utf-8")
    build_site(project)
    assert made[2:] == [3], "a page more"
    (project / "source" / "more" / "index.md").unlink()
    build_site(project)
    assert made[3:] == [2], "a page less"
    settings = project / "govpress.toml"
    settings.write_text('site_name = "Renamed"\n', encoding="utf-8")
    build_site(project)
    kept = search_page.read_bytes()
    assert len(made) == 5 and b"Renamed" in kept, "its layout changed (the site's name in the header): made again"
    fresh = _plain_site(tmp_path / "fresh")
    (fresh / "source" / "guides" / "index.md").write_text(guide.read_text(encoding="utf-8"), encoding="utf-8")
    settings.replace(fresh / "govpress.toml")
    build_site(fresh)
    assert (fresh / "_site" / "search" / "index.html").read_bytes() == kept


def test_the_search_page_s_key_does_not_depend_on_the_order_pages_come_in() -> None:
    """A build that changed a page lays that page's search shard out first: the pages come in another order, and the
    page (ordered by title and link) is the same."""
    from govpress.search.pages import search_page_key

    pages = [Listed("Beta", "/b/"), Listed("alpha", "/a/"), Listed("Alpha", "/c/")]
    assert search_page_key(pages, "env") == search_page_key(list(reversed(pages)), "env")
    assert search_page_key(pages, "env") != search_page_key(pages[:2], "env")
    assert search_page_key(pages, "env") != search_page_key([*pages[:2], Listed("Gamma", "/c/")], "env")
    assert search_page_key(pages, "env") != search_page_key(pages, "other layout")
    navigation = [Breadcrumb(text="Section", href="/")]
    assert grouped(pages, navigation) == grouped(list(reversed(pages)), navigation)
