"""The explorer's savings pages on tests/fixtures/services/savings-small.csv (figures hand-computed in
test_services_savings.py): overview, method, the savings column and its sort, the service box, the downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from govpress.services.pages import build_service_pages
from govpress.site.settings.config import SiteConfig, load_config

from .test_services_pages import TableCheck


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("savings-site")
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "services" / "savings-small.csv"
    build_service_pages(fixture, out)
    return out


def _text(path: Path) -> str:
    """The page's main content as text, one space between words."""
    page = path.read_text(encoding="utf-8")
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_overview_has_total_departments_grid_and_realised_chart(site: Path) -> None:
    page = site / "savings" / "index.html"
    text = _text(page)
    assert "government would save an estimated £425,519 a year" in text
    assert "Department of Savings £393,640 Office of Thrift £31,879" in text
    assert "82% £439,283 £439,283 £439,283 £439,283 £425,519 £0" in text
    assert "80% £416,623 £416,623 £416,623 £416,623 £403,303 £0" in text
    assert "Jan 2015 to Dec 2015 £102,200" in text
    html = page.read_text(encoding="utf-8")
    assert html.count('class="govuk-table horizontal-bar-chart"') == 1
    check = TableCheck()
    check.feed(html)
    assert check.h1 == 1 and check.tables == check.captions and check.unscoped == []


def test_overview_chart_is_drawn_on_the_server(site: Path) -> None:
    html = (site / "savings" / "index.html").read_text(encoding="utf-8")
    after_table = html[html.index("Realised savings a year, by 12-month period") :]
    assert "<script" not in after_table.split("</main>")[0]
    assert after_table.count('<div class="mc-chart horizontal-bar-chart" aria-hidden="true">') == 1
    assert '<span class="mc-value">£102,200</span>' in after_table  # the bar, beside the table's cell


def test_method_page_quotes_every_assumption_and_its_source(site: Path) -> None:
    text = _text(site / "savings" / "method.html")
    for row in (
        "Target digital take-up (T) 82% section 4 and footnote 10",
        "Volume threshold (H) 10,000 transactions a year section 4 and annex 3",
        "Assumed take-up (a) 46.1% annex 5, Figure 20",
        "Share of offline transactions by phone (p) 80% annex 5",
        "Relative cost of a digital transaction 0.02 annex 5, Figure 23 (Socitm 2012)",
        "Relative cost of a phone transaction 0.33 annex 5, Figure 23 (Socitm 2012)",
        "Relative cost of a face-to-face transaction 1 annex 5, Figure 23",
    ):
        assert row in text


def test_departments_table_has_a_savings_column_and_sort(site: Path) -> None:
    text = _text(site / "departments" / "by-savings" / "descending.html")
    assert text.index("Department of Savings") < text.index("Office of Thrift")
    assert "£393,640" in text
    ascending = _text(site / "departments" / "by-savings" / "ascending.html")
    assert ascending.index("Office of Thrift") < ascending.index("Department of Savings")


def test_services_tables_have_a_savings_column_and_sort(site: Path) -> None:
    text = _text(site / "high-volume-services" / "by-savings" / "descending.html")
    order = [text.index(name) for name in ("Digital cost given", "Relative costs", "Assumed take-up")]
    assert order == sorted(order) and "£256,000" in text and "£137,640" in text
    assert text.index("Assumed take-up") < text.index("No cost")  # not counted: empty, so last
    department = _text(site / "department" / "dsv" / "by-savings" / "descending.html")
    assert department.index("Digital cost given") < department.index("Relative costs")


def test_service_page_savings_box(site: Path) -> None:
    text = _text(site / "service-details" / "dsv-digital-cost.html")
    assert "Estimated savings from digital £256,000 a year at 82% digital take-up." in text
    assert "From Jan 2015 to Dec 2015: take-up 50%; offline cost per transaction £10.00, digital £2.00." in text
    assumed = _text(site / "service-details" / "oth-assumed.html")
    assert "£31,879 a year" in assumed and "take-up 46.1% (assumed: no digital volume given)" in assumed
    small = _text(site / "service-details" / "dsv-small.html")
    assert "£0 a year at 82% digital take-up (none: fewer transactions a year than the volume threshold)" in small
    none = _text(site / "service-details" / "oth-no-cost.html")
    assert "Not estimated: no 12-month period has both a volume and a cost per transaction." in none


def test_service_page_shows_what_the_service_has_realised(site: Path) -> None:
    """dsv-digital-cost: baseline Jan-Dec 2014 at 40% take-up; Jan-Dec 2015: 100,000 * (0.5 - 0.4) * (10 - 2)
    = 80,000."""
    page = site / "service-details" / "dsv-digital-cost.html"
    text = _text(page)
    assert "Realised savings a year, by 12-month period (this service)" in text
    assert "Jan 2015 to Dec 2015 £80,000" in text
    html = page.read_text(encoding="utf-8")
    assert html.count('<div class="mc-chart horizontal-bar-chart" aria-hidden="true">') >= 1
    assert "Realised savings" not in _text(site / "service-details" / "oth-assumed.html"), "one period only"


