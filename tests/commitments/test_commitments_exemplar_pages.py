"""Exemplar pages from ``exemplars.yaml``: one page per exemplar, its phase timeline, its service's figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from support.golden import check_golden

GOLDEN = Path(__file__).parent.parent / "fixtures" / "commitments" / "golden"
REPORTS = "digital/quarterly-reports"


def _main(path: Path) -> str:
    found = re.search(r"<main\b.*?</main>", path.read_text(encoding="utf-8"), re.DOTALL)
    assert found is not None, f"{path}: no <main>"
    return found.group(0)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exemplars")
    new_site(root / "example")
    report = build_site(root / "example", root / "site")
    assert not report.problems, [str(p) for p in report.problems]
    return root / "site"


def test_a_page_per_exemplar(example_site: Path) -> None:
    folder = example_site / REPORTS / "exemplars"
    pages = sorted(p.parent.name for p in folder.glob("*/index.html"))
    assert pages == [
        "housing-repair-requests",
        "library-help-booking",
        "mooring-renewal",
        "parking-permit-renewal",
        "pitch-booking",
    ]


def test_exemplar_page_golden(example_site: Path) -> None:
    main = _main(example_site / REPORTS / "exemplars" / "parking-permit-renewal" / "index.html")
    check_golden(GOLDEN / "exemplar-parking-permit-renewal.html", main)


def test_exemplar_page_links_its_service_figures(example_site: Path) -> None:
    main = _main(example_site / REPORTS / "exemplars" / "housing-repair-requests" / "index.html")
    assert 'href="/performance/service-details/hch-housing-repairs.html"' in main
    assert (example_site / "performance" / "service-details" / "hch-housing-repairs.html").is_file()
    without = _main(example_site / REPORTS / "exemplars" / "mooring-renewal" / "index.html")
    assert "service-details" not in without


def test_report_section_and_progress_page_use_the_file(example_site: Path) -> None:
    section = _main(example_site / REPORTS / "spring-26" / "index.html")
    assert (
        f'<a class="govuk-link" href="/{REPORTS}/exemplars/parking-permit-renewal/">'
        "Renew a residents&#39; parking permit</a></th>"
    ) in section
    progress = _main(example_site / REPORTS / "exemplars" / "index.html")
    assert f'href="/{REPORTS}/exemplars/parking-permit-renewal/"' in progress
