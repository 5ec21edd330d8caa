"""Dashboards: one per service (Spotlight's high-volume-transaction dashboard) and those configured in the project's
``dashboards/*.yaml``, published by ``govpress build`` as static pages with server-drawn charts and their tables.

- :mod:`~govpress.dashboards.config` and :mod:`~govpress.dashboards.schema`: the YAML format, validated with pydantic,
  every problem at its file and line;
- :mod:`~govpress.dashboards.data`: where the figures come from (the services store and the data API's data sets);
- :mod:`~govpress.dashboards.services`: the per-service dashboard, from the explorer's own figures;
- :mod:`~govpress.dashboards.modules`: a configured module's query run through the API's own query code;
- :mod:`~govpress.dashboards.drawing`: tables, bar charts (:mod:`govpress.charts`) and SVG line charts;
- :mod:`~govpress.dashboards.site`: the page generator.
"""
