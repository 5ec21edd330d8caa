"""A service's history: one table per KPI over its rolling years (and its quarters), each drawn as a chart.

The table is built as an element tree, so that :func:`govpress.charts.chart_for_table` can draw its bars on
the server (no JavaScript); both are serialised to HTML for the template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement, tostring

from govpress.i18n import N_
from govpress.services.explorer import ServiceView
from govpress.services.figures import KpiRow
from govpress.services.model import value_of
from govpress.services.pages import formatting
from govpress.services.pages.words import ENGLISH, Words


@dataclass(frozen=True)
class History:
    title: str
    table_html: str
    chart_html: str


PERIOD = N_("Period")
TRANSACTIONS = N_("Transactions")
TRANSACTIONS_PER_QUARTER = N_("Transactions per quarter")
# Each KPI's table: its caption, the heading of its figures, the figure and how it is written.
_HISTORIES: tuple[tuple[str, str, Callable[[KpiRow], Decimal | None], Callable[[Decimal | None], str]], ...] = (
    (N_("Transactions per year, by 12-month period"), TRANSACTIONS, lambda r: r.volume, formatting.grouped),
    (
        N_("Digital take-up, by 12-month period"),
        N_("Digital take-up"),
        lambda r: r.digital_takeup,
        formatting.percentage,
    ),
    (
        N_("Cost per transaction, by 12-month period"),
        N_("Cost per transaction"),
        lambda r: r.cost_per_transaction,
        lambda v: formatting.money(v),
    ),
    (
        N_("Total cost, by 12-month period"),
        N_("Total cost"),
        lambda r: r.total_cost,
        lambda v: formatting.grouped(v) and "£" + formatting.grouped(v),
    ),
)
# Figures shown as supplied (not drawn): the figure's name, the table's caption and the heading of its figures.
_SUPPLIED = (
    ("completion_rate", N_("Completion rate (as supplied), by 12-month period"), N_("Completion rate")),
    ("user_satisfaction", N_("User satisfaction (as supplied), by 12-month period"), N_("User satisfaction")),
)


def period_table(
    caption: str, heading: str, rows: list[tuple[str, str]], chart: bool, caption_size: str = "s", period: str = PERIOD
) -> Element:
    """A two-column table of figures by period (drawn as a bar chart too when ``chart``); ``period``: the heading of
    the periods (translated)."""
    table = Element("table", {"class": "govuk-table horizontal-bar-chart" if chart else "govuk-table"})
    SubElement(table, "caption", {"class": f"govuk-table__caption govuk-table__caption--{caption_size}"}).text = caption
    head = SubElement(SubElement(table, "thead", {"class": "govuk-table__head"}), "tr", {"class": "govuk-table__row"})
    SubElement(head, "th", {"scope": "col", "class": "govuk-table__header"}).text = period
    SubElement(head, "th", {"scope": "col", "class": "govuk-table__header govuk-table__header--numeric"}).text = heading
    body = SubElement(table, "tbody", {"class": "govuk-table__body"})
    for label, value in rows:
        row = SubElement(body, "tr", {"class": "govuk-table__row"})
        SubElement(row, "th", {"scope": "row", "class": "govuk-table__header"}).text = label
        SubElement(row, "td", {"class": "govuk-table__cell govuk-table__cell--numeric"}).text = value
    return table


def _history(title: str, heading: str, rows: list[tuple[str, str]], draw: bool, words: Words) -> History:
    from govpress.charts import chart_for_table

    title, heading = words(title), words(heading)
    table = period_table(title, heading, rows, draw, period=words(PERIOD))
    chart = chart_for_table(table) if draw else None
    chart_html = tostring(chart, encoding="unicode", method="html") if chart is not None else ""
    return History(title, tostring(table, encoding="unicode", method="html"), chart_html)


def service_histories(view: ServiceView, words: Words = ENGLISH) -> list[History]:
    """Tables (with charts) of each KPI over the rolling years that have it, oldest first, in ``words``' language."""
    histories = []
    for caption, heading, pick, show in _HISTORIES:
        rows = [(words.period(r.period), show(pick(r))) for r in view.rows if pick(r) is not None]
        if rows:
            histories.append(_history(caption, heading, rows, True, words))
    for name, caption, heading in _SUPPLIED:
        supplied = [(words.period(o.period), value_of(o.figure(name))) for o in view.rolling]
        rows = [(label, formatting.grouped(value)) for label, value in supplied if value is not None]
        if rows:
            histories.append(_history(caption, heading, rows, False, words))
    quarters = [(words.period(o.period), o) for o in view.quarters if value_of(o.volume) is not None]
    if quarters:
        rows = [(label, formatting.grouped(value_of(o.volume))) for label, o in quarters]
        histories.append(_history(TRANSACTIONS_PER_QUARTER, TRANSACTIONS, rows, True, words))
    return histories
