"""Tables drawn as charts on the server (the legacy site's magna-charta, without JavaScript).

:func:`chart_for_table` draws the chart of one ``<table>`` element; :data:`CHART_PROCESSORS` registers the
tree processor that draws a chart after every chart table of a Markdown document. See ``docs/charts.md``.
"""

from __future__ import annotations

from govpress.charts.build import chart_for_table
from govpress.charts.processor import CHART_PROCESSORS, ChartTreeprocessor

__all__ = ["CHART_PROCESSORS", "ChartTreeprocessor", "chart_for_table"]
