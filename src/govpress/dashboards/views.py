"""What a dashboard page shows, ready for its template: KPI boxes and modules (a table with its chart).

Formats (``format:`` in a configuration) are the explorer's own (:mod:`govpress.services.pages.formatting`):
``number`` with thousands separators (``58,240``), ``currency`` in pounds with a magnitude (``£5.73``, ``£341.4k``,
``£12.1m``), ``percent`` a ratio as a percentage (``71%``). A KPI's change is the explorer's too: the ratio of the
latest value to the one before it (:func:`govpress.services.figures.change`), shown as ``+4%`` and named an
increase or a decrease, or no change when it shows as ``0%`` (under 1 %, as the explorer rounds it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govpress.i18n import N_
from govpress.services.figures import change
from govpress.services.pages import formatting

# A change's direction (the template shows it in the page's language: ``box.direction | translated``).
INCREASE, DECREASE, NO_CHANGE = N_("increase"), N_("decrease"), N_("no change")

FORMATS: dict[str, Callable[[Decimal | None], str]] = {
    "number": formatting.grouped,
    "currency": formatting.money,
    "percent": formatting.percentage,
}


@dataclass(frozen=True)
class KpiBox:
    """The latest value of a figure, its period, the value of the period before and the change between them."""

    title: str
    value: str
    period: str = ""
    previous: str = ""
    previous_period: str = ""
    change: str = ""
    direction: str = ""  # "increase", "decrease", "no change" or "" (no change known); shown translated
    note: str = ""


@dataclass(frozen=True)
class ModuleView:
    """One module of a page: KPI boxes, or a table (HTML) and its chart (HTML), with a title and description."""

    title: str
    description: str = ""
    boxes: tuple[KpiBox, ...] = ()
    table_html: str = ""
    chart_html: str = ""
    notice: str = ""  # the data set is unpublished: the API's own warning
    empty: bool = False  # no figures to show

    @property
    def is_kpi(self) -> bool:
        return bool(self.boxes) and not self.table_html


def kpi_box(
    title: str,
    latest: tuple[Decimal | None, str],
    previous: tuple[Decimal | None, str],
    show: Callable[[Decimal | None], str],
    note: str = "",
) -> KpiBox:
    """A KPI box from the latest (value, period label) and the one before it."""
    value, period = latest
    before, before_period = previous
    if value is None:
        return KpiBox(title, "")
    ratio = change(value, before)
    shown = formatting.change(ratio)
    direction = "" if ratio is None else NO_CHANGE if shown == "0%" else INCREASE if ratio > 1 else DECREASE
    shown_before = show(before) if before is not None else ""
    return KpiBox(
        title,
        show(value),
        period,
        shown_before,
        before_period if before is not None else "",
        shown,
        direction,
        note,
    )


def grouped_modules(modules: Sequence[ModuleView]) -> list[list[ModuleView]]:
    """``modules`` in runs: consecutive KPI modules share one row of boxes; every other module stands alone."""
    runs: list[list[ModuleView]] = []
    for module in modules:
        if module.is_kpi and runs and runs[-1][0].is_kpi:
            runs[-1].append(module)
        else:
            runs.append([module])
    return runs
