"""``exemplars.yaml``: the exemplar services as data, beside ``reports.yaml`` (an overlay folder or ``data/``).

::

    exemplars:
    - id: lasting-power-of-attorney
      name: Lasting Power of Attorney
      organisation: ministry-of-justice     # optional; a known organisation id
      service: lasting-power-of-attorney    # optional; the explorer service's slug
      phases:                               # its phase at each report
      - {report: july-13, phase: alpha, date: 2013-05-01}   # date (optional): when it entered the phase
      - {report: october-13, phase: beta}

Each exemplar's phase at a report is added to that report's named services (the report pages' exemplar tables and the
progress page are drawn from them). Every mistake is an error at its line: unknown keys, an unknown phase, a date that
is not a date, an unknown organisation, an unknown report, an exemplar listed twice (here or in ``reports.yaml``), a
report named twice for one exemplar, a phase that differs from the one ``reports.yaml`` gives.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from govpress.commitments.model import SourceRef
from govpress.commitments.native.yamlfile import YamlDocument, load_yaml, validate
from govpress.commitments.reports.model import Exemplar, Phase, PhaseStep, Report, Reports
from govpress.problems import GovpressError, Problem

EXEMPLARS_FILE = "exemplars.yaml"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhaseEntry(_Strict):
    report: Slug
    phase: Phase
    date: datetime.date | None = None


class ExemplarEntry(_Strict):
    id: Slug
    name: Text
    organisation: Slug | None = None
    service: Slug | None = None
    phases: list[PhaseEntry] = []


class ExemplarsFile(_Strict):
    exemplars: list[ExemplarEntry]


def read_exemplars(document: YamlDocument) -> tuple[Exemplar, ...]:
    """The exemplars in ``document`` (checked for their schema only)."""
    parsed = validate(ExemplarsFile, document)
    return tuple(
        Exemplar(
            e.id,
            e.name,
            e.organisation,
            e.service,
            tuple(PhaseStep(p.report, p.phase, p.date.isoformat() if p.date else None) for p in e.phases),
            _service_source(document, index) if e.service else None,
        )
        for index, e in enumerate(parsed.exemplars)
    )


def _service_source(document: YamlDocument, index: int) -> SourceRef:
    return SourceRef(str(document.path), document.line(("exemplars", index, "service")))


def with_exemplars(reports: Reports, document: YamlDocument, organisations: Sequence[str] | None) -> Reports:
    """``reports`` with the exemplars of ``document`` added, and their phases added to each report's services."""
    exemplars = read_exemplars(document)
    problems = _check(exemplars, reports, document, organisations)
    if problems:
        raise GovpressError(problems)
    updated: list[Report] = []
    for report in reports.reports:
        named = dict(report.services)
        added = [(e.id, step.phase) for e in exemplars for step in e.phases if step.report == report.id]
        services = report.services + tuple((name, phase) for name, phase in added if name not in named)
        updated.append(dataclasses.replace(report, services=services))
    return dataclasses.replace(reports, reports=tuple(updated), exemplars=reports.exemplars + exemplars)


def load_exemplars_into(reports: Reports | None, path: Path, organisations: Sequence[str] | None) -> Reports:
    """Read ``path`` (an ``exemplars.yaml``) into ``reports``; an error when there are no reports to follow."""
    document = load_yaml(path)
    if reports is None or not reports.reports:
        message = "there are no reports for the exemplars' phases (add reports.yaml or report pages)"
        raise GovpressError(Problem.error(message, path, 1))
    return with_exemplars(reports, document, organisations)


def _check(
    exemplars: tuple[Exemplar, ...], reports: Reports, document: YamlDocument, organisations: Sequence[str] | None
) -> list[Problem]:
    problems: list[Problem] = []
    path = document.path
    report_ids = [r.id for r in reports.reports]
    seen = {e.id for e in reports.exemplars}
    for index, exemplar in enumerate(exemplars):
        loc: tuple[str | int, ...] = ("exemplars", index)
        if exemplar.id in seen:
            problems.append(Problem.error(f"exemplar {exemplar.id!r} is listed twice", path, document.line(loc)))
        seen.add(exemplar.id)
        if organisations is not None and exemplar.organisation and exemplar.organisation not in organisations:
            line = document.line((*loc, "organisation"))
            problems.append(Problem.error(f"unknown organisation {exemplar.organisation!r}", path, line))
        problems += _check_phases(exemplar, reports, document, loc, report_ids)
    return problems


def _check_phases(
    exemplar: Exemplar, reports: Reports, document: YamlDocument, loc: tuple[str | int, ...], report_ids: list[str]
) -> list[Problem]:
    problems: list[Problem] = []
    path = document.path
    named: set[str] = set()
    for number, step in enumerate(exemplar.phases):
        line = document.line((*loc, "phases", number, "report"))
        if step.report not in report_ids:
            known = ", ".join(sorted(report_ids))
            problems.append(Problem.error(f"unknown report {step.report!r} (the reports are: {known})", path, line))
            continue
        if step.report in named:
            message = f"exemplar {exemplar.id!r} has two phases at report {step.report!r}"
            problems.append(Problem.error(message, path, line))
        named.add(step.report)
        report = next(r for r in reports.reports if r.id == step.report)
        stated: Phase | None = dict(report.services).get(exemplar.id)
        if stated is not None and stated is not step.phase:
            message = (
                f"exemplar {exemplar.id!r} is {step.phase.value} at report {step.report!r} here but "
                f"{stated.value} in reports.yaml"
            )
            problems.append(Problem.error(message, path, document.line((*loc, "phases", number, "phase"))))
    return problems
