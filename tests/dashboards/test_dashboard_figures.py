"""What each configured module computes from the data API's answer, through the path ``govpress build`` runs (a data
set file, the API's record checks and query, the module): user satisfaction, completion rate, digital take-up, the
KPI's latest value and change, gaps in a line chart, and the value axis."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from govpress.dashboards.config import load_dashboards
from govpress.dashboards.data import open_data
from govpress.dashboards.drawing import Series, _scale, line_chart
from govpress.dashboards.site import answer_boards
from govpress.dashboards.views import ModuleView
from govpress.site.settings.config import load_config

WEEKS = "start_at: '2026-01-05T00:00:00Z', end_at: '2026-01-26T00:00:00Z'"


def _module(tmp_path: Path, records: list[dict[str, object]], module: str) -> ModuleView:
    """The view of one module over the data set ``test/figures`` holding ``records``."""
    data_file = tmp_path / "dashboards/data/test/figures.json"
    data_file.parent.mkdir(parents=True)
    data_file.write_text(json.dumps(records), encoding="utf-8")
    source = "  data-source:\n    data-group: test\n    data-type: figures\n"
    (tmp_path / "dashboards/d.yaml").write_text(f"title: T\nmodules:\n{module.replace('SOURCE', source)}")
    data = open_data(tmp_path, load_config(tmp_path))
    try:
        [board] = answer_boards(load_dashboards(tmp_path), data, datetime(2026, 2, 1, tzinfo=UTC))
    finally:
        data.close()
    [view] = board.modules
    return view


def _cells(view: ModuleView) -> list[list[str]]:
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", view.table_html)
    return [re.findall(r">([^<>]*)</t[hd]>", row) for row in rows]


def _week(day: int, **fields: object) -> dict[str, object]:
    return {"_timestamp": f"2026-01-{day:02d}T09:00:00Z", **fields}


def test_user_satisfaction_is_the_mean_rating_less_one_over_four(tmp_path: Path) -> None:
    records = [
        _week(5, rating_1=0, rating_2=0, rating_3=0, rating_4=0, rating_5=10, total=10),  # all very satisfied
        _week(12, rating_1=10, rating_2=0, rating_3=0, rating_4=0, rating_5=0, total=10),  # all very dissatisfied
        _week(19, rating_1=1, rating_2=1, rating_3=1, rating_4=1, rating_5=4, total=8),  # mean 3.75
    ]
    collect = ", ".join(f"'rating_{k}:sum'" for k in range(1, 6))
    view = _module(
        tmp_path,
        records,
        f"- type: user_satisfaction\n  title: S\nSOURCE    query: {{period: week, {WEEKS}, "
        f"collect: [{collect}, 'total:sum']}}\n",
    )
    assert _cells(view)[1:] == [
        ["5 Jan 2026", "10", "100%"],
        ["12 Jan 2026", "10", "0%"],
        ["19 Jan 2026", "8", "68.8%"],
    ]
    assert view.boxes[0].value == "68.8%" and view.boxes[0].direction == ""  # 0% before: no ratio


def test_completion_rate_is_completed_over_started(tmp_path: Path) -> None:
    records = [
        _week(5, started=200, completed=150),
        _week(12, started=0, completed=0),
        _week(19, started=80, completed=60),
    ]
    view = _module(
        tmp_path,
        records,
        f"- type: completion_rate\n  title: C\nSOURCE    query: {{period: week, {WEEKS}, "
        "collect: ['started:sum', 'completed:sum']}\n",
    )
    assert _cells(view)[1:] == [
        ["5 Jan 2026", "200", "150", "75%"],
        ["12 Jan 2026", "0", "0", ""],
        ["19 Jan 2026", "80", "60", "75%"],
    ]
    box = view.boxes[0]
    assert (box.value, box.period, box.previous, box.previous_period, box.direction) == (
        "75%",
        "19 Jan 2026",
        "75%",
        "5 Jan 2026",
        "no change",
    )


def test_digital_take_up_counts_every_digital_channel(tmp_path: Path) -> None:
    records = [
        _week(5, channel="online", count=60),
        _week(12, channel="app", count=15),
        _week(12, channel="paper", count=20),
        _week(19, channel="phone", count=5),
    ]
    view = _module(
        tmp_path,
        records,
        "- type: channel_breakdown\n  title: B\nSOURCE    query: {group_by: channel, collect: 'count:sum'}\n"
        "  digital-channels: [online, app]\n",
    )
    assert view.boxes[0].value == "75%"
    assert _cells(view)[1:] == [
        ["app", "15", "15%"],
        ["online", "60", "60%"],
        ["paper", "20", "20%"],
        ["phone", "5", "5%"],
    ]
    assert view.chart_html.startswith('<div class="mc-chart horizontal-bar-chart"')


def test_a_kpi_is_the_latest_period_with_a_value_and_its_change(tmp_path: Path) -> None:
    records = [_week(5, count=100), _week(12, count=80)]  # the week of 19 January has no record
    view = _module(
        tmp_path,
        records,
        f"- type: kpi\n  title: K\nSOURCE    query: {{period: week, {WEEKS}, collect: 'count:sum'}}\n"
        "  value-attribute: count:sum\n  format: currency\n",
    )
    box = view.boxes[0]
    assert (box.value, box.period, box.previous, box.change, box.direction) == (
        "£80.00",
        "12 Jan 2026",
        "£100",
        "-20%",
        "decrease",
    )


def test_a_period_without_a_value_breaks_the_line(tmp_path: Path) -> None:
    records = [_week(5, count=10), _week(19, count=30)]
    view = _module(
        tmp_path,
        records,
        f"- type: single_timeseries\n  title: L\nSOURCE    query: {{period: week, {WEEKS}, collect: 'count:sum'}}\n"
        "  value-attribute: count:sum\n",
    )
    assert _cells(view)[1:] == [["5 Jan 2026", "10"], ["12 Jan 2026", ""], ["19 Jan 2026", "30"]]
    assert "<polyline" not in view.chart_html  # two single points: nothing to join
    assert view.chart_html.count("<circle") == 2
    assert view.chart_html.startswith('<div class="dashboard-line-chart" aria-hidden="true"><svg')


def test_a_table_shows_text_escaped_and_figures_formatted(tmp_path: Path) -> None:
    records = [{"name": "<b>Ferry</b>", "cost": 1234.5}]
    view = _module(
        tmp_path,
        records,
        "- type: table\n  title: T\nSOURCE  columns:\n  - {attribute: name, label: Name}\n"
        "  - {attribute: cost, label: Cost, format: currency}\n",
    )
    assert '<td class="govuk-table__cell">&lt;b&gt;Ferry&lt;/b&gt;</td>' in view.table_html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">£1.23k</td>' in view.table_html


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (3.0, 97.0, (0.0, 100.0, 25.0)),
        (0.0, 0.0, (0.0, 0.25, 0.25)),
        (-40.0, 90.0, (-50.0, 100.0, 50.0)),
        (1_200_000.0, 1_350_000.0, (0.0, 1_500_000.0, 500_000.0)),
    ],
)
def test_the_value_axis_starts_at_zero_and_ends_on_a_round_number(
    low: float, high: float, expected: tuple[float, float, float]
) -> None:
    assert _scale(low, high) == expected


def test_a_line_chart_with_several_series_has_a_key() -> None:
    chart = line_chart(["a", "b"], [Series("x", (1.0, 2.0)), Series("<y>", (2.0, None))], str, ("", ""))
    assert chart.count("<polyline") == 1 and "<span>&lt;y&gt;</span>" in chart
    assert line_chart(["a"], [Series("x", (None,))], str, ("", "")) == ""
