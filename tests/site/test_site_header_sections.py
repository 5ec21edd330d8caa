"""The header's sections list is capped (``header_sections``): the first ones, then a link to a page listing all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.settings.config import load_config
from govpress.site.settings.files import CONFIG_NAME

NAVIGATION = re.compile(r'<ul class="govuk-service-navigation__list" id="navigation">(.*?)</ul>', re.DOTALL)
LINK = re.compile(r'<a class="govuk-service-navigation__link" href="([^"]*)"[^>]*>(?:<strong[^>]*>)?([^<]*)<')


def _site(root: Path, sections: int, settings: str = "", home: bool = False) -> Path:
    project = root / "site"
    for number in range(sections):
        folder = project / "source" / f"s{number}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f"# Section {number}\n\nAbout section {number}.\n", encoding="utf-8")
    if home:
        (project / "source" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (project / CONFIG_NAME).write_text(f'site_name = "Estate"\nsearch = false\n{settings}', encoding="utf-8")
    return project


def _header(page: Path) -> list[tuple[str, str]]:
    found = NAVIGATION.search(page.read_text(encoding="utf-8"))
    assert found is not None, f"{page} has no sections list"
    return LINK.findall(found.group(1))


def test_a_site_within_the_limit_lists_every_section(tmp_path: Path) -> None:
    project = _site(tmp_path, 3, "header_sections = 3\n")
    report = build_site(project, generators=())
    assert _header(project / "_site" / "s0" / "index.html") == [(f"/s{n}/", f"Section {n}") for n in range(3)]
    assert not (project / "_site" / "sections").exists()
    assert not report.problems


def test_above_the_limit_the_header_links_to_the_root_index_govpress_writes(tmp_path: Path) -> None:
    project = _site(tmp_path, 5, "header_sections = 3\n")
    report = build_site(project, generators=())
    out = project / "_site"
    assert _header(out / "s4" / "index.html") == [("/s0/", "Section 0"), ("/s1/", "Section 1"), ("/", "All sections")]
    root = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="/s{n}/">Section {n}</a>' in root for n in range(5)), "the root index lists them all"
    assert not (out / "sections").exists()
    assert not report.problems


def test_with_its_own_home_page_the_site_gets_a_page_listing_every_section(tmp_path: Path) -> None:
    project = _site(tmp_path, 5, "header_sections = 4\n", home=True)
    (project / "source" / "s0" / "inner").mkdir()
    (project / "source" / "s0" / "inner" / "index.md").write_text("# Inner\n\nInside.\n", encoding="utf-8")
    report = build_site(project, generators=())
    out = project / "_site"
    expected = [*((f"/s{n}/", f"Section {n}") for n in range(3)), ("/sections/", "All sections")]
    assert _header(out / "index.html") == expected
    listing = (out / "sections" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="govuk-heading-xl">All sections</h1>' in listing
    assert all(f'href="/s{n}/">Section {n}</a>' in listing for n in range(5))
    assert "/s0/inner/" not in listing, "the sections only: a big site's pages are listed on the sections' own pages"
    assert 'href="/sections/" aria-current="page"' in listing, "the header marks the page it is on"
    assert "Welcome." in (out / "index.html").read_text(encoding="utf-8"), "the home page stays the source's"
    assert not report.problems


def test_configured_navigation_is_not_capped(tmp_path: Path) -> None:
    links = "".join(f'[[navigation]]\ntext = "S{n}"\npath = "/s{n}/"\n' for n in range(4))
    project = _site(tmp_path, 4, f"header_sections = 2\n{links}")
    build_site(project, generators=())
    assert [text for _, text in _header(project / "_site" / "s0" / "index.html")] == ["S0", "S1", "S2", "S3"]


def test_the_limit_is_at_least_two(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("header_sections = 1\n", encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        load_config(tmp_path)
    assert raised.value.problems[0].line == 1
