"""The made-up Transactions Explorer fixtures, with the values their upstream tests expected.

Upstream feature test: the high-volume services page shows, for Service 4,
``['Service 4', 'DEF', '£12.1m*', '£1.30*', '94.8%*', '9,321,067*']`` (its data is from 2012-Q4 while the
newest period is 2013-Q1, hence the stars).
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.pages import build_service_pages
from govpress.services.store import Store
from govpress.services.summary import summary


class RowTexts(HTMLParser):
    """The visible text of each table body row (visually hidden text and hidden elements left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._hidden = 0
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if self._hidden or "govuk-visually-hidden" in classes:
            self._hidden += 1
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            self._hidden -= 1
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def table_rows(page: Path) -> list[list[str]]:
    parser = RowTexts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


def test_high_volume_page_shows_the_upstream_expected_cells(te_fixture: Path, tmp_path: Path) -> None:
    build_service_pages(te_fixture, tmp_path)
    rows = table_rows(tmp_path / "high-volume-services" / "by-name" / "ascending.html")
    # The upstream cells, then govpress's savings column: 94.8% take-up is above the 82% target, so no saving.
    assert ["Service 4", "DEF", "£12.1m*", "£1.30*", "94.8%*", "9,321,067*", "£0"] in rows
    # Service 6: t = 1,021,278 / 3,404,261 and a digital cost of 6.78, so the saving is
    # 3,404,261 * (0.82 - t) * ((12.30 - t * 6.78) / (1 - t) - 6.78) = 13,959,416 pounds a year.
    assert ["Service 6", "DEF", "£41.9m*", "£12.30*", "30%*", "3,404,261*", "£13,959,416"] in rows


def test_fixture_with_thousands_commas_reads_the_same_numbers(
    te_fixture: Path, te_fixture_commas: Path, store: Store
) -> None:
    import_file(store, te_fixture_commas)
    views = {v.service.name: v for v in build_explorer(store.contents()).services}
    assert views["Service 4"].kpis["volume"].value == Decimal(9321067)
    assert views["Service 7"].kpis["cost_per_transaction"].value == Decimal("34.4")
    assert len(views) == 8


def test_department_aggregates_follow_transactions_explorer(te_fixture: Path, store: Store) -> None:
    result = import_file(store, te_fixture)
    assert result.problems == []
    details = {d["abbr"]: d for d in summary(build_explorer(store.contents()))["departments_detail"]}
    defs = details["DEF"]
    # Volume: each service's latest volume (Services 7 and 8 have 2013-Q1 figures, the others 2012-Q4 only).
    assert defs["transactions_per_year"] == 9321067 + 3847098 + 3404261 + 2358738 + 2186450
    # Total cost: CPT x volume of each high-volume service's latest row with a CPT.
    expected_cost = (
        Decimal("1.3") * 9321067
        + Decimal("3.4") * 3847098
        + Decimal("12.3") * 3404261
        + Decimal("34.4") * 2358738
        + Decimal("4.23") * 2186450
    )
    assert defs["total_cost"] == float(expected_cost)
    digital = 8836530 + 3847098 + 1021278 + 2301214 + 1881386
    volume = 9321067 + 3847098 + 3404261 + 2358738 + 2186450
    assert defs["digital_takeup"] == float(Decimal(digital) / Decimal(volume))
    # Coverage: 5 high-volume services x 9 quarters x 3 figures requested; 3+3+3+6+6 provided.
    assert defs["data_coverage"] == 21 / 135
    # LOW has no high-volume services: its take-up, cost and coverage are not computable.
    low = details["LOW"]
    assert (low["digital_takeup"], low["total_cost"], low["data_coverage"]) == (None, None, None)
    assert low["transactions_per_year"] == 23893 + 5234


def test_headline_counts(te_fixture: Path, store: Store) -> None:
    import_file(store, te_fixture)
    result = summary(build_explorer(store.contents()))
    assert (result["services"], result["departments"], result["high_volume_services"]) == (11, 4, 7)
    assert result["latest_period"] == "2013-Q1"


def test_takeup_is_zero_when_digital_volume_is_zero_and_none_when_missing(te_fixture: Path, store: Store) -> None:
    import_file(store, te_fixture)
    views = {v.service.name: v for v in build_explorer(store.contents()).services}
    assert views["Service 3"].kpis["digital_takeup"].value is None  # no digital volume given
    assert views["Service 3"].kpis["total_cost"].value is None  # no CPT given
    assert views["Service 7"].kpis["volume"].change == Decimal(2358738) / Decimal(2262898)
