"""axe-core (WCAG 2.2 A/AA) finds no violation on any page of the built sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.axe import AxeChecker
from support.site_checks import axe_violations, html_pages, report


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_passes_axe(built_site: Path, axe_checker: AxeChecker) -> None:
    assert html_pages(built_site), f"no HTML pages were built in {built_site}"
    assert built_site / "search" / "index.html" in html_pages(built_site), "the search page (A to Z) is checked too"
    found = axe_violations(built_site, axe_checker)
    assert not found, report(f"axe-core WCAG 2.2 A/AA violations in {built_site}", found)
