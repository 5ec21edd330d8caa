"""The Nu Html Checker finds no error on any page of the built sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.site_checks import html_pages, report, vnu_errors
from support.tools import ValidatorTools


@pytest.mark.vnu
@pytest.mark.slow
def test_every_page_is_valid_html(built_site: Path, vnu_tools: ValidatorTools) -> None:
    assert html_pages(built_site), f"no HTML pages were built in {built_site}"
    assert built_site / "search" / "index.html" in html_pages(built_site), "the search page (A to Z) is checked too"
    found = vnu_errors(built_site, vnu_tools)
    assert not found, report(f"Nu Html Checker errors in {built_site}", found)
