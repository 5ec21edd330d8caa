"""The explorer's savings pages (issue 13; the model is :mod:`govpress.services.savings`, docs/savings.md).

- ``savings/index.html``: the government's total, each department's, the sensitivity grid (the Digital Efficiency
  Report's Figure 13) and realised savings over time, as a table drawn as a chart on the server;
- ``savings/method.html``: the model and every assumption, with its source;
- a column (and its sort orders) in the departments and services tables, a box on each service page;
- ``savings/department/<slug>.html``: a department's estimate, its counted services and its realised savings;
- downloads ``data/savings.csv`` (one row per counted service), ``data/savings-realised.csv`` (one row per service
  and period) and ``data/savings.json`` (the command's JSON).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import tostring

from govpress.i18n import N_
from govpress.safe_output import safe_cell
from govpress.services.explorer import DepartmentView, Explorer, ServiceView
from govpress.services.pages import formatting
from govpress.services.pages.history import PERIOD, period_table
from govpress.services.pages.tables import Cell, Column
from govpress.services.pages.words import ENGLISH, Words
from govpress.services.savings import (
    GRID_TAKEUP,
    GRID_THRESHOLDS,
    Assumptions,
    RealisedPoint,
    Savings,
    ServiceSaving,
    grid,
    realised,
    savings,
)
from govpress.services.savings_report import report_of

SAVINGS_COLUMNS = (
    "slug",
    "name",
    "department",
    "period",
    "volume",
    "digital_takeup",
    "takeup_assumed",
    "offline_cost_per_transaction",
    "digital_cost_per_transaction",
    "savings_per_year",
)

CENTS = Decimal("0.01")

Gettext = Words  # the site's interface language (govpress.services.pages.words.words_for); ENGLISH: English
SAVINGS_LABEL = N_("Estimated savings a year")
REALISED_CAPTION = N_("Realised savings a year, by 12-month period")
REALISED_CAPTION_OF = N_("Realised savings a year, by 12-month period (%(of)s)")
REALISED_HEADING = N_("Realised savings")
THIS_SERVICE = N_("this service")
# The method page's assumptions: (name, value, source in the Digital Efficiency Report); a value in a message has its
# number as %(value)s.
ASSUMPTION_TEXT = {
    "target": (N_("Target digital take-up (T)"), None, N_("section 4 and footnote 10")),
    "threshold": (N_("Volume threshold (H)"), N_("%(value)s transactions a year"), N_("section 4 and annex 3")),
    "assumed_takeup": (N_("Assumed take-up (a)"), None, N_("annex 5, Figure 20")),
    "phone_share": (N_("Share of offline transactions by phone (p)"), None, N_("annex 5")),
    "ratio_digital": (N_("Relative cost of a digital transaction"), None, N_("annex 5, Figure 23 (Socitm 2012)")),
    "ratio_phone": (N_("Relative cost of a phone transaction"), None, N_("annex 5, Figure 23 (Socitm 2012)")),
    "ratio_face_to_face": (N_("Relative cost of a face-to-face transaction"), None, N_("annex 5, Figure 23")),
}


@dataclass(frozen=True)
class SavingsPages:
    """The model's results for one explorer, computed once for its pages."""

    result: Savings
    by_service: dict[str, ServiceSaving]
    by_department: dict[str, Decimal]
    grid: list[list[Decimal]]
    realised: list[RealisedPoint]
    realised_of: dict[str, list[RealisedPoint]]  # each service's own points (its service page reads only them)
    realised_in: dict[str, list[RealisedPoint]]  # each department's points, its services only (by abbreviation)


