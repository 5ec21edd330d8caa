"""Quarterly reports and exemplar figures: the data file, its mistakes, the tables and the Atom feed."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest

from govpress.commitments.reports.feed import atom_feed
from govpress.commitments.reports.load import load_reports
from govpress.commitments.reports.model import Phase
from govpress.commitments.reports.tables import progress_table, report_table, table_with_chart
from govpress.problems import GovpressError
from support.golden import check_golden

FIXTURES = Path(__file__).parent.parent / "fixtures" / "commitments"
OVERLAY = FIXTURES / "legacy-overlay"


def golden(name: str, actual: str) -> None:
    check_golden(FIXTURES / "golden" / name, actual)


def test_legacy_figures_from_the_overlay(tmp_path: Path) -> None:
    reports = load_reports(tmp_path, [OVERLAY])
    assert reports is not None
    assert [r.id for r in reports.reports] == ["october-13", "july-13", "april-13"]
    july = reports.reports[1]
    assert {c.label: c.count for c in july.phase_counts()} == {"Discovery": 13, "Alpha": 6, "Beta": 5, "Live": 1}
    april = reports.reports[2]
    assert april.known_total == 23
    assert [c.key for c in april.phase_counts()][-1] == "alpha-or-beta"
    assert dict(reports.reports[0].services)["lasting-power-of-attorney"] is Phase.BETA


def test_no_reports_file(tmp_path: Path) -> None:
    assert load_reports(tmp_path) is None


def test_project_data_used_when_no_overlay_has_it(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(OVERLAY / "reports.yaml", tmp_path / "data" / "reports.yaml")
    reports = load_reports(tmp_path, [tmp_path / "elsewhere"])
    assert reports is not None and len(reports.reports) == 3


MISTAKES = [
    ("lasting-power-of-attorney: beta", "lasting-power-of-attorny: beta", 53, "unknown exemplar"),
    (
        "{phase: alpha, count: 6}\n    - {phase: beta, count: 11}",
        "{phase: alfa, count: 6}\n    - {phase: beta, count: 11}",
        49,
        "phase",
    ),
    ("total: 23", "total: 2", 22, "more than the total"),
    ("- id: july-13", "- id: april-13", 28, "listed twice"),
    (
        "{phases: [alpha, beta], count: 9}",
        "{phase: alpha, phases: [alpha, beta], count: 9}",
        27,
        "either 'phase' or 'phases'",
    ),
    (
        "organisation: ministry-of-justice\n- id: employment",
        "organisation: ministry-of-jstice\n- id: employment",
        8,
        "unknown organisation",
    ),
    ("date: 2013-07-10", "date: July 2013", 30, "date"),
    ("summary: 23 exemplar", "sumary: 23 exemplar", 20, "unknown key 'sumary'"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), MISTAKES, ids=[m[3] for m in MISTAKES])
def test_mistakes_name_file_and_line(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    path = tmp_path / "reports.yaml"
    text = (OVERLAY / "reports.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GovpressError) as caught:
        load_reports(tmp_path, [tmp_path], organisations=["ministry-of-justice"])
    problem = next((p for p in caught.value.problems if words in p.message), None)
    assert problem is not None, [str(p) for p in caught.value.problems]
    assert (problem.path, problem.line) == (str(path), line)


def test_report_table_is_accessible_and_charted(tmp_path: Path) -> None:
    reports = load_reports(tmp_path, [OVERLAY])
    assert reports is not None
    table = report_table(reports.reports[1])
    assert table.find("caption") is not None
    assert {th.get("scope") for th in table.iter("th")} == {"col", "row"}
    html = table_with_chart(table)
    assert 'class="mc-chart horizontal-bar-chart"' in html
    golden("july-13-exemplars.html", html + "\n")
    golden("exemplar-progress.html", table_with_chart(progress_table(reports.reports)) + "\n")


def test_atom_feed_is_reproducible(tmp_path: Path) -> None:
    reports = load_reports(tmp_path, [OVERLAY])
    assert reports is not None
    feed = atom_feed(
        reports, "Quarterly progress reports", "/digital/quarterly-reports/feed.atom", "/digital/quarterly-reports/"
    )
    root = fromstring(feed.split("\n", 1)[1])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.findtext("a:updated", namespaces=ns) == "2013-10-14T00:00:00Z"
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == [f"Quarterly Progress Report {month} 2013" for month in ("October", "July", "April")]
    golden("reports.atom", feed)
