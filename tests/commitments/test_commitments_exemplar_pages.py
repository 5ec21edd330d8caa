"""Exemplar pages from ``exemplars.yaml``: one page per exemplar, its phase timeline, its service's figures (computed
here by hand from the example's data and savings settings)."""

from __future__ import annotations

import re
import shutil
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


def _figures(main: str) -> list[tuple[str, str, str]]:
    table = re.search(r'<table class="govuk-table exemplar-figures">.*?</table>', main, re.DOTALL)
    assert table is not None, "no figures table"
    row = re.compile(r'<th scope="row"[^>]*>(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>')
    return row.findall(table.group(0))


def test_exemplar_page_shows_its_service_figures(example_site: Path) -> None:
    """The example's 2025 rolling year for hch-housing-repairs: 15,680 transactions, 6,899 digital, £16.92 each, and
    the example's own [savings] settings (target 0.75, ratios digital 0.05, phone 0.4, phone share 0.7)."""
    main = _main(example_site / REPORTS / "exemplars" / "housing-repair-requests" / "index.html")
    volume, takeup, cost = 15680, 6899 / 15680, 16.92
    offline_ratio = 0.7 * 0.4 + 0.3
    unit = cost / (takeup * 0.05 + (1 - takeup) * offline_ratio)
    saving = volume * (0.75 - takeup) * unit * (offline_ratio - 0.05)
    period = "Jan 2025 to Dec 2025"
    assert _figures(main) == [
        ("Transactions per year", "15,680", period),
        ("Digital take-up", "44%", period),
        ("Total cost", "£265k", period),
        ("Cost per transaction", "£16.92", period),
        ("Estimated saving a year", f"£{saving:,.0f}", period),
    ]


def test_a_service_missing_from_the_data_is_a_located_warning(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    exemplars = project / "data" / "exemplars.yaml"
    text = exemplars.read_text(encoding="utf-8")
    exemplars.write_text(text.replace("service: hch-housing-repairs", "service: hch-roof-repairs"), encoding="utf-8")
    line = text.splitlines().index("  service: hch-housing-repairs") + 1
    report = build_site(project, tmp_path / "site")
    assert [(p.path, p.line, p.message) for p in report.problems] == [
        (
            str(exemplars),
            line,
            "exemplar 'housing-repair-requests': service 'hch-roof-repairs' is not in the site's performance data",
        )
    ]
    main = _main(tmp_path / "site" / REPORTS / "exemplars" / "housing-repair-requests" / "index.html")
    assert "service-details" not in main and "exemplar-figures" not in main
    assert "Its service (hch-roof-repairs) is not in this site's performance data yet." in main


def test_report_section_and_progress_page_use_the_file(example_site: Path) -> None:
    section = _main(example_site / REPORTS / "spring-26" / "index.html")
    assert (
        f'<a class="govuk-link" href="/{REPORTS}/exemplars/parking-permit-renewal/">'
        "Renew a residents&#39; parking permit</a></th>"
    ) in section
    progress = _main(example_site / REPORTS / "exemplars" / "index.html")
    assert f'href="/{REPORTS}/exemplars/parking-permit-renewal/"' in progress


def test_phases_are_in_the_site_language(tmp_path: Path) -> None:
    """A phase is interface text (marked in the reports model, translated on the page): Welsh on a Welsh site."""
    project = tmp_path / "example"
    new_site(project)
    shutil.rmtree(project / "source" / "cy")  # the whole site is in Welsh: no second language
    settings = project / "govpress.toml"
    text = re.sub(r"^language = .*$", 'language = "cy"', settings.read_text(encoding="utf-8"), flags=re.MULTILINE)
    settings.write_text(re.sub(r"^languages = .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    report = build_site(project, tmp_path / "site")
    assert not report.problems, [str(p) for p in report.problems]
    folder = tmp_path / "site" / REPORTS / "exemplars"
    phases: set[str] = set()
    for page in folder.glob("*/index.html"):
        phases |= set(re.findall(r'<td class="govuk-table__cell">([^<]+)</td>', _main(page)))
    assert {"Alffa", "Darganfod", "Byw"} <= phases
    assert not phases & {"Alpha", "Discovery", "Live"}
