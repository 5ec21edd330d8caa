"""The commitments pages: native and legacy sources give the same action pages; matrix and organisation pages."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.native.load import load_native
from govpress.commitments.native.write import write_native
from govpress.commitments.pages.generate import commitments_output
from govpress.commitments.pages.output import CommitmentsOutput
from govpress.commitments.reports.load import load_reports
from govpress.render import render_html_includes
from govpress.site.structure.pages import Page
from support.golden import check_golden

FIXTURES = Path(__file__).parent.parent / "fixtures" / "commitments"
NATIVE = FIXTURES / "native"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each element kind we look at, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: list[tuple[str, str]] = []
        self.open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in {"br", "meta", "link", "img", "input"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open and data.strip():
            self.texts.append((self.open[-1], data.strip()))

    def with_class(self, tag: str, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and name in a.get("class", "").split()]

    def find(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


def _titled(page: Page, start: str) -> bool:
    return page.title is not None and page.title.startswith(start)


def _pages(output: CommitmentsOutput) -> dict[str, str]:
    return {page.url: page.text for page in output.pages}


def test_native_and_legacy_give_the_same_action_pages(corpus_dir: Path, tmp_path: Path) -> None:
    legacy = load_legacy(corpus_dir)
    write_native(legacy, tmp_path)
    from_legacy = _pages(commitments_output(legacy))
    from_native = _pages(commitments_output(load_native(tmp_path)))
    action_urls = [url for url in from_legacy if "/actions/" in url]
    assert len(action_urls) == 15
    assert from_native == from_legacy


def test_action_pages_keep_the_legacy_markup(corpus_source: Path, corpus_dir: Path) -> None:
    """Same departments, crest classes, statements' links and navigation as the legacy partial rendered."""
    page = corpus_source / "digital/strategy/actions/05/index.html"
    legacy = Elements(render_html_includes(page.read_text(encoding="utf-8"), path=page, source_dir=corpus_source).html)
    ours = Elements(_pages(commitments_output(load_legacy(corpus_dir)))["/digital/strategy/actions/05/"])
    assert len(ours.with_class("div", "department")) == len(legacy.with_class("div", "department")) == 18
    assert [h["class"] for h in ours.find("h2") if h.get("class", "").startswith("logo-")] == [
        h["class"] for h in legacy.find("h2") if h.get("class", "").startswith("logo-")
    ]
    assert len(ours.with_class("span", "organisation-logo")) == 18
    assert len(ours.with_class("div", "statement")) == 18

    def outside_links(parsed: Elements) -> list[str]:
        return [a["href"] for a in parsed.find("a") if a.get("href", "").startswith("http")]

    assert outside_links(ours) == outside_links(legacy)
    assert [a["title"] for a in ours.find("a") if "title" in a] == [
        a["title"] for a in legacy.find("a") if "title" in a
    ]


def test_actions_index(corpus_dir: Path) -> None:
    html = _pages(commitments_output(load_legacy(corpus_dir)))["/digital/strategy/actions/"]
    parsed = Elements(html)
    action_links = {a["href"] for a in parsed.find("a") if a.get("href", "").startswith("/digital/strategy/actions/")}
    assert len(action_links - {"/digital/strategy/actions/"}) == 14
    assert len([a for a in parsed.find("a") if a.get("href", "").startswith("/digital/strategy/organisations/")]) >= 18
    assert "1 response published." in html
    assert "17 responses published, 1 awaited." in html
    assert next(t for tag, t in parsed.texts if tag == "h2") == "Principle: Improve departmental digital leadership"


def test_first_and_last_actions_link_one_way(corpus_dir: Path) -> None:
    pages = _pages(commitments_output(load_legacy(corpus_dir)))
    first = Elements(pages["/digital/strategy/actions/01/"])
    last = Elements(pages["/digital/strategy/actions/14/"])
    assert {a["title"] for a in first.find("a") if "title" in a} == {"Next action"}
    assert {a["title"] for a in last.find("a") if "title" in a} == {"Previous action"}


def test_matrix_page_is_an_accessible_table(corpus_dir: Path) -> None:
    pages = _pages(commitments_output(load_legacy(corpus_dir)))
    matrix = Elements(pages["/digital/strategy/commitments/"])
    assert len(matrix.find("caption")) == 1
    headers = matrix.find("th")
    assert sum(h.get("scope") == "col" for h in headers) == 1 + 14
    assert sum(h.get("scope") == "row" for h in headers) == 18
    assert len(matrix.find("td")) == 18 * 14
    links = [a for a in matrix.find("a") if "/actions/" in a["href"] and "#response-" in a["href"]]
    statuses = [text for tag, text in matrix.texts if tag == "span" and text in {"Responded", "Awaiting response"}]
    assert statuses.count("Awaiting response") == 13
    assert len(statuses) == len(links) == 235
    hrefs = {a["href"] for a in matrix.find("a")}
    assert "/digital/strategy/actions/04/#response-cabinet-office" in hrefs
    assert "/digital/strategy/commitments/commitments.json" in hrefs


OURS = ("/digital/strategy/actions/", "/digital/strategy/organisations/", "/digital/strategy/commitments/")


