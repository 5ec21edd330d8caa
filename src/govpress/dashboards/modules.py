"""A configured module's figures: its query run by the data API's own code (:func:`govpress.api.query.parse_query` and
:func:`~govpress.api.query.run_query`, so a module shows exactly what ``GET /data/<group>/<type>?<query>`` answers),
then shaped for the page.

- ``kpi``: the latest period (or record) with a value of ``value-attribute``, the one before it and the change;
- ``single_timeseries`` / ``grouped_timeseries``: a line per series (a group of ``category``, default the first
  ``group_by``) with the table of every period;
- ``channel_breakdown``: the count of each channel (summed over periods) and digital take-up = digital / all, where
  digital is every channel named in ``digital-channels``;
- ``completion_rate``: completed / started per period; ``user_satisfaction``: (mean rating - 1) / 4 per period from
  ``rating_1`` … ``rating_5`` and ``total`` (Spotlight's score: 100 % for all "very satisfied", 0 % for all "very
  dissatisfied");
- ``table``: the rows the query answers, one column per ``columns`` entry.

Attributes default to what the query collects: ``count:sum``, ``started:sum``… for a grouped or period query, the
plain field (``count``) for raw records. An attribute the answer does not have is an error at the module's line; a
value that is not a number is shown as no figure, with a warning.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from govpress.api.query import Query, QueryError, parse_query, run_query
from govpress.dashboards import config as conf
from govpress.dashboards import schema
from govpress.dashboards.data import DashboardData, missing_hint
from govpress.dashboards.drawing import Series, bar_chart, data_table, html, line_chart, text_table
from govpress.dashboards.periods import point_label, row_start
from govpress.dashboards.views import FORMATS, KpiBox, ModuleView, kpi_box
from govpress.i18n import N_
from govpress.problems import GovpressError, Problem
from govpress.services.pages import formatting
from govpress.services.pages.words import ENGLISH, Words

UNPUBLISHED = "This data set is unpublished: its figures may change or be inaccurate."  # the data API's warning
UNPUBLISHED_NOTICE = N_("This data set is unpublished: its figures may change or be inaccurate.")
PERIOD, TRANSACTIONS, TAKEUP = N_("Period"), N_("Transactions"), N_("Digital take-up")
CHANNEL, SHARE = N_("Channel"), N_("Share")
LATEST_COMPLETION, LATEST_SATISFACTION = N_("Latest completion rate"), N_("Latest user satisfaction")
STARTED, COMPLETED, COMPLETION = N_("Started"), N_("Completed"), N_("Completion rate")
RESPONSES, SATISFACTION = N_("Responses"), N_("User satisfaction")


@dataclass
class Answer:
    """A module's query and the rows it answered, with the warnings found while reading them."""

    module: conf.ConfiguredModule
    query: Query
    rows: list[dict[str, Any]]
    warnings: list[Problem] = field(default_factory=list)
    words: Words = ENGLISH  # the page's language, for the text the module's view adds

    @property
    def grouped(self) -> bool:
        return not self.query.raw

    def attribute(self, given: str | None, field_name: str) -> str:
        """``given``, or the field's default for this query (``count:sum`` when grouped, ``count`` when raw)."""
        return given or (f"{field_name}:sum" if self.grouped else field_name)

    def require(self, *names: str) -> None:
        """An error at the module's line when the answer has rows but none holds one of ``names``."""
        rows = [{**row, **value} for row in self.rows for value in row.get("values", [row])]
        if not rows:
            return
        held = sorted({key for row in rows for key in row if key != "values"})
        for name in names:
            if not any(name in row for row in rows):
                message = f"{name!r} is not in what the query answers (it has: {', '.join(held)})"
                raise GovpressError(self.module.problem(message))

    def number(self, row: dict[str, Any], name: str) -> Decimal | None:
        value = row.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or not math.isfinite(value):
            message = f"{name!r} holds a value that is not a number ({str(value)[:40]!r}): shown as no figure"
            if not self.warnings:
                self.warnings.append(self.module.problem(message, warning=True))
            return None
        return Decimal(str(value))


def ask(
    module: conf.ConfiguredModule, data: DashboardData, today: datetime | None = None, words: Words = ENGLISH
) -> Answer:
    """Run ``module``'s query on its data set; a located error when the data set is missing or refuses the query."""
    source = module.options.data_source
    found = data.source(source.data_group, source.data_type)
    if found is None:
        message = f"no data set {module.data_set}: {missing_hint(source.data_group, source.data_type)}"
        raise GovpressError(module.problem(message, at_source=True))
    data_set, connection, postgres = found
    try:
        query = parse_query(module.params, data_set.raw_queries, today or datetime.now(UTC))
        rows = run_query(connection, postgres, data_set.name, query)
    except QueryError as error:
        raise GovpressError(module.problem(f"the data API refuses the query: {error}", at_source=True)) from None
    warnings = [] if data_set.published else [module.problem(f"{module.data_set}: {UNPUBLISHED}", warning=True)]
    return Answer(module, query, rows, warnings, words)


