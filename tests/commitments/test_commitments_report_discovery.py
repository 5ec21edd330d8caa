"""The legacy corpus's quarterly reports are found from its report pages, without any data file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree.ElementTree import fromstring

from govpress.commitments.reports.discover import discover_reports
from govpress.commitments.reports.load import load_reports

OVERLAY = Path(__file__).parent.parent / "fixtures" / "commitments" / "legacy-overlay"
ATOM = "{http://www.w3.org/2005/Atom}"


def _page(source: Path, folder: str, heading: str) -> Path:
    page = source / folder / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"{{quarter_template}}\n\n<div>\n<h1>{heading}</h1>\n</div>\n", encoding="utf-8")
    return page


def test_report_pages_found_by_their_layout(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _page(source, "reports/april-13", "Quarterly Progress Report<br>April 2013")
    _page(source, "reports/october-13", "Quarterly Progress Report<br>October 2013")
    (source / "reports" / "other.html").write_text("{digital_template}\n<h1>May 2013</h1>\n", encoding="utf-8")
    reports = discover_reports(source)
    assert reports is not None
    assert [(r.id, r.title, r.date, r.url) for r in reports.reports] == [
        ("october-13", "Quarterly Progress Report October 2013", "2013-10-01", "/reports/october-13/"),
        ("april-13", "Quarterly Progress Report April 2013", "2013-04-01", "/reports/april-13/"),
    ]
    assert reports.url == "/reports/"
    assert reports.problems == ()


def test_report_page_without_a_month_is_a_located_warning(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _page(source, "reports/april-13", "Quarterly Progress Report April 2013")
    page = _page(source, "reports/soon", "Quarterly Progress Report")
    reports = discover_reports(source)
    assert reports is not None
    assert [r.id for r in reports.reports] == ["april-13"]
    assert [str(p) for p in reports.problems] == [
        f"{page}:4: warning: a page with the {{quarter_template}} layout is not listed as a report: its <h1> "
        "('Quarterly Progress Report') names no month and year"
    ]


def test_no_report_pages(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    assert discover_reports(tmp_path / "source") is None
    assert load_reports(tmp_path, source_dir=tmp_path / "source") is None


def test_a_reports_file_takes_precedence(tmp_path: Path) -> None:
    source = tmp_path / "source"
    _page(source, "digital/quarterly-reports/april-13", "Quarterly Progress Report April 2013")
    reports = load_reports(tmp_path, [OVERLAY], source_dir=source)
    assert reports is not None
    assert [r.date for r in reports.reports] == ["2013-10-14", "2013-07-10", "2013-04-04"]


def test_corpus_reports_found_without_a_data_file(corpus_source: Path) -> None:
    reports = load_reports(corpus_source.parent, source_dir=corpus_source)
    assert reports is not None
    assert [(r.id, r.title, r.date, r.url) for r in reports.reports] == [
        (
            "october-13",
            "Quarterly Progress Report October 2013",
            "2013-10-01",
            "/digital/quarterly-reports/october-13/",
        ),
        ("july-13", "Quarterly Progress Report July 2013", "2013-07-01", "/digital/quarterly-reports/july-13/"),
        ("april-13", "Quarterly Progress Report April 2013", "2013-04-01", "/digital/quarterly-reports/april-13/"),
    ]
    assert reports.problems == ()


def test_corpus_build_lists_the_reports_and_their_feed(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    govpress = Path(sys.executable).parent / "govpress"
    result = subprocess.run(
        [str(govpress), "build", str(corpus_dir), "-o", str(out), "-j", "1"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    listing = (out / "digital" / "quarterly-reports" / "index.html").read_text(encoding="utf-8")
    for report in ("april-13", "july-13", "october-13"):
        assert f'href="/digital/quarterly-reports/{report}/"' in listing or f'href="{report}/"' in listing
        assert (out / "digital" / "quarterly-reports" / report / "index.html").is_file()
    assert 'rel="alternate"' in listing
    feed = fromstring((out / "digital" / "quarterly-reports" / "feed.atom").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "Quarterly Progress Report October 2013",
        "Quarterly Progress Report July 2013",
        "Quarterly Progress Report April 2013",
    ]
    navigation = {report: _report_navigation(out / "digital" / "quarterly-reports" / report) for report in REPORT_IDS}
    assert navigation == {
        "april-13": [("next", "july-13", "Quarterly Progress Report July 2013")],
        "july-13": [
            ("prev", "april-13", "Quarterly Progress Report April 2013"),
            ("next", "october-13", "Quarterly Progress Report October 2013"),
        ],
        "october-13": [("prev", "july-13", "Quarterly Progress Report July 2013")],
    }


REPORT_IDS = ("april-13", "july-13", "october-13")
_NAV = re.compile(r'<nav class="govuk-pagination[^"]*" aria-label="Progress reports">(.*?)</nav>', re.DOTALL)
_NAV_LINK = re.compile(
    r'href="/digital/quarterly-reports/([a-z0-9-]+)/" rel="(prev|next)">.*?'
    r'<span class="govuk-pagination__link-label">(.*?)</span>',
    re.DOTALL,
)


def _report_navigation(folder: Path) -> list[tuple[str, str, str]]:
    """The report page's previous/next links, after its own content and before "Last updated" (or the main's end)."""
    page = (folder / "index.html").read_text(encoding="utf-8")
    found = _NAV.search(page)
    assert found is not None, f"{folder}: no report navigation"
    end = page.find("govpress-last-updated")  # none when the source is outside git (no date is known)
    end = end if end != -1 else page.index("</main>")
    assert found.start() < end and page.count('aria-label="Progress reports"') == 1
    assert 'href="/digital/quarterly-reports/">All progress reports</a>' in page[found.end() :]
    return [(rel, report, label) for report, rel, label in _NAV_LINK.findall(found.group(1))]


def test_corpus_exemplars_from_an_exemplars_file(corpus_source: Path) -> None:
    folder = OVERLAY.parent / "legacy-exemplars"
    reports = load_reports(
        corpus_source.parent, [folder], organisations=["ministry-of-justice"], source_dir=corpus_source
    )
    assert reports is not None
    october = reports.reports[0]
    assert [(name, phase.value) for name, phase in october.services] == [
        ("lasting-power-of-attorney", "beta"),
        ("employment-tribunal-fees", "beta"),
        ("probate-search", "beta"),
    ]
    assert [c.label for c in october.phase_counts()] == ["Beta"]
    assert [r.services for r in reports.reports[1:]] == [(), ()]