def test_every_internal_link_and_anchor_exists(corpus_dir: Path) -> None:
    reports = load_reports(corpus_dir, [FIXTURES / "legacy-overlay"])
    output = commitments_output(load_legacy(corpus_dir), reports)
    targets = {page.url for page in output.pages} | {file.url for file in output.files}
    ids: dict[str, set[str]] = {}  # a report's page gets its sections' ids too (exemplar services, navigation)
    for page in output.pages:
        ids.setdefault(page.url, set()).update(attrs["id"] for _, attrs in Elements(page.text).tags if "id" in attrs)
    checked = 0
    for page in output.pages:
        for link in Elements(page.text).find("a"):
            path, _, fragment = link["href"].partition("#")
            path = path or page.url
            if path not in targets and not path.startswith(OURS):
                continue
            assert path in targets, f"{page.url}: broken link {link['href']}"
            assert not fragment or fragment in ids.get(path, set()), f"{page.url}: missing anchor {link['href']}"
            checked += 1
    assert checked > 1000


def test_organisation_page(tmp_path: Path) -> None:
    output = commitments_output(load_native(NATIVE))
    html = _pages(output)["/digital/strategy/organisations/ministry-of-examples/"]
    parsed = Elements(html)
    assert len(parsed.find("caption")) == 1
    assert [h.get("scope") for h in parsed.find("th")] == ["col", "col", "col", "row", "row"]
    assert ("h1", "Ministry of Examples") in parsed.texts
    _golden("organisation-ministry-of-examples.html", html)
    _golden("action-01.html", _pages(output)["/digital/strategy/actions/01/"])


def test_open_data_files(corpus_dir: Path) -> None:
    output = commitments_output(load_legacy(corpus_dir), root=corpus_dir)
    files = {file.url: file for file in output.files}
    data = json.loads(files["/digital/strategy/commitments/commitments.json"].text)
    assert len(data["responses"]) == 235
    assert data["responses"][0]["source"].startswith("source/partials/departmentactions/_action01.md:")
    assert files["/digital/strategy/commitments/commitments.csv"].text.count("\n") > 235
    assert "reports" not in data


def test_open_data_includes_reports(corpus_dir: Path) -> None:
    reports = load_reports(corpus_dir, [FIXTURES / "legacy-overlay"])
    output = commitments_output(load_legacy(corpus_dir), reports, corpus_dir)
    data = json.loads(next(f.text for f in output.files if f.url.endswith("commitments.json")))
    assert [r["id"] for r in data["reports"]] == ["october-13", "july-13", "april-13"]


def test_reports_pages(corpus_dir: Path) -> None:
    reports = load_reports(corpus_dir, [FIXTURES / "legacy-overlay"])
    pages = _pages(commitments_output(load_legacy(corpus_dir), reports))
    listing = Elements(pages["/digital/quarterly-reports/"])
    titles = [text for tag, text in listing.texts if tag == "a" and text.startswith("Quarterly Progress Report")]
    assert titles == [f"Quarterly Progress Report {m} 2013" for m in ("October", "July", "April")]
    assert "/digital/quarterly-reports/july-13/#exemplar-services" in pages["/digital/quarterly-reports/"]
    progress = Elements(pages["/digital/quarterly-reports/exemplars/"])
    assert len(progress.with_class("table", "exemplar-progress")) == 1


def test_each_report_gets_a_section_for_its_own_page(corpus_dir: Path) -> None:
    """Not a page of its own: a fragment the site build adds to the report's page (which is a source page)."""
    reports = load_reports(corpus_dir, [FIXTURES / "legacy-overlay"])
    output = commitments_output(load_legacy(corpus_dir), reports)
    sections = {page.url: page.text for page in output.pages if page.section and _titled(page, "Exemplar")}
    navigation = {page.url for page in output.pages if page.section and _titled(page, "Navigation")}
    assert sorted(sections) == [f"/digital/quarterly-reports/{r}/" for r in ("april-13", "july-13", "october-13")]
    assert navigation == set(sections), "every report also gets its previous/next links"
    assert not [page for page in output.pages if page.url.endswith("-13/exemplars/")]
    july = Elements(sections["/digital/quarterly-reports/july-13/"])
    assert len(july.with_class("table", "exemplar-phases")) == 1
    assert len(july.with_class("div", "mc-chart")) == 1
    assert "<html" not in sections["/digital/quarterly-reports/july-13/"]
    _golden("july-13-section.html", sections["/digital/quarterly-reports/july-13/"])


def _golden(name: str, actual: str) -> None:
    check_golden(FIXTURES / "golden" / name, actual)


def test_named_exemplars_show_their_organisation_by_name(tmp_path: Path) -> None:
    from govpress.site.build import build_site
    from govpress.site.new import new_site

    project = tmp_path / "example"
    new_site(project)
    assert build_site(project, tmp_path / "out").problems == ()
    page = (tmp_path / "out" / "digital" / "quarterly-reports" / "spring-26" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="exemplar-services"') :]
    assert '<td class="govuk-table__cell">Harbour Authority</td>' in section
    assert ">harbour-authority<" not in section