def savings_pages(explorer: Explorer, assumptions: Assumptions) -> SavingsPages:
    """The savings of ``explorer``, with the realised savings split once by service and by department, so that each
    service's and department's page reads only its own (not every service's in every period)."""
    result = savings(explorer, assumptions)
    points = realised(explorer, assumptions)
    departments = {view.slug: view.service.department.abbr for view in explorer.services}
    realised_of: dict[str, list[RealisedPoint]] = {}
    realised_in: dict[str, list[RealisedPoint]] = {}
    for point in points:
        split: dict[str, dict[str, Decimal]] = {}
        for slug, amount in point.by_service.items():
            realised_of.setdefault(slug, []).append(RealisedPoint(point.period, {slug: amount}))
            split.setdefault(departments[slug], {})[slug] = amount  # in the order of the sum over every service
        for abbr, amounts in split.items():
            realised_in.setdefault(abbr, []).append(RealisedPoint(point.period, amounts))
    return SavingsPages(
        result,
        {s.slug: s for s in result.services},
        {d.abbr: d.saving for d in result.departments},
        grid(explorer, assumptions),
        points,
        realised_of,
        realised_in,
    )


def pounds(value: Decimal | None) -> str:
    """Whole pounds with thousands commas (``£1,234``); empty for ``None``."""
    return "" if value is None else f"£{value:,.0f}"


def department_savings_column(by_department: Mapping[str, Decimal]) -> Column[DepartmentView]:
    def value(view: DepartmentView) -> Decimal | None:
        return by_department.get(view.department.abbr)

    return Column("by-savings", SAVINGS_LABEL, value, lambda v: Cell(pounds(value(v)), numeric=True), True)


def service_savings_column(by_service: Mapping[str, ServiceSaving]) -> Column[ServiceView]:
    def value(view: ServiceView) -> Decimal | None:
        found = by_service.get(view.slug)
        return None if found is None else found.saving

    return Column("by-savings", SAVINGS_LABEL, value, lambda v: Cell(pounds(value(v)), numeric=True), True)


def service_box(pages: SavingsPages, view: ServiceView, gettext: Gettext = ENGLISH) -> dict[str, Any]:
    """The savings box of a service page (``counted`` false when the service has no volume and cost to use), with the
    savings it has realised so far (empty when it has none)."""
    item = pages.by_service.get(view.slug)
    assumptions = pages.result.assumptions
    realised_table, realised_chart = realised_html(pages.realised_of.get(view.slug, []), gettext(THIS_SERVICE), gettext)
    box: dict[str, Any] = {
        "counted": item is not None,
        "target": formatting.percentage(assumptions.target),
        "realised_table": realised_table,
        "realised_chart": realised_chart,
    }
    if item is not None:
        box.update(
            value=pounds(item.saving),
            period=gettext.period(item.period),
            takeup=formatting.percentage(item.takeup),
            takeup_assumed=item.takeup_assumed,
            offline=formatting.money(item.costs.offline),
            digital=formatting.money(item.costs.digital),
            below_threshold=item.volume < assumptions.threshold,
            at_target=item.takeup >= assumptions.target,
        )
    return box


def realised_html(points: list[RealisedPoint], of: str = "", gettext: Gettext = ENGLISH) -> tuple[str, str]:
    """The realised savings table and its chart (drawn on the server by :mod:`govpress.charts`), as HTML: each point's
    sum over its services (``points`` holds only the services shown: a service's or a department's, from
    :class:`SavingsPages`); empty strings when none has realised savings. ``of`` names whose they are, in brackets at
    the end of the caption ("HM Revenue and Customs")."""
    from govpress.charts import chart_for_table

    amounts = [(p.period, p.total if p.by_service else None) for p in points]
    rows = [(gettext.period(period), pounds(amount)) for period, amount in amounts if amount is not None]
    if not rows:
        return "", ""
    caption = gettext(REALISED_CAPTION_OF) % {"of": of} if of else gettext(REALISED_CAPTION)
    table = period_table(caption, gettext(REALISED_HEADING), rows, True, "m", gettext(PERIOD))
    chart = chart_for_table(table) if rows else None
    chart_html = tostring(chart, encoding="unicode", method="html") if chart is not None else ""
    return tostring(table, encoding="unicode", method="html"), chart_html


