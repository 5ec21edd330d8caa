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


def report_table(report: Report) -> Element:
    """One report's exemplars by phase: a row per phase (or combined phases), the number of exemplars in it."""
    table = Element("table", {"class": f"{CHART_CLASS} exemplar-phases"})
    caption = SubElement(table, "caption")
    caption.text = f"Exemplar services by phase ({report.known_total} in all)"
    _header(table, ["Phase", "Exemplars"])
    body = SubElement(table, "tbody")
    for count in report.phase_counts():
        row = SubElement(body, "tr")
        _row_header(row, count.label, count.note)
        SubElement(row, "td").text = str(count.count)
    return table


def progress_table(reports: Sequence[Report]) -> Element:
    """Every report's figures side by side (oldest first): a row per phase, a column per report."""
    ordered = sorted(reports, key=lambda r: r.date)
    rows: dict[str, PhaseCount] = {}
    for report in ordered:
        for count in report.phase_counts():
            rows.setdefault(count.key, count)
    table = Element("table", {"class": f"{CHART_CLASS} exemplar-progress"})
    SubElement(table, "caption").text = "Exemplar services by phase, report by report"
    _header(table, ["Phase", *(r.title for r in ordered)])
    body = SubElement(table, "tbody")
    for key in sorted(rows, key=lambda k: _phase_order(rows[k])):
        row = SubElement(body, "tr")
        _row_header(row, rows[key].label, None)
        for report in ordered:
            found = next((c for c in report.phase_counts() if c.key == key), None)
            SubElement(row, "td").text = str(found.count) if found else "not reported"
    totals = SubElement(SubElement(table, "tfoot"), "tr")
    _row_header(totals, "All exemplars", None)
    for report in ordered:
        SubElement(totals, "td").text = str(report.known_total)
    return table


def _phase_order(count: PhaseCount) -> tuple[int, int]:
    order = list(Phase)
    return (order.index(count.phases[0]), len(count.phases))


def _header(table: Element, names: Sequence[str]) -> None:
    row = SubElement(SubElement(table, "thead"), "tr")
    for name in names:
        SubElement(row, "th", {"scope": "col"}).text = name


def _row_header(row: Element, label: str, note: str | None) -> None:
    cell = SubElement(row, "th", {"scope": "row"})
    cell.text = label
    if note:
        SubElement(cell, "span", {"class": "phase-note"}).text = f" ({note})"


def table_with_chart(table: Element) -> str:
    """The table's HTML followed by its chart's (when it can be drawn)."""
    chart = chart_for_table(table)
    parts = [tostring(table, encoding="unicode", method="html")]
    if chart is not None:
        parts.append(tostring(chart, encoding="unicode", method="html"))
    return "\n".join(parts)
