"""The pydantic model of ``data/reports.yaml`` (the quarterly reports and their exemplar figures).

::

    title: Quarterly progress reports           # optional: the list page's and the feed's title
    base_url: https://www.example.gov.uk        # optional: makes the Atom feed's links absolute
    exemplars:                                  # optional: the services followed across reports
      - id: lasting-power-of-attorney
        name: Lasting Power of Attorney
        organisation: ministry-of-justice       # optional; must be a known organisation
    reports:
      - id: october-13
        title: Quarterly Progress Report October 2013
        date: 2013-10-31                        # publication date (the feed's and the list's order)
        url: /digital/quarterly-reports/october-13/
        summary: …                              # optional
        exemplars:                              # optional
          total: 25                             # optional (default: the sum of the counts)
          counts:                               # where only counts are known
            - {phase: beta, count: 11}
            - {phases: [alpha, beta], count: 9, note: at alpha or beta}
          services:                             # where each service's phase is known
            lasting-power-of-attorney: beta

Phases: not-started, initial-engagement, discovery, alpha, beta, live.
"""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, model_validator

from govpress.commitments.reports.model import Phase

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountEntry(_Strict):
    phase: Phase | None = None
    phases: list[Phase] | None = Field(default=None, min_length=2)
    count: StrictInt = Field(ge=0)  # strict: true or 2.5 is a mistake, not a count
    note: Text | None = None

    @model_validator(mode="after")
    def _one_of_phase_or_phases(self) -> CountEntry:
        if (self.phase is None) == (self.phases is None):
            raise ValueError("give either 'phase' or 'phases' (a combined figure)")
        return self


class ExemplarFigures(_Strict):
    total: StrictInt | None = Field(default=None, ge=0)
    counts: list[CountEntry] = []
    services: dict[Slug, Phase] = {}


class ReportEntry(_Strict):
    id: Slug
    title: Text
    date: datetime.date
    url: Text
    summary: Text | None = None
    exemplars: ExemplarFigures | None = None


class ExemplarEntry(_Strict):
    id: Slug
    name: Text
    organisation: Slug | None = None


class ReportsFile(_Strict):
    title: Text = "Progress reports"
    base_url: Text | None = None
    exemplars: list[ExemplarEntry] = []
    reports: list[ReportEntry]