def module_view(answer: Answer) -> ModuleView:
    """The page's view of an answered module."""
    options = answer.module.options
    view = _BUILDERS[options.type](answer)
    unpublished = answer.warnings and UNPUBLISHED in answer.warnings[0].message
    notice = answer.words(UNPUBLISHED_NOTICE) if unpublished else ""
    return ModuleView(
        options.title, options.description, view.boxes, view.table_html, view.chart_html, notice, view.empty
    )


def _points(answer: Answer, rows: Sequence[dict[str, Any]], name: str) -> list[tuple[str, Decimal | None]]:
    """(period label, value) of each row with a time, oldest first."""
    timed = sorted((start, row) for row in rows if (start := row_start(row)) is not None)
    return [(point_label(row, answer.query.period, answer.words), answer.number(row, name)) for _, row in timed]


def _kpi(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.KpiModule)
    answer.require(options.value_attribute)
    points = _points(answer, answer.rows, options.value_attribute)
    index = next((i for i in range(len(points) - 1, -1, -1) if points[i][1] is not None), None)
    if index is None:
        return ModuleView(options.title, empty=True)
    label, value = points[index]
    before_label, before = points[index - 1] if index > 0 else ("", None)
    box = kpi_box(options.title, (value, label), (before, before_label), FORMATS[options.format])
    return ModuleView(options.title, boxes=(box,))


def _series_view(
    answer: Answer, labels: list[str], series: list[Series], show: Callable[[Decimal | None], str], axes: schema.Axes
) -> ModuleView:
    title = answer.module.options.title
    if not labels:
        return ModuleView(title, empty=True)
    header = axes.x or answer.words(PERIOD)
    rows = [[label, *(_shown(s.values[i], show) for s in series)] for i, label in enumerate(labels)]
    names = [s.name for s in series]
    table = data_table(title, [header, *names], rows)

    def tick(value: float) -> str:
        return show(Decimal(str(round(value, 10))).normalize())

    chart = line_chart(labels, series, tick, (axes.x, axes.y))
    return ModuleView(title, table_html=html(table), chart_html=chart, empty=not chart)


def _shown(value: float | None, show: Callable[[Decimal | None], str]) -> str:
    return show(Decimal(str(value))) if value is not None else ""


def _floats(values: Sequence[Decimal | None]) -> tuple[float | None, ...]:
    return tuple(float(v) if v is not None else None for v in values)


def _single(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.SingleTimeseries)
    answer.require(options.value_attribute)
    points = _points(answer, answer.rows, options.value_attribute)
    name = options.axes.y or options.title
    series = [Series(name, _floats([v for _, v in points]))]
    return _series_view(answer, [label for label, _ in points], series, FORMATS[options.format], options.axes)


def _grouped(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.GroupedTimeseries)
    category = options.category or answer.query.group_by[0]
    answer.require(options.value_attribute)
    labels: list[str] = []
    series: list[Series] = []
    for group in answer.rows:
        points = _points(answer, group.get("values", []), options.value_attribute)
        labels = labels or [label for label, _ in points]
        series.append(Series(_text(group.get(category)), _floats([v for _, v in points])))
    return _series_view(answer, labels, series, FORMATS[options.format], options.axes)


def _channels(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.ChannelBreakdown)
    count = answer.attribute(options.value_attribute, "count")
    answer.require(options.channel_attribute, count)
    totals: dict[str, Decimal] = {}
    for row in answer.rows:
        values = [answer.number(v, count) for v in row.get("values", [row])]
        name = _text(row.get(options.channel_attribute))
        totals[name] = totals.get(name, Decimal(0)) + sum((v for v in values if v is not None), Decimal(0))
    everything = sum(totals.values(), Decimal(0))
    if not totals:
        return ModuleView(options.title, empty=True)
    digital = sum((v for k, v in totals.items() if k in options.digital_channels), Decimal(0))
    share = (digital / everything) if everything else None
    rows = [
        [name, formatting.grouped(value), formatting.percentage(value / everything if everything else None)]
        for name, value in totals.items()
    ]
    words = answer.words
    table = data_table(options.title, [words(CHANNEL), words(TRANSACTIONS), words(SHARE)], rows)
    counts = data_table(options.title, [words(CHANNEL), words(TRANSACTIONS)], [r[:2] for r in rows], chart=True)
    box = kpi_box(words(TAKEUP), (share, ""), (None, ""), formatting.percentage) if share is not None else None
    return ModuleView(options.title, boxes=(box,) if box else (), table_html=html(table), chart_html=bar_chart(counts))