def department_context(pages: SavingsPages, department: DepartmentView, gettext: Gettext = ENGLISH) -> dict[str, Any]:
    """A department's savings page: its estimated total, its counted services (largest first) and what it has
    realised so far."""
    slugs = {view.slug for view in department.services}
    counted = sorted(
        (pages.by_service[slug] for slug in slugs if slug in pages.by_service), key=lambda s: (-s.saving, s.name)
    )
    abbr = department.department.abbr
    table_html, chart_html = realised_html(pages.realised_in.get(abbr, []), department.department.name, gettext)
    return {
        "department": department,
        "total": pounds(pages.by_department.get(department.department.abbr)),
        "target": formatting.percentage(pages.result.assumptions.target),
        "services": [
            {"name": s.name, "savings": pounds(s.saving), "href": f"../../service-details/{s.slug}.html"}
            for s in counted
        ],
        "realised_table": table_html,
        "realised_chart": chart_html,
    }


def _department_page(folder: str | None) -> str | None:
    """A department's savings page, from the savings overview beside it."""
    return f"department/{folder}.html" if folder else None


def overview_context(pages: SavingsPages, explorer: Explorer, gettext: Gettext = ENGLISH) -> dict[str, Any]:
    folders = {d.department.abbr: d.slug for d in explorer.departments}
    departments = sorted(pages.result.departments, key=lambda d: (-d.saving, d.name.lower()))
    table_html, chart_html = realised_html(pages.realised, gettext=gettext)
    return {
        "total": pounds(pages.result.total),
        "counted": len(pages.result.services),
        "assumed": sum(1 for s in pages.result.services if s.takeup_assumed),
        "target": formatting.percentage(pages.result.assumptions.target),
        "threshold": f"{pages.result.assumptions.threshold:,}",
        "departments": [
            {"name": d.name, "savings": pounds(d.saving), "href": _department_page(folders.get(d.abbr))}
            for d in departments
        ],
        "grid_takeup": [formatting.percentage(t) for t in GRID_TAKEUP],
        "grid_thresholds": [f"{h:,}" for h in GRID_THRESHOLDS],
        "grid_rows": [[pounds(v) for v in row] for row in pages.grid],
        "realised_table": table_html,
        "realised_chart": chart_html,
    }


def method_context(assumptions: Assumptions, gettext: Gettext = ENGLISH) -> dict[str, Any]:
    ratios = assumptions
    values = {
        "target": formatting.percentage(ratios.target),
        "threshold": f"{ratios.threshold:,}",
        "assumed_takeup": formatting.percentage(ratios.assumed_takeup),
        "phone_share": formatting.percentage(ratios.phone_share),
        "ratio_digital": f"{ratios.ratio_digital}",
        "ratio_phone": f"{ratios.ratio_phone}",
        "ratio_face_to_face": f"{ratios.ratio_face_to_face}",
    }
    rows = []
    for key, (name, value_text, source) in ASSUMPTION_TEXT.items():
        value = values[key] if value_text is None else gettext(value_text) % {"value": values[key]}
        rows.append((gettext(name), value, gettext(source)))
    return {"assumptions": rows}


def savings_csv(pages: SavingsPages) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SAVINGS_COLUMNS)
    for s in pages.result.services:
        cells = (
            s.slug,
            s.name,
            s.department,
            s.period.key,
            s.volume,
            s.takeup,
            str(s.takeup_assumed).lower(),
            s.costs.offline.quantize(Decimal("0.0001")),
            s.costs.digital.quantize(Decimal("0.0001")),
            s.saving.quantize(CENTS),
        )
        writer.writerow([safe_cell(str(cell)) for cell in cells])
    return out.getvalue()


def realised_csv(pages: SavingsPages, explorer: Explorer) -> str:
    """Realised savings, one row per service and 12-month period (a department's or the government's are sums)."""
    departments = {view.slug: view.service.department.abbr for view in explorer.services}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("period", "period_start", "period_end", "department", "slug", "realised_savings_per_year"))
    for point in pages.realised:
        period = point.period
        for slug, amount in sorted(point.by_service.items()):
            cells = (period.key, period.start, period.end, departments.get(slug, ""), slug, amount.quantize(CENTS))
            writer.writerow([safe_cell(str(cell)) for cell in cells])
    return out.getvalue()


def savings_json(pages: SavingsPages, explorer: Explorer) -> str:
    report = report_of(explorer, pages.result, pages.grid, pages.realised)
    return json.dumps(report, indent=1, ensure_ascii=False)
