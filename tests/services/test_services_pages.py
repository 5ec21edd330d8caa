"""The explorer pages: every page, sorted tables (empty values last), accessible tables, downloads, search."""

from __future__ import annotations

import csv
import hashlib
import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govpress.services.pages import build_service_pages
from govpress.services.pages.formatting import change, grouped, magnitude, money, percentage
from govpress.services.pages.tables import Cell, Column, sort_rows


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("explorer")
    source = shared_dir / "data" / "transactions-explorer" / "test" / "features" / "fixtures" / "services-test.csv"
    build_service_pages(source, out)
    return out


class TableCheck(HTMLParser):
    """Counts tables, captions and header cells without ``scope``; checks the page has one h1."""

    def __init__(self) -> None:
        super().__init__()
        self.tables = self.captions = self.h1 = 0
        self.unscoped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.h1 += tag == "h1"
        if tag == "th" and values.get("scope") not in ("col", "row"):
            self.unscoped.append(str(values))


def test_every_page_has_one_h1_and_accessible_tables(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        check = TableCheck()
        check.feed(page.read_text(encoding="utf-8"))
        assert check.h1 == 1, page
        assert check.tables == check.captions, page
        assert check.unscoped == [], page


def test_the_pages_exist(site: Path) -> None:
    expected = [
        "index.html",
        "about-data.html",
        "search.html",
        "a-z.html",
        "departments/by-data-coverage/ascending.html",
        "high-volume-services/by-cost-per-transaction/descending.html",
        "department/def/by-agency/ascending.html",
        "service-details/def-service-4.html",
        "data/services.csv",
        "data/services.json",
        "data/departments.json",
        "data/search.json",
        "assets/services/search.js",
        "static/govpress/charts.css",
    ]
    assert [name for name in expected if not (site / name).is_file()] == []


def test_every_table_page_links_the_downloads(site: Path) -> None:
    for page in site.glob("*/**/*.html"):
        text = page.read_text(encoding="utf-8")
        if "<table" in text:
            assert "data/services.csv" in text and "data/departments.json" in text, page


def test_service_page_has_kpi_boxes_history_and_chart(site: Path) -> None:
    text = (site / "service-details" / "def-service-7.html").read_text(encoding="utf-8")
    assert "Transactions per year" in text and "Apr 2012 to Mar 2013" not in text
    assert "Jan 2012 to Dec 2012" in text  # 2013-Q1, the latest period
    assert "+4.2% on the previous period" in text  # 2,358,738 / 2,262,898
    assert 'class="mc-chart' in text  # the history table drawn as bars on the server


def test_downloads_hold_the_figures(site: Path) -> None:
    rows = list(csv.DictReader((site / "data" / "services.csv").open(encoding="utf-8")))
    service4 = next(r for r in rows if r["name"] == "Service 4")
    assert (service4["transactions_per_year"], service4["transactions_per_year_period"]) == ("9321067", "2012-Q4")
    departments = json.loads((site / "data" / "departments.json").read_text(encoding="utf-8"))
    assert {d["abbr"] for d in departments} == {"ABC", "DEF", "LOW", "MSW"}
    search = json.loads((site / "data" / "search.json").read_text(encoding="utf-8"))
    assert {"name", "department", "body", "keywords", "category", "url", "historic"} <= set(search[0])


def test_search_page_has_a_no_js_fallback(site: Path) -> None:
    text = (site / "search.html").read_text(encoding="utf-8")
    assert "<noscript>" in text and "a-z.html" in text
    assert "Service 10" in (site / "a-z.html").read_text(encoding="utf-8")


def test_empty_values_sort_last_both_ways() -> None:
    column: Column[tuple[str, Decimal | None]] = Column("by-x", "X", lambda r: r[1], lambda r: Cell(r[0]), True)
    rows = [("a", Decimal(2)), ("b", None), ("c", Decimal(5)), ("d", Decimal(1))]
    assert [r[0] for r in sort_rows(rows, column, "ascending")] == ["d", "a", "c", "b"]
    assert [r[0] for r in sort_rows(rows, column, "descending")] == ["c", "a", "d", "b"]


def test_sorted_table_pages_order_rows(site: Path) -> None:
    ascending = (site / "departments" / "by-transactions-per-year" / "ascending.html").read_text(encoding="utf-8")
    descending = (site / "departments" / "by-transactions-per-year" / "descending.html").read_text(encoding="utf-8")
    assert ascending.index("Lower Order Workgroups") < ascending.index("Ministry of Silly Walks")
    assert descending.index("Ministry of Silly Walks") < descending.index("Lower Order Workgroups")
    # LOW has no high-volume services, so no take-up: last in both directions.
    for direction in ("ascending", "descending"):
        text = (site / "departments" / "by-digital-takeup" / f"{direction}.html").read_text(encoding="utf-8")
        names = [text.index(n) for n in ("Agency for Beautiful Code", "Ministry of Silly Walks", "Lower Order")]
        assert names[2] == max(names)
    assert 'aria-sort="ascending"' in ascending


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (money(Decimal("12117387.1")), "£12.1m"),
        (money(Decimal("1.3")), "£1.30"),
        (money(Decimal("157459201.3")), "£157m"),
        (magnitude(Decimal("4820000000")), "4.82bn"),
        (percentage(Decimal("0.9480170027")), "94.8%"),
        (percentage(Decimal("0.05")), "5%"),
        (percentage(Decimal("0.0993")), "9.93%"),
        (change(Decimal("1.005")), "0%"),
        (change(Decimal("0.5")), "-50%"),
        (grouped(Decimal(9321067)), "9,321,067"),
    ],
)
def test_number_formats(text: str, expected: str) -> None:
    assert text == expected


def test_departments_whose_abbreviations_differ_only_in_case_get_folders_of_their_own() -> None:
    from govpress.services.slugs import department_slugs

    assert department_slugs(["DfT", "DFT", "HMRC", "D.F.T."]) == {
        "D.F.T.": "d-f-t",
        "DFT": "dft",
        "DfT": "dft-" + hashlib.sha256(b"DfT").hexdigest()[:6],
        "HMRC": "hmrc",
    }
    assert department_slugs(["DFT", "DfT"]) == department_slugs(["DfT", "DFT"])  # whatever the order
