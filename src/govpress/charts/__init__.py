"""Tables drawn as charts on the server (the legacy site's magna-charta, without JavaScript).

:func:`chart_for_table` draws the chart of one ``<table>`` element. The Markdown tree processor that draws a chart
after every chart table of a document is a dialect rule (:mod:`govpress.dialect.charts`), so this package knows
nothing of Markdown. See ``docs/charts.md``.
"""

from __future__ import annotations

from govpress.charts.build import chart_for_table

__all__ = ["chart_for_table"]
