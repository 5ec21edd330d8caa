"""The pagefind index: every searchable page of every kind, its title and text without the page's boilerplate; the
same bytes from two builds; pagefind imported only when a build indexes."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pytest

from govpress.search import index as index_module
from govpress.search.pages import searchable
from govpress.site.build import build_site
from govpress.site.structure.pages import Page
from support.pagefind_index import indexed_pages

# One page of each kind, by site, with a word its indexed text must hold.
EXAMPLE_KINDS = {
    "/digital/strategy/": "document",  # a Markdown document
    "/digital/quarterly-reports/spring-26/": "report",  # a quarterly report
    "/digital/strategy/actions/01/": "action",  # commitments: an action's responses
    "/digital/strategy/organisations/parks-department/": "organisation",  # commitments: an organisation's
    "/digital/strategy/commitments/": "matrix",  # commitments: the matrix
    "/performance/": "explorer",  # the services explorer's home
    "/performance/a-z.html": "explorer",
    "/performance/dashboards/parking-permits.html": "dashboard",
}
CORPUS_KINDS = {
    "/digital/strategy/": "document",
    "/digital/strategy/actions/05/": "department response",
    "/digital/strategy/organisations/department-for-transport/": "organisation",
    "/digital/strategy/case-studies/fast-stream/": "case study",
    "/digital/quarterly-reports/october-13/": "quarterly report",
    "/digital/efficiency/": "report",
    "/digital/": "home page",
}


def _searchable(out: Path) -> set[str]:
    pages = [Page(PurePosixPath(p.relative_to(out).as_posix()), p.read_text("utf-8")) for p in out.rglob("*.html")]
    return {page.url for page in pages if searchable(page)}


@pytest.mark.parametrize(("site", "kinds"), [("example_out", EXAMPLE_KINDS), ("corpus_out", CORPUS_KINDS)])
def test_the_index_holds_every_searchable_page_of_every_kind(
    site: str, kinds: dict[str, str], request: pytest.FixtureRequest
) -> None:
    out: Path = request.getfixturevalue(site)
    indexed = indexed_pages(out)
    assert set(indexed) == _searchable(out)
    for url, kind in kinds.items():
        assert url in indexed, f"no {kind} page in the index: {url}"
        assert indexed[url].title and indexed[url].content, (kind, indexed[url])
    assert "/search/" not in indexed and "/404.html" not in indexed


def test_an_explorer_service_page_is_indexed_with_its_title_and_abbreviations(example_out: Path) -> None:
    indexed = indexed_pages(example_out).items()
    services = {url: page for url, page in indexed if "/service-details/" in url and url.endswith(".html")}
    services = {url: page for url, page in services.items() if not url.endswith("/dashboard.html")}
    assert services
    for page in services.values():
        assert page.title and page.meta.get("abbr"), page


def test_the_header_footer_and_boilerplate_are_not_indexed(example_out: Path) -> None:
    for page in indexed_pages(example_out).values():
        for boilerplate in ("Skip to main content", "Open Government Licence", "Last updated", "Search this site"):
            assert boilerplate not in page.content, (page.url, boilerplate)


def test_the_other_sort_orders_of_a_table_are_not_indexed(example_out: Path) -> None:
    indexed = indexed_pages(example_out)
    tables = [url for url in indexed if "/by-" in url]
    assert tables and all(url.endswith("/by-transactions-per-year/descending.html") for url in tables)


def test_two_builds_into_different_folders_give_the_same_bytes(example_project: Path, tmp_path: Path) -> None:
    first = build_site(example_project, tmp_path / "one" / "_site").out
    second = build_site(example_project, tmp_path / "elsewhere" / "out").out
    index = sorted(p.relative_to(first).as_posix() for p in (first / "pagefind").rglob("*") if p.is_file())
    assert index and "pagefind/pagefind.js" in index and any(name.endswith(".pf_fragment") for name in index)
    assert not [name for name in index if name.startswith("pagefind/pagefind-ui")]
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)


def test_an_unchanged_build_writes_no_index_file_again(example_project: Path, tmp_path: Path) -> None:
    out = build_site(example_project, tmp_path / "_site").out
    before = {p: p.stat().st_mtime_ns for p in (out / "pagefind").rglob("*") if p.is_file()}
    build_site(example_project, out)
    assert {p: p.stat().st_mtime_ns for p in (out / "pagefind").rglob("*") if p.is_file()} == before


def test_an_index_made_from_the_same_pages_is_kept_without_running_pagefind(
    example_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = build_site(example_project, tmp_path / "_site").out
    files = {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    ran: list[int] = []
    original = index_module._run

    def counting(pages: Sequence[tuple[str, bytes]], primary: bool, language: str) -> dict[str, bytes]:
        ran.append(len(pages))
        return {}

    monkeypatch.setattr(index_module, "_run", counting)
    build_site(example_project, out)
    assert not ran and {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()} == files
    removed = next(iter(files))
    removed.unlink()  # a file of the index missing: indexed again
    monkeypatch.setattr(index_module, "_run", original)
    build_site(example_project, out)
    assert removed.read_bytes() == files[removed]


def test_pagefind_is_imported_only_when_a_build_indexes() -> None:
    code = "import sys, govpress.cli, govpress.site.build; print('pagefind' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