def _rate_view(
    answer: Answer,
    title: str,
    headers: list[str],
    points: list[tuple[str, list[Decimal | None], Decimal | None]],
    axes: schema.Axes,
    latest: str,
) -> ModuleView:
    """A table of each period's inputs and rate, a line chart of the rate and a KPI box of the latest rate; ``headers``
    and ``latest`` (the box's title) are messages, in the page's language here."""
    if not points:
        return ModuleView(title, empty=True)
    words = answer.words
    headers = [words(header) for header in headers]
    percent = formatting.percentage
    rows = [[label, *(formatting.grouped(v) for v in inputs), percent(rate)] for label, inputs, rate in points]
    table = data_table(title, [axes.x or words(PERIOD), *headers], rows)
    series = [Series(headers[-1], _floats([rate for _, _, rate in points]))]
    chart = line_chart([p[0] for p in points], series, lambda v: percent(Decimal(str(round(v, 10)))), (axes.x, axes.y))
    rated = [(label, rate) for label, _, rate in points if rate is not None]
    boxes: tuple[KpiBox, ...] = ()
    if rated:
        before = rated[-2] if len(rated) > 1 else ("", None)
        boxes = (kpi_box(words(latest), (rated[-1][1], rated[-1][0]), (before[1], before[0]), percent),)
    return ModuleView(title, boxes=boxes, table_html=html(table), chart_html=chart)


def _completion(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.CompletionRate)
    started = answer.attribute(options.started_attribute, "started")
    completed = answer.attribute(options.completed_attribute, "completed")
    answer.require(started, completed)
    points = []
    for label, row in _timed(answer):
        begun, done = answer.number(row, started), answer.number(row, completed)
        rate = done / begun if begun and done is not None else None
        points.append((label, [begun, done], rate))
    return _rate_view(answer, options.title, [STARTED, COMPLETED, COMPLETION], points, options.axes, LATEST_COMPLETION)


def _satisfaction(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.UserSatisfaction)
    ratings = options.rating_attributes or tuple(answer.attribute(None, f"rating_{k}") for k in range(1, 6))
    total_name = answer.attribute(options.total_attribute, "total")
    answer.require(*ratings, total_name)
    points = []
    for label, row in _timed(answer):
        counts = [answer.number(row, name) for name in ratings]
        total = answer.number(row, total_name)
        score = None
        if total and all(c is not None for c in counts):
            mean = sum((k * (c or 0) for k, c in enumerate(counts, start=1)), Decimal(0)) / total
            score = (mean - 1) / 4
        points.append((label, [total], score))
    return _rate_view(answer, options.title, [RESPONSES, SATISFACTION], points, options.axes, LATEST_SATISFACTION)


def _timed(answer: Answer) -> list[tuple[str, dict[str, Any]]]:
    timed = sorted((start, row) for row in answer.rows if (start := row_start(row)) is not None)
    return [(point_label(row, answer.query.period, answer.words), row) for _, row in timed]


def _table(answer: Answer) -> ModuleView:
    options = answer.module.options
    assert isinstance(options, schema.TableModule)
    answer.require(*(column.attribute for column in options.columns))
    rows = []
    for group in answer.rows:
        for row in group.get("values", [group]) if "values" in group else [group]:
            merged = {**group, **row}
            rows.append([_cell(answer, merged, column) for column in options.columns])
    if not rows:
        return ModuleView(options.title, empty=True)
    numeric = [column.format != "text" for column in options.columns]
    table = text_table(options.title, [c.label for c in options.columns], rows, numeric)
    return ModuleView(options.title, table_html=table)


def _cell(answer: Answer, row: dict[str, Any], column: schema.TableColumn) -> str:
    if column.format == "text":
        value = row.get(column.attribute)
        return _text(value)
    return FORMATS[column.format](answer.number(row, column.attribute))


def _text(value: Any) -> str:
    """A value as text: a list (a ``set`` collected) joined by commas; nothing for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


_BUILDERS: dict[str, Callable[[Answer], ModuleView]] = {
    "kpi": _kpi,
    "single_timeseries": _single,
    "grouped_timeseries": _grouped,
    "channel_breakdown": _channels,
    "completion_rate": _completion,
    "user_satisfaction": _satisfaction,
    "table": _table,
}
