"""Exemplar figures as accessible HTML tables (caption, ``scope`` on headers), each followed by its chart.

The tables carry the data; the charts (:func:`govpress.charts.chart_for_table`) are drawn from them and hidden from
assistive technology.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree.ElementTree import Element, SubElement, tostring

from govpress.charts import chart_for_table
from govpress.commitments.reports.model import Phase, PhaseCount, Report

CHART_CLASS = "horizontal-bar-chart"
CAPTION_CLASS = "govuk-table__caption govuk-table__caption--m"
HEADER_CLASS = "govuk-table__header"
CELL_CLASS = "govuk-table__cell"


def report_table(report: Report) -> Element:
    """One report's exemplars by phase: a row per phase (or combined phases), the number of exemplars in it."""
    table = Element("table", {"class": f"govuk-table {CHART_CLASS} exemplar-phases"})
    caption = SubElement(table, "caption", {"class": CAPTION_CLASS})
    caption.text = f"Exemplar services by phase ({report.known_total} in all)"
    _header(table, ["Phase", "Exemplars"])
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for count in report.phase_counts():
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        _row_header(row, count.label, count.note)
        SubElement(row, "td", {"class": CELL_CLASS}).text = str(count.count)
    return table


def progress_table(reports: Sequence[Report]) -> Element:
    """Every report's figures side by side (oldest first): a row per phase, a column per report."""
    ordered = sorted(reports, key=lambda r: r.date)
    rows: dict[str, PhaseCount] = {}
    for report in ordered:
        for count in report.phase_counts():
            rows.setdefault(count.key, count)
    table = Element("table", {"class": f"govuk-table {CHART_CLASS} exemplar-progress"})
    SubElement(table, "caption", {"class": CAPTION_CLASS}).text = "Exemplar services by phase, report by report"
    _header(table, ["Phase", *(r.title for r in ordered)])
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for key in sorted(rows, key=lambda k: _phase_order(rows[k])):
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        _row_header(row, rows[key].label, None)
        for report in ordered:
            found = next((c for c in report.phase_counts() if c.key == key), None)
            SubElement(row, "td", {"class": CELL_CLASS}).text = str(found.count) if found else "not reported"
    totals = SubElement(SubElement(table, "tfoot"), "tr", {"class": "govuk-table__row"})
    _row_header(totals, "All exemplars", None)
    for report in ordered:
        SubElement(totals, "td", {"class": CELL_CLASS}).text = str(report.known_total)
    return table


def _phase_order(count: PhaseCount) -> tuple[int, int]:
    order = list(Phase)
    return (order.index(count.phases[0]), len(count.phases))


def _header(table: Element, names: Sequence[str]) -> None:
    row = SubElement(SubElement(table, "thead", {"class": "govuk-table__head"}), "tr", {"class": "govuk-table__row"})
    for name in names:
        SubElement(row, "th", {"scope": "col", "class": HEADER_CLASS}).text = name


def _row_header(row: Element, label: str, note: str | None) -> None:
    cell = SubElement(row, "th", {"scope": "row", "class": HEADER_CLASS})
    cell.text = label
    if note:
        SubElement(cell, "span", {"class": "phase-note"}).text = f" ({note})"


def table_with_chart(table: Element) -> str:
    """The table's HTML, in a scroll region named by its caption (a wide table scrolls there on a phone, not the
    page), followed by its chart's (when it can be drawn)."""
    chart = chart_for_table(table)
    caption = table.find("caption")
    label = " ".join((caption.text or "").split()) if caption is not None else ""
    region = Element(
        "div", {"class": "table-scroll", "role": "region", "aria-label": label or "Table", "tabindex": "0"}
    )
    region.append(table)
    parts = [tostring(region, encoding="unicode", method="html")]
    if chart is not None:
        parts.append(tostring(chart, encoding="unicode", method="html"))
    return "\n".join(parts)