def test_a_page_per_department(site: Path) -> None:
    """The Department of Savings: its counted services, largest first, and its realised savings, the sum of
    dsv-digital-cost's 80,000 and dsv-relative's 22,200 (test_services_savings.py)."""
    text = _text(site / "savings" / "department" / "dsv.html")
    assert "would save an estimated £393,640 a year" in text
    assert text.index("Digital cost given £256,000") < text.index("Relative costs") < text.index("Small service £0")
    assert "Realised savings a year, by 12-month period (Department of Savings) Period Realised savings" in text
    assert "Jan 2015 to Dec 2015 £102,200" in text
    thrift = _text(site / "savings" / "department" / "oth.html")
    assert "would save an estimated £31,879 a year" in thrift
    assert "None of its services has two periods with a volume, a digital volume and a cost per transaction" in thrift
    overview = (site / "savings" / "index.html").read_text(encoding="utf-8")
    assert 'href="department/dsv.html">Department of Savings</a>' in overview
    check = TableCheck()
    check.feed((site / "savings" / "department" / "dsv.html").read_text(encoding="utf-8"))
    assert check.h1 == 1 and check.tables == check.captions and check.unscoped == []


def test_realised_downloads(site: Path) -> None:
    text = (site / "data" / "savings-realised.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(text))) == [
        ["period", "period_start", "period_end", "department", "slug", "realised_savings_per_year"],
        ["2016-Q1", "2015-01-01", "2015-12-31", "DSV", "dsv-digital-cost", "80000.00"],
        ["2016-Q1", "2015-01-01", "2015-12-31", "DSV", "dsv-relative", "22200.00"],
    ]
    data = json.loads((site / "data" / "savings.json").read_text(encoding="utf-8"))
    [point] = data["realised"]
    assert point["by_department"] == {"DSV": pytest.approx(102200)}
    assert point["by_service"] == {"dsv-digital-cost": pytest.approx(80000), "dsv-relative": pytest.approx(22200)}


def test_downloads(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data" / "savings.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 6 and "oth-no-cost" not in {r["slug"] for r in rows}
    digital = next(r for r in rows if r["slug"] == "dsv-digital-cost")
    assert (digital["offline_cost_per_transaction"], digital["savings_per_year"]) == ("10.0000", "256000.00")
    data = json.loads((site / "data" / "savings.json").read_text(encoding="utf-8"))
    assert data["total"] == pytest.approx(425519.2) and data["grid"]["values"][0][4] == pytest.approx(403303.2)
    assert 'href="../data/savings.csv"' in (site / "savings" / "index.html").read_text(encoding="utf-8")


def test_savings_settings_change_the_pages(tmp_path: Path) -> None:
    (tmp_path / "govpress.toml").write_text("[savings]\nthreshold = 1\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert isinstance(config, SiteConfig)
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "services" / "savings-small.csv"
    build_service_pages(fixture, tmp_path / "out", config=config)
    text = _text(tmp_path / "out" / "savings" / "index.html")
    assert "£439,283 a year" in text  # dsv-small's 13,764 is counted below the default threshold
    assert "Volume threshold (H) 1 transactions a year" in _text(tmp_path / "out" / "savings" / "method.html")


def test_the_savings_pages_text_made_in_code_is_in_the_site_language(tmp_path: Path) -> None:
    (tmp_path / "govpress.toml").write_text('language = "cy"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert isinstance(config, SiteConfig)
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "services" / "savings-small.csv"
    build_service_pages(fixture, tmp_path / "out", config=config)
    savings = tmp_path / "out" / "savings"
    overview = savings.joinpath("index.html").read_text(encoding="utf-8")
    assert "<title>Arbedion amcangyfrifedig o wasanaethau digidol" in overview
    assert "Arbedion a wireddwyd y flwyddyn, fesul cyfnod 12 mis</caption>" in overview
    method = _text(savings / "method.html")
    assert "Trothwy cyfaint (H) 10,000 o drafodion y flwyddyn adran 4 ac atodiad 3" in method
    assert "Volume threshold" not in method and "annex" not in method
    departments = [page.read_text(encoding="utf-8") for page in sorted(savings.glob("department/*.html"))]
    assert departments and all(re.search(r"<title>Arbedion amcangyfrifedig: [^<]+", page) for page in departments)
    caption = r"Arbedion a wireddwyd y flwyddyn, fesul cyfnod 12 mis \([^)<]+\)</caption>"
    assert any(re.search(caption, page) for page in departments)
    assert not any("Realised savings" in page for page in departments)
