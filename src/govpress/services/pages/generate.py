"""Which pages the explorer has, and each page's template and context (nothing is written here).

URL scheme (relative to the output folder, after Transactions Explorer's)::

    index.html                                         headline counts, search box, links
    departments/<sort>/<direction>.html                one row per department
    high-volume-services/<sort>/<direction>.html       one row per high-volume service
    department/<abbr-slug>/<sort>/<direction>.html     one department's services
    service-details/<slug>.html                        one service: KPI boxes, history tables and charts
    about-data.html, search.html, a-z.html             definitions; search (JS) and its A-Z fallback
    savings/index.html, savings/method.html            estimated savings (issue 13) and how they are estimated
    savings/department/<abbr-slug>.html                one department's estimated and realised savings
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from govpress.i18n import N_
from govpress.safe_output import is_safe_link
from govpress.services.explorer import Explorer, ServiceView
from govpress.services.explorer_urls import TITLE
from govpress.services.pages import formatting
from govpress.services.pages.columns import department_columns, department_service_columns, high_volume_columns
from govpress.services.pages.history import service_histories
from govpress.services.pages.notes import note_lines
from govpress.services.pages.savings_pages import (
    Gettext,
    SavingsPages,
    department_context,
    department_savings_column,
    method_context,
    overview_context,
    pounds,
    savings_pages,
    service_box,
    service_savings_column,
)
from govpress.services.pages.tables import Column, sort_pages, table_context
from govpress.services.periods import period_label
from govpress.services.savings import Assumptions, service_saving

Row = TypeVar("Row")
KPI_TITLES = {
    "volume": ("Transactions per year", formatting.grouped),
    "digital_takeup": ("Digital take-up", formatting.percentage),
    "total_cost": ("Total cost", formatting.money),
    "cost_per_transaction": ("Cost per transaction", formatting.money),
}
# The savings pages' titles (their headings in the templates are the same messages).
SAVINGS_TITLE = N_("Estimated savings from digital services")
METHOD_TITLE = N_("How the savings are estimated")
DEPARTMENT_SAVINGS_TITLE = N_("Estimated savings: %(department)s")
# A rise in cost is bad news; a rise in volume or take-up is not.
COST_KPIS = frozenset({"total_cost", "cost_per_transaction"})


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its path under the explorer's folder, its template and its context.

    Not a site :class:`~govpress.site.structure.pages.Page`, for a reason: it is the page before rendering (a
    template and its context, with links relative to the explorer's root, so one spec serves the standalone explorer
    and the explorer inside a site, under any folder); :func:`govpress.services.pages.build.explorer_site_pages`
    renders each into a ``Page`` at the explorer's folder in the site."""

    path: str
    template: str
    context: dict[str, Any]

    @property
    def root(self) -> str:
        """The explorer's root, relative to this page."""
        return "../" * self.path.count("/")


def _page(
    path: str, template: str, title: str, context: dict[str, Any], trail: tuple[tuple[str, str], ...] = ()
) -> PageSpec:
    """A page with its title and breadcrumbs (the explorer's home, then ``trail`` of (text, path))."""
    root = "../" * path.count("/")
    crumbs = [] if path == "index.html" else [{"text": TITLE, "href": f"{root}index.html"}]
    crumbs += [{"text": text, "href": root + target} for text, target in trail]
    return PageSpec(path, template, {**context, "page_title": title, "breadcrumbs": crumbs})


def explorer_pages(
    explorer: Explorer,
    assumptions: Assumptions | None = None,
    gettext: Gettext = str,
    estimates: SavingsPages | None = None,
) -> Iterator[PageSpec]:
    """Every page of the explorer; ``gettext`` (the site's interface language) translates its savings pages' text."""
    newest = period_label(explorer.newest) if explorer.newest else None
    common = {"newest": newest, "newest_key": explorer.newest.key if explorer.newest else None}
    if estimates is None:  # ``estimates``: the savings of ``explorer`` under ``assumptions``, when already computed
        estimates = savings_pages(explorer, assumptions or Assumptions())
    by_department = department_savings_column(estimates.by_department)
    by_service = service_savings_column(estimates.by_service)
    yield _page("index.html", "index.html", TITLE, {**common, "headline": _headline(explorer)})
    yield from _sorted_tables(
        "departments",
        explorer.departments,
        [*department_columns("../../"), by_department],
        "Departments",
        common,
        "Departments",
    )
    yield from _sorted_tables(
        "high-volume-services",
        explorer.high_volume,
        [*high_volume_columns("../../"), by_service],
        "High-volume services",
        common,
        "High-volume services",
    )
    for department in explorer.departments:
        context = {**common, "department": department}
        yield from _sorted_tables(
            f"department/{department.slug}",
            department.services,
            [*department_service_columns("../../../"), by_service],
            f"Services of {department.department.name}",
            context,
            department.department.name,
        )
    folders = {department.department.abbr: department.slug for department in explorer.departments}
    for view in explorer.services:
        owner = view.service.department
        trail = ((owner.name, f"department/{folders[owner.abbr]}/by-transactions-per-year/descending.html"),)
        path = f"service-details/{view.slug}.html"
        details = {**common, **service_context(view), "savings": service_box(estimates, view, gettext)}
        yield _page(path, "service.html", view.service.name, details, trail)
    yield _page("about-data.html", "about.html", "About the data", common)
    yield from _savings(explorer, estimates, common, gettext)
    yield _page("search.html", "search.html", "Search services", common)
    yield _page("a-z.html", "a-z.html", "Services A to Z", {**common, "letters": _a_to_z(explorer.services)})


