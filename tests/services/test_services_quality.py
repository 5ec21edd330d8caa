"""The explorer pages pass axe-core (WCAG 2.2 AA) and the Nu Html Checker: one page of every kind,
built from the made-up fixture (skips loudly when chromium, axe-core, java or vnu.jar is missing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.services.pages import build_service_pages
from support.axe import AxeChecker
from support.serve import serve_folder
from support.site_checks import report
from support.tools import validator_tools
from support.vnu import validate_html

PAGES = (
    "index.html",
    "about-data.html",
    "search.html",
    "a-z.html",
    "departments/by-cost/ascending.html",
    "high-volume-services/by-digital-takeup/descending.html",
    "department/def/by-name/ascending.html",
    "service-details/def-service-7.html",
    "service-details/abc-service-3.html",
)


@pytest.fixture(scope="module")
def explorer_site(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("explorer-quality")
    source = shared_dir / "data" / "transactions-explorer" / "test" / "features" / "fixtures" / "services-test.csv"
    build_service_pages(source, out)
    return out


@pytest.mark.vnu
def test_explorer_pages_are_valid_html(explorer_site: Path) -> None:
    found = validate_html([explorer_site / page for page in PAGES], validator_tools())
    assert not found, report("Nu Html Checker errors in the explorer pages", found)


@pytest.mark.browser
def test_explorer_pages_pass_axe(explorer_site: Path, axe_checker: AxeChecker) -> None:
    with serve_folder(explorer_site) as served:
        found = [v for page in PAGES for v in axe_checker.check(served.url_for(explorer_site / page))]
    assert not found, report("axe-core violations in the explorer pages", found)
