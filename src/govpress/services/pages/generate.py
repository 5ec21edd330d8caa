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
from govpress.services.pages.columns import (
    COST_PER_TRANSACTION,
    TAKEUP,
    TOTAL_COST,
    TRANSACTIONS,
    department_columns,
    department_service_columns,
    high_volume_columns,
)
from govpress.services.pages.history import service_histories
from govpress.services.pages.notes import note_lines
from govpress.services.pages.savings_pages import (
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
from govpress.services.pages.tables import DIRECTION_WORDS, Column, sort_pages, table_context
from govpress.services.pages.words import ENGLISH, Words
from govpress.services.savings import Assumptions, service_saving
from govpress.site.structure.pages import relative_root

Row = TypeVar("Row")
KPI_TITLES = {
    "volume": (TRANSACTIONS, formatting.grouped),
    "digital_takeup": (TAKEUP, formatting.percentage),
    "total_cost": (TOTAL_COST, formatting.money),
    "cost_per_transaction": (COST_PER_TRANSACTION, formatting.money),
}
DEPARTMENTS_TITLE = N_("Departments")
HIGH_VOLUME_TITLE = N_("High-volume services")
DEPARTMENT_TITLE = N_("Services of %(department)s")
ABOUT_TITLE = N_("About the data")
SEARCH_TITLE = N_("Search services")
A_TO_Z_TITLE = N_("Services A to Z")
SORTED_TITLE = N_("%(title)s, by %(column)s (%(direction)s)")
SAVING_FIGURE = N_("Estimated saving a year")
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
        return relative_root(self.path)


def _page(
    path: str,
    template: str,
    title: str,
    context: dict[str, Any],
    trail: tuple[tuple[str, str], ...] = (),
    words: Words = ENGLISH,
) -> PageSpec:
    """A page with its title and breadcrumbs (the explorer's home, then ``trail`` of (text, path))."""
    root = relative_root(path)
    crumbs = [] if path == "index.html" else [{"text": words(TITLE), "href": f"{root}index.html"}]
    crumbs += [{"text": text, "href": root + target} for text, target in trail]
    return PageSpec(path, template, {**context, "page_title": title, "breadcrumbs": crumbs})


def explorer_pages(
    explorer: Explorer,
    assumptions: Assumptions | None = None,
    words: Words = ENGLISH,
    estimates: SavingsPages | None = None,
) -> Iterator[PageSpec]:
    """Every page of the explorer, its text made here in ``words``' language (the site's interface language)."""
    newest = words.period(explorer.newest) if explorer.newest else None
    common = {"newest": newest, "newest_key": explorer.newest.key if explorer.newest else None}
    if estimates is None:  # ``estimates``: the savings of ``explorer`` under ``assumptions``, when already computed
        estimates = savings_pages(explorer, assumptions or Assumptions())
    by_department = department_savings_column(estimates.by_department)
    by_service = service_savings_column(estimates.by_service)
    yield _page("index.html", "index.html", words(TITLE), {**common, "headline": _headline(explorer)})
    departments, high_volume = words(DEPARTMENTS_TITLE), words(HIGH_VOLUME_TITLE)
    tables = _Tables(common, words)
    yield from tables.sorted(
        "departments", explorer.departments, [*department_columns("../../"), by_department], departments, departments
    )
    columns = [*high_volume_columns("../../", words), by_service]
    yield from tables.sorted("high-volume-services", explorer.high_volume, columns, high_volume, high_volume)
    for department in explorer.departments:
        name = department.department.name
        yield from _Tables({**common, "department": department}, words).sorted(
            f"department/{department.slug}",
            department.services,
            [*department_service_columns("../../../", words), by_service],
            words(DEPARTMENT_TITLE) % {"department": name},
            name,
        )
    folders = {department.department.abbr: department.slug for department in explorer.departments}
    for view in explorer.services:
        owner = view.service.department
        trail = ((owner.name, f"department/{folders[owner.abbr]}/by-transactions-per-year/descending.html"),)
        path = f"service-details/{view.slug}.html"
        details = {**common, **service_context(view, words), "savings": service_box(estimates, view, words)}
        yield _page(path, "service.html", view.service.name, details, trail, words)
    yield _page("about-data.html", "about.html", words(ABOUT_TITLE), common, words=words)
    yield from _savings(explorer, estimates, common, words)
    yield _page("search.html", "search.html", words(SEARCH_TITLE), common, words=words)
    letters = {**common, "letters": _a_to_z(explorer.services)}
    yield _page("a-z.html", "a-z.html", words(A_TO_Z_TITLE), letters, words=words)


def _savings(explorer: Explorer, estimates: SavingsPages, common: dict[str, Any], words: Words) -> Iterator[PageSpec]:
    overview = {**common, **overview_context(estimates, explorer, words)}
    yield _page("savings/index.html", "savings.html", words(SAVINGS_TITLE), overview, words=words)
    method = {**common, **method_context(estimates.result.assumptions, words)}
    trail = ((words(SAVINGS_TITLE), "savings/index.html"),)
    yield _page("savings/method.html", "savings-method.html", words(METHOD_TITLE), method, trail, words)
    for department in explorer.departments:
        context = {**common, **department_context(estimates, department, words)}
        title = words(DEPARTMENT_SAVINGS_TITLE) % {"department": department.department.name}
        path = f"savings/department/{department.slug}.html"
        yield _page(path, "savings-department.html", title, context, trail, words)


MAIN_ORDER = ("by-transactions-per-year", "descending")  # the order every link to a table opens it in


@dataclass(frozen=True)
class _Tables:
    """The pages of sortable tables: the context every page shares, and the words of the site's language."""

    context: dict[str, Any]
    words: Words

    def sorted(
        self, base: str, rows: Sequence[Row], columns: Sequence[Column[Row]], caption: str, title: str
    ) -> Iterator[PageSpec]:
        """One page per column and direction (``base/<sort>/<direction>.html``)."""
        words = self.words
        for column, direction in sort_pages(columns):
            table = table_context(rows, columns, column, direction, caption, words)
            label, said = words(column.label), words(DIRECTION_WORDS[direction])
            page_context = {**self.context, "table": table, "title": title, "sorted_by": label, "direction": said}
            page_context["main_order"] = (column.key, direction) == MAIN_ORDER  # the others: noindex (search, robots)
            page_title = words(SORTED_TITLE) % {"title": title, "column": label.lower(), "direction": said}
            yield _page(f"{base}/{column.key}/{direction}.html", "table.html", page_title, page_context, words=words)


def _headline(explorer: Explorer) -> dict[str, str]:
    return {
        "departments": str(len(explorer.departments)),
        "services": f"{len(explorer.services):,}",
        "high_volume": str(len(explorer.high_volume)),
        "transactions": formatting.magnitude(explorer.transactions_per_year),
    }


def service_context(view: ServiceView, words: Words = ENGLISH) -> dict[str, Any]:
    boxes = []
    for name, (title, show) in KPI_TITLES.items():
        kpi = view.kpis[name]
        change = kpi.change
        direction = None if change is None else ("up" if change > 1 else "down" if change < 1 else "same")
        good = direction == "same" or (direction == "down") == (name in COST_KPIS)
        boxes.append(
            {
                "title": words(title),
                "value": show(kpi.value) if kpi.value is not None else "",
                "period": words.period(kpi.period) if kpi.period else "",
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
        "histories": service_histories(view, words),
        "notes_on_costs": note_lines(view.service.notes_on_costs),
        "other_notes": note_lines(view.service.other_notes),
    }


def latest_figures(view: ServiceView, assumptions: Assumptions, words: Words = ENGLISH) -> list[tuple[str, str, str]]:
    """A service's latest figures as its page shows them, ``(title, value, period)``, and its estimated saving a year
    (when it has a volume and a cost to estimate one from)."""
    figures = [
        (words(title), show(kpi.value), words.period(kpi.period) if kpi.period else "")
        for name, (title, show) in KPI_TITLES.items()
        if (kpi := view.kpis[name]).value is not None
    ]
    saving = service_saving(view, assumptions)
    if saving is not None:
        figures.append((words(SAVING_FIGURE), pounds(saving.saving), words.period(saving.period)))
    return figures


def _a_to_z(services: Sequence[ServiceView]) -> list[tuple[str, list[ServiceView]]]:
    letters: dict[str, list[ServiceView]] = {}
    for view in sorted(services, key=lambda v: v.service.name.lower()):
        first = view.service.name[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(view)
    return sorted(letters.items())
