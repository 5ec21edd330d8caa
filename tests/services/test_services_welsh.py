"""The performance explorer and the dashboards on a Welsh site (``language = "cy"``): the text govpress makes in
Python (titles, breadcrumbs, column names, captions, KPI names, periods, notes, dashboard headings) is Welsh; the
data (service, department and dashboard names) stays as given. The English output is pinned by the golden files."""

from __future__ import annotations

import re

import pytest

from govpress.site.build import build_site
from support.welsh import page_text, welsh_example

# Interface text the explorer and dashboards make in Python, in English (none may be left on a Welsh page).
ENGLISH = (
    "Service performance",
    "High-volume services",
    "Transactions per year",
    "Transactional service",
    "Total cost",
    "Cost per transaction",
    "Digital take-up",
    "Agency or body",
    "No data",
    "About the data",
    "Services A to Z",
    "Search services",
    "by 12-month period",
    "Transactions per quarter",
    "Period",
    "Quarter",
    "ascending",
    "descending",
    "Data received for",
    "latest data not provided",
    "See the dashboard",
    "its figures as charts",
    "Not the newest period",
    "Latest completion rate",
    "Latest user satisfaction",
    "(increase)",
    "(decrease)",
    "(no change)",
)
ENGLISH_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:to|\d{4})\b")
WELSH = {
    "index.html": ["Perfformiad gwasanaethau"],
    "high-volume-services/by-transactions-per-year/descending.html": [
        "Gwasanaeth trafodiadol",
        "Trafodion y flwyddyn",
        "Gwasanaethau cyfaint uchel, yn ôl trafodion y flwyddyn (disgynnol)",
        "wedi\u2019i drefnu disgynnol",
    ],
    "service-details/hch-housing-repairs.html": ["Ion 2025 i Rhag 2025", "Trafodion y flwyddyn, fesul cyfnod 12 mis"],
    "service-details/hch-housing-repairs/dashboard.html": [
        "Trafodion fesul chwarter",
        "Gorff i Medi 2025",
        "(cynnydd)",
    ],
    "dashboards/index.html": ["Dangosfyrddau"],
    "dashboards/parking-permits.html": ["Cyfradd cwblhau ddiweddaraf", "5 Ion 2026", "Sianel"],
}


@pytest.fixture(scope="module")
def welsh_performance(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The visible text of every explorer and dashboard page of the example built as a Welsh site."""
    root = tmp_path_factory.mktemp("welsh-explorer")
    project = root / "example"
    welsh_example(project)
    report = build_site(project, root / "out")
    assert report.errors == [], [str(p) for p in report.errors]
    folder = root / "out" / "performance"
    pages = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}
    assert all('<html lang="cy"' in html for html in pages.values())
    return {name: page_text(html) for name, html in pages.items()}


def test_no_english_interface_text_is_left_on_the_explorer_and_dashboards(welsh_performance: dict[str, str]) -> None:
    assert len(welsh_performance) > 50
    for name, text in welsh_performance.items():
        left = [english for english in ENGLISH if re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)]
        assert left == [], f"{name} shows English interface text: {left}"
        assert not ENGLISH_MONTH.search(text), f"{name} writes a period in English: {ENGLISH_MONTH.search(text)}"


def test_the_explorer_and_dashboards_speak_welsh(welsh_performance: dict[str, str]) -> None:
    for name, expected in WELSH.items():
        text = welsh_performance[name]
        missing = [welsh for welsh in expected if welsh not in text]
        assert missing == [], f"{name} lacks {missing}"


def test_the_data_stays_as_given(welsh_performance: dict[str, str]) -> None:
    assert "Council housing repair requests" in welsh_performance["service-details/hch-housing-repairs.html"]
    assert "Residents' parking permits" in welsh_performance["dashboards/parking-permits.html"]