def _savings(
    explorer: Explorer, estimates: SavingsPages, common: dict[str, Any], gettext: Gettext
) -> Iterator[PageSpec]:
    overview = {**common, **overview_context(estimates, explorer, gettext)}
    yield _page("savings/index.html", "savings.html", gettext(SAVINGS_TITLE), overview)
    method = {**common, **method_context(estimates.result.assumptions, gettext)}
    trail = ((gettext(SAVINGS_TITLE), "savings/index.html"),)
    yield _page("savings/method.html", "savings-method.html", gettext(METHOD_TITLE), method, trail)
    for department in explorer.departments:
        context = {**common, **department_context(estimates, department, gettext)}
        title = gettext(DEPARTMENT_SAVINGS_TITLE) % {"department": department.department.name}
        yield _page(f"savings/department/{department.slug}.html", "savings-department.html", title, context, trail)


MAIN_ORDER = ("by-transactions-per-year", "descending")  # the order every link to a table opens it in


def _sorted_tables(
    base: str, rows: Sequence[Row], columns: Sequence[Column[Row]], caption: str, context: dict[str, Any], title: str
) -> Iterator[PageSpec]:
    for column, direction in sort_pages(columns):
        table = table_context(rows, columns, column, direction, caption)
        page_context = {**context, "table": table, "title": title, "sorted_by": column.label, "direction": direction}
        page_context["main_order"] = (column.key, direction) == MAIN_ORDER  # the others: noindex (search, robots)
        page_title = f"{title}, by {column.label.lower()} ({direction})"
        yield _page(f"{base}/{column.key}/{direction}.html", "table.html", page_title, page_context)


def _headline(explorer: Explorer) -> dict[str, str]:
    return {
        "departments": str(len(explorer.departments)),
        "services": f"{len(explorer.services):,}",
        "high_volume": str(len(explorer.high_volume)),
        "transactions": formatting.magnitude(explorer.transactions_per_year),
    }


def service_context(view: ServiceView) -> dict[str, Any]:
    boxes = []
    for name, (title, show) in KPI_TITLES.items():
        kpi = view.kpis[name]
        change = kpi.change
        direction = None if change is None else ("up" if change > 1 else "down" if change < 1 else "same")
        good = direction == "same" or (direction == "down") == (name in COST_KPIS)
        boxes.append(
            {
                "title": title,
                "value": show(kpi.value) if kpi.value is not None else "",
                "period": period_label(kpi.period) if kpi.period else "",
                "stale": kpi.stale,
                "change": formatting.change(change),
                "direction": direction,
                "good": good,
            }
        )
    url = view.service.url
    return {
        "view": view,
        "service": view.service,
        "service_link": url if url and is_safe_link(url) else None,  # else shown as text (govpress.safe_output)
        "boxes": boxes,
        "histories": service_histories(view),
        "notes_on_costs": note_lines(view.service.notes_on_costs),
        "other_notes": note_lines(view.service.other_notes),
    }


def latest_figures(view: ServiceView, assumptions: Assumptions) -> list[tuple[str, str, str]]:
    """A service's latest figures as its page shows them, ``(title, value, period)``, and its estimated saving a year
    (when it has a volume and a cost to estimate one from)."""
    figures = [
        (title, show(kpi.value), period_label(kpi.period) if kpi.period else "")
        for name, (title, show) in KPI_TITLES.items()
        if (kpi := view.kpis[name]).value is not None
    ]
    saving = service_saving(view, assumptions)
    if saving is not None:
        figures.append(("Estimated saving a year", pounds(saving.saving), period_label(saving.period)))
    return figures


def _a_to_z(services: Sequence[ServiceView]) -> list[tuple[str, list[ServiceView]]]:
    letters: dict[str, list[ServiceView]] = {}
    for view in sorted(services, key=lambda v: v.service.name.lower()):
        first = view.service.name[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(view)
    return sorted(letters.items())
