"""A service's history: one table per KPI over its rolling years (and its quarters), each drawn as a chart.

The table is built as an element tree, so that :func:`govpress.charts.chart_for_table` can draw its bars on
the server (no JavaScript); both are serialised to HTML for the template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from govpress.services.explorer import ServiceView
from govpress.services.figures import KpiRow
from govpress.services.model import value_of
from govpress.services.pages import formatting
from govpress.services.periods import period_label


@dataclass(frozen=True)
class History:
    title: str
    table_html: str
    chart_html: str


_HISTORIES: tuple[tuple[str, str, Callable[[KpiRow], Decimal | None], Callable[[Decimal | None], str]], ...] = (
    ("Transactions per year", "Transactions", lambda r: r.volume, formatting.grouped),
    ("Digital take-up", "Digital take-up", lambda r: r.digital_takeup, formatting.percentage),
    ("Cost per transaction", "Cost per transaction", lambda r: r.cost_per_transaction, lambda v: formatting.money(v)),
    (
        "Total cost",
        "Total cost",
        lambda r: r.total_cost,
        lambda v: formatting.grouped(v) and "£" + formatting.grouped(v),
    ),
)


def period_table(
    caption: str, heading: str, rows: list[tuple[str, str]], chart: bool, caption_size: str = "s"
) -> Element:
    """A two-column table of figures by period (drawn as a bar chart too when ``chart``)."""
    table = Element("table", {"class": "govuk-table horizontal-bar-chart" if chart else "govuk-table"})
    SubElement(table, "caption", {"class": f"govuk-table__caption govuk-table__caption--{caption_size}"}).text = caption
    head = SubElement(SubElement(table, "thead", {"class": "govuk-table__head"}), "tr", {"class": "govuk-table__row"})
    SubElement(head, "th", {"scope": "col", "class": "govuk-table__header"}).text = "Period"
    SubElement(head, "th", {"scope": "col", "class": "govuk-table__header govuk-table__header--numeric"}).text = heading
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for label, value in rows:
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        SubElement(row, "th", {"scope": "row", "class": "govuk-table__header"}).text = label
        SubElement(row, "td", {"class": "govuk-table__cell govuk-table__cell--numeric"}).text = value
    return table


def _history(title: str, heading: str, rows: list[tuple[str, str]], draw: bool) -> History:
    from govpress.charts import chart_for_table

    table = period_table(title, heading, rows, draw)
    chart = chart_for_table(table) if draw else None
    chart_html = tostring(chart, encoding="unicode", method="html") if chart is not None else ""
    return History(title, tostring(table, encoding="unicode", method="html"), chart_html)


def service_histories(view: ServiceView) -> list[History]:
    """Tables (with charts) of each KPI over the rolling years that have it, oldest first."""
    histories = []
    for title, heading, pick, show in _HISTORIES:
        rows = [(period_label(r.period), show(pick(r))) for r in view.rows if pick(r) is not None]
        if rows:
            histories.append(_history(f"{title}, by 12-month period", heading, rows, draw=True))
    for name, title in (("completion_rate", "Completion rate"), ("user_satisfaction", "User satisfaction")):
        supplied = [(period_label(o.period), value_of(o.figure(name))) for o in view.rolling]
        rows = [(label, formatting.grouped(value)) for label, value in supplied if value is not None]
        if rows:
            histories.append(_history(f"{title} (as supplied), by 12-month period", title, rows, draw=False))
    quarters = [(period_label(o.period), o) for o in view.quarters if value_of(o.volume) is not None]
    if quarters:
        rows = [(label, formatting.grouped(value_of(o.volume))) for label, o in quarters]
        histories.append(_history("Transactions per quarter", "Transactions", rows, draw=True))
    return histories
