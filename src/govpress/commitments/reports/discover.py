"""The quarterly reports of a legacy site, found in its source pages when the project has no ``reports.yaml``.

A legacy report page names the ``{quarter_template}`` layout on its first line and says which quarter it reports in
its heading (``<h1>Quarterly Progress Report<br>April 2013</h1>``). Each such page is a report: its id is its folder's
name, its URL the page's own, its title the heading's text and its date the first day of the month the heading names.
A report page whose heading names no month and year is a warning at that page (it is left out of the list).
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

from govpress.commitments.reports.model import Report, Reports
from govpress.problems import Problem
from govpress.site.sources.discover import layout_name

REPORT_LAYOUT = "quarter"
REPORTS_TITLE = "Quarterly progress reports"
_HEADING = re.compile(r"<h1\b[^>]*>(?P<text>.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,1000}>")
_MONTH_YEAR = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\s+(?P<year>\d{4})\b")
_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}


def discover_reports(source_dir: Path) -> Reports | None:
    """The reports among the source pages (newest first); ``None`` when no page uses the report layout."""
    if not source_dir.is_dir():
        return None
    pages = sorted(p for p in source_dir.rglob("*.html") if p.is_file() and _is_report_page(p))
    if not pages:
        return None
    reports: list[Report] = []
    problems: list[Problem] = []
    for page in pages:
        report = _report(page, source_dir)
        if isinstance(report, Problem):
            problems.append(report)
        else:
            reports.append(report)
    reports.sort(key=lambda r: (r.date, r.id), reverse=True)
    return Reports(tuple(reports), (), None, REPORTS_TITLE, tuple(problems))


def _is_report_page(path: Path) -> bool:
    return not path.name.startswith("_") and layout_name(path) == REPORT_LAYOUT


def _report(page: Path, source_dir: Path) -> Report | Problem:
    text = page.read_text(encoding="utf-8", errors="replace")
    heading = _HEADING.search(text)
    title = _plain(heading.group("text")) if heading else ""
    line = text.count("\n", 0, heading.start()) + 1 if heading else 1
    date = _month_date(title)
    if date is None:
        message = (
            f"a page with the {{{REPORT_LAYOUT}_template}} layout is not listed as a report: its <h1> "
            f"({title!r}) names no month and year"
        )
        return Problem.warning(message, page, line)
    folder = page.parent if page.name == "index.html" else page.with_suffix("")
    relative = folder.relative_to(source_dir).as_posix()
    url = "/" if relative == "." else f"/{relative}/"
    return Report(
        id=folder.name if relative != "." else page.stem,
        title=title,
        date=date.isoformat(),
        url=url,
        summary=None,
        total=None,
        counts=(),
        services=(),
    )


def _plain(fragment: str) -> str:
    """A heading's text: line breaks and tags become spaces, entities are decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _month_date(title: str) -> datetime.date | None:
    """The first day of the last ``Month YYYY`` the title names."""
    found = [m for m in _MONTH_YEAR.finditer(title) if m.group("month").lower() in _MONTHS]
    if not found:
        return None
    last = found[-1]
    return datetime.date(int(last.group("year")), _MONTHS[last.group("month").lower()], 1)
