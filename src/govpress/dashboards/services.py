"""One dashboard per service, as Spotlight's ``high-volume-transaction`` dashboard (performance-data.md §4), in its
order, each module only when the service has its figures:

1. Transactions per year: the latest rolling year's volume (with a magnitude), its period, the previous period's value
   and the change;
2. Total cost (volume x cost per transaction), currency with a magnitude;
3. Cost per transaction, currency;
4. Transactions per quarter: a bar chart with the numbers, and its table;
5. Digital take-up per quarter: a bar chart in percent, and its table.

Every figure is the explorer's (:class:`govpress.services.explorer.ServiceView`: the KPIs of
:func:`govpress.services.figures.kpi`, take-up and total cost of :func:`~govpress.services.figures.kpi_row`), so the
dashboard and the service's explorer page never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from govpress.dashboards.drawing import bar_chart, data_table, html
from govpress.dashboards.views import KpiBox, ModuleView, kpi_box
from govpress.i18n import N_
from govpress.services.explorer import ServiceView
from govpress.services.figures import KpiRow, kpi_row
from govpress.services.model import Period, value_of
from govpress.services.pages import formatting
from govpress.services.pages.words import ENGLISH, Words

KPIS: tuple[tuple[str, str, Callable[[Decimal | None], str]], ...] = (
    ("volume", N_("Transactions per year"), formatting.magnitude),
    ("total_cost", N_("Total cost"), formatting.money),
    ("cost_per_transaction", N_("Cost per transaction"), formatting.money),
)
PER_QUARTER = N_("Transactions per quarter")
TAKEUP_PER_QUARTER = N_("Digital take-up per quarter")
QUARTER, TRANSACTIONS, TAKEUP = N_("Quarter"), N_("Transactions"), N_("Digital take-up")
TAKEUP_MEANS = N_("Transactions completed through digital channels, as a share of all transactions.")
STALE = N_("Not the newest period: later figures were not provided.")


def service_modules(view: ServiceView, newest: Period | None, words: Words = ENGLISH) -> list[ModuleView]:
    """The modules of ``view``'s dashboard that have figures, in Spotlight's order, in ``words``' language."""
    modules = [
        ModuleView(words(title), boxes=(box,))
        for name, title, show in KPIS
        if (box := _kpi(view, name, words(title), show, words))
    ]
    quarters = [(o.period, row) for o in view.quarters if (row := kpi_row(o)) is not None]
    if quarters:
        rows = [(words.period(period), formatting.grouped(row.volume)) for period, row in quarters]
        title = words(PER_QUARTER)
        table = data_table(title, (words(QUARTER), words(TRANSACTIONS)), rows, chart=True)
        modules.append(ModuleView(title, table_html=html(table), chart_html=bar_chart(table)))
    takeup = [
        (words.period(p), formatting.percentage(r.digital_takeup)) for p, r in quarters if r.digital_takeup is not None
    ]
    if takeup:
        table = data_table(words(TAKEUP_PER_QUARTER), (words(QUARTER), words(TAKEUP)), takeup, chart=True)
        chart = bar_chart(table)
        modules.append(ModuleView(words(TAKEUP), words(TAKEUP_MEANS), table_html=html(table), chart_html=chart))
    return modules


def _kpi(
    view: ServiceView, name: str, title: str, show: Callable[[Decimal | None], str], words: Words
) -> KpiBox | None:
    kpi = view.kpis[name]
    if kpi.value is None or kpi.period is None:
        return None
    previous = _previous(view.rows, kpi.period, name)
    latest = (kpi.value, words.period(kpi.period))
    before = (previous.kpi(name), words.period(previous.period)) if previous else (None, "")
    note = words(STALE) if kpi.stale else ""
    return kpi_box(title, latest, before, show, note)


def _previous(rows: list[KpiRow], period: Period, name: str) -> KpiRow | None:
    """The KPI row just before the one of ``period`` (the row the explorer's change compares with), when it has the
    KPI ``name``."""
    index = next((i for i, row in enumerate(rows) if row.period == period), 0)
    before = rows[index - 1] if index > 0 else None
    return before if before is not None and before.kpi(name) is not None else None


def has_figures(view: ServiceView) -> bool:
    """Whether the service has any figure a dashboard shows."""
    return bool(view.rows) or any(value_of(o.volume) is not None for o in view.quarters)
