"""The search in a real browser (Debian chromium through Playwright), on a site publishing the real services data,
served over HTTP on 127.0.0.1: type a query, get the obvious page first, the query kept as typed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from govpress.site.build import build_site
from support.axe import AxeChecker
from support.serve import Served, serve_folder
from support.site_checks import report

RESULTS = "#search-results-heading"
FIRST = ".govpress-search-results__item:first-child .govpress-search-results__title a"


@pytest.fixture(scope="module")
def served(real_services_out: Path) -> Iterator[Served]:
    with serve_folder(real_services_out) as site:
        yield site


def _agency_is(abbreviation: str) -> Callable[[str, str, Path], bool]:
    def check(title: str, href: str, out: Path) -> bool:
        page = (out / href.lstrip("/")).read_text(encoding="utf-8")
        return f"({abbreviation})</dd>" in page

    return check


# Each query, and what its first result must be (its title, link and the built site).
FIRST_RESULTS: dict[str, Callable[[str, str, Path], bool]] = {
    "DVLA": _agency_is("DVLA"),
    "passport": lambda title, href, out: "passport" in title.lower() and "/service-details/" in href,
    "register to vote": lambda title, href, out: title == "Voter registrations",
    "car tax": lambda title, href, out: title == "Vehicle tax renewals",
    "DfT": lambda title, href, out: title.startswith("Department for Transport"),
}


def _search(page: Any, served: Served, query: str) -> tuple[str, str]:
    page.goto(served.base_url + "search/")
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_selector(RESULTS, timeout=30_000)
    first = page.locator(FIRST)
    return first.inner_text(), str(first.get_attribute("href"))


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("query", list(FIRST_RESULTS))
def test_the_obvious_page_comes_first(
    query: str, served: Served, real_services_out: Path, axe_checker: AxeChecker
) -> None:
    page = axe_checker.new_page()
    try:
        title, href = _search(page, served, query)
        assert FIRST_RESULTS[query](title, href, real_services_out), (query, title, href)
        assert page.input_value("#search-query") == query
        assert parse_qs(urlsplit(page.url).query) == {"q": [query]}
        assert page.locator(".govpress-search-results__section").first.inner_text() == "Service performance"
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_header_box_opens_the_results_with_the_query_as_typed(served: Served, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        page.goto(served.base_url)
        page.fill("#header-search", "  Passport  ")
        page.press("#header-search", "Enter")
        page.wait_for_selector(RESULTS, timeout=30_000)
        assert urlsplit(page.url).path == "/search/"
        assert page.input_value("#search-query") == "  Passport  "
        assert "for \u2018  Passport  \u2019" in str(page.text_content(RESULTS))
        assert "passport" in page.locator(FIRST).inner_text().lower()
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_query_with_no_result_says_so_and_points_to_the_a_to_z(served: Served, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        page.goto(served.base_url + "search/?q=xylophonequartz")
        page.wait_for_selector(RESULTS, timeout=30_000)
        assert page.inner_text(RESULTS) == "0 results for \u2018xylophonequartz\u2019"
        assert page.inner_text("#search-status") == "0 results for \u2018xylophonequartz\u2019"
        assert page.locator("#a-to-z [data-section] a").count() > 700
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_results_page_passes_axe(served: Served, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        url = served.base_url + "search/?q=passport"
        page.goto(url)
        page.wait_for_selector(RESULTS, timeout=30_000)
        found = axe_checker.check_open(page, url)
        assert not found, report("axe-core violations on the search results", found)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_search_works_under_a_sub_path(example_project: Path, tmp_path: Path, axe_checker: AxeChecker) -> None:
    root = tmp_path / "root"
    build_site(example_project, root / "plan", base_url="/plan/")
    page = axe_checker.new_page()
    try:
        with serve_folder(root) as served:
            page.goto(served.base_url + "plan/")
            page.fill("#header-search", "parking permit")
            page.press("#header-search", "Enter")
            page.wait_for_selector(RESULTS, timeout=30_000)
            assert urlsplit(page.url).path == "/plan/search/"
            href = str(page.locator(FIRST).get_attribute("href"))
            assert href.startswith("/plan/"), href
            assert page.locator(".govpress-search-results__section").first.inner_text() != ""
            response = page.goto(served.base_url + href.lstrip("/"))
            assert response is not None and response.status == 200
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_welsh_sites_results_are_counted_in_welsh(welsh_example_out: Path, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        with serve_folder(welsh_example_out) as served:
            page.goto(served.base_url + "search/?q=xylophonequartz")
            page.wait_for_selector(RESULTS, timeout=30_000)
            assert page.inner_text(RESULTS) == "0 canlyniad ar gyfer \u2018xylophonequartz\u2019"
            assert page.inner_text("#search-results p").startswith("Gwiriwch y sillafu")
            page.goto(served.base_url + "search/?q=parking")
            page.wait_for_selector(RESULTS, timeout=30_000)
            assert re.fullmatch(r"[1-9][0-9]* canlyniad ar gyfer \u2018parking\u2019", page.inner_text(RESULTS))
    finally:
        page.close()
