"""Read ``reports.yaml`` (from an overlay data folder or the project's ``data/``) into :class:`Reports`.

The legacy corpus has no such file; its figures (legacy-site.md §3.4) live in a data folder that a build is pointed
at (``overlays``), so that nothing about particular reports is written in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from govpress.commitments.model import SourceRef
from govpress.commitments.native.yamlfile import YamlDocument, load_yaml, validate
from govpress.commitments.reports.discover import discover_reports
from govpress.commitments.reports.exemplars import EXEMPLARS_FILE, load_exemplars_into
from govpress.commitments.reports.model import Exemplar, PhaseCount, Report, Reports
from govpress.commitments.reports.schema import ReportEntry, ReportsFile
from govpress.problems import GovpressError, Problem
from govpress.safe_output import link_refusal
from govpress.safe_output.links import shown

REPORTS_FILE = "reports.yaml"


def find_data_file(project: Path, name: str, overlays: Sequence[Path] = ()) -> Path | None:
    """``name`` in the first overlay folder that has it, else in ``project/data``; ``None`` when nowhere."""
    for folder in (*overlays, project / "data"):
        if (folder / name).is_file():
            return folder / name
    return None


def load_reports(
    project: Path,
    overlays: Sequence[Path] = (),
    organisations: Sequence[str] | None = None,
    source_dir: Path | None = None,
) -> Reports | None:
    """The project's reports, newest first; without a reports file, the report pages found in ``source_dir``
    (:mod:`govpress.commitments.reports.discover`); ``None`` when there are neither. The exemplars of an
    ``exemplars.yaml`` beside the reports are added (:mod:`govpress.commitments.reports.exemplars`)."""
    path = find_data_file(project, REPORTS_FILE, overlays)
    if path is None:
        reports = discover_reports(source_dir) if source_dir is not None else None
    else:
        reports = _read_reports(path, organisations)
    exemplars_path = find_data_file(project, EXEMPLARS_FILE, overlays)
    if exemplars_path is not None:
        reports = load_exemplars_into(reports, exemplars_path, organisations)
    return reports


def _read_reports(path: Path, organisations: Sequence[str] | None) -> Reports:
    document = load_yaml(path)
    parsed = validate(ReportsFile, document)
    exemplars = tuple(Exemplar(e.id, e.name, e.organisation) for e in parsed.exemplars)
    reports = [_report(entry, index, document) for index, entry in enumerate(parsed.reports)]
    problems = _check(parsed, document, organisations)
    if problems:
        raise GovpressError(problems)
    reports.sort(key=lambda r: (r.date, r.id), reverse=True)
    warnings = _link_warnings(parsed, document)
    base_url = parsed.base_url if parsed.base_url is None or _base_url_refusal(parsed.base_url) is None else None
    return Reports(tuple(reports), exemplars, base_url, parsed.title, tuple(warnings))


def _base_url_refusal(base_url: str) -> str | None:
    """Why ``base_url`` cannot make the feed's links absolute: it must be a safe http or https address."""
    refusal = link_refusal(base_url)
    if refusal is None and not base_url.lower().startswith(("http://", "https://")):
        refusal = "it is not an http:// or https:// address"
    return refusal


def report_url_refusal(url: str) -> str | None:
    """Why ``url`` cannot be a report's ``url``: it names the report's own page, a path on this site (``/…/``)."""
    refusal = link_refusal(url)
    if refusal is None and not url.startswith("/"):
        refusal = "it must be the path of the report's page on this site, starting with /"
    if refusal is None and ".." in url.split("/"):
        refusal = "a '..' segment is not allowed in it"
    return refusal


def _link_warnings(parsed: ReportsFile, document: YamlDocument) -> list[Problem]:
    """A warning for a ``base_url`` that cannot be used (the reports' ``url`` are checked by :func:`_check`)."""
    problems: list[Problem] = []
    refusal = _base_url_refusal(parsed.base_url) if parsed.base_url is not None else None
    if parsed.base_url is not None and refusal is not None:
        message = f"base_url {shown(parsed.base_url)} is not used (the feed's links stay relative): {refusal}"
        problems.append(Problem.warning(message, document.path, document.line(("base_url",))))
    return problems


def _report(entry: ReportEntry, index: int, document: YamlDocument) -> Report:
    figures = entry.exemplars
    counts = tuple(
        PhaseCount(tuple(c.phases) if c.phases else (c.phase,) if c.phase else (), c.count, c.note)
        for c in (figures.counts if figures else [])
    )
    return Report(
        id=entry.id,
        title=entry.title,
        date=entry.date.isoformat(),
        url=entry.url,
        summary=entry.summary,
        total=figures.total if figures else None,
        counts=counts,
        services=tuple(figures.services.items()) if figures else (),
        source=SourceRef(str(document.path), document.line(("reports", index))),
    )


def _check(parsed: ReportsFile, document: YamlDocument, organisations: Sequence[str] | None) -> list[Problem]:
    """Unknown exemplars or organisations, duplicate ids, counts over the total."""
    problems: list[Problem] = []
    path = document.path
    known = {e.id for e in parsed.exemplars}
    for index, exemplar in enumerate(parsed.exemplars):
        if organisations is not None and exemplar.organisation and exemplar.organisation not in organisations:
            line = document.line(("exemplars", index, "organisation"))
            problems.append(Problem.error(f"unknown organisation {exemplar.organisation!r}", path, line))
    seen: set[str] = set()
    for index, report in enumerate(parsed.reports):
        if report.id in seen:
            problems.append(
                Problem.error(f"report {report.id!r} is listed twice", path, document.line(("reports", index)))
            )
        seen.add(report.id)
        refusal = report_url_refusal(report.url)
        if refusal is not None:
            line = document.line(("reports", index, "url"))
            problems.append(Problem.error(f"report {report.id!r}: url {shown(report.url)}: {refusal}", path, line))
        if report.exemplars is None:
            continue
        for service in report.exemplars.services:
            if service not in known:
                line = document.line(("reports", index, "exemplars", "services", service))
                problems.append(Problem.error(f"unknown exemplar {service!r} (add it to 'exemplars')", path, line))
        counted = sum(c.count for c in report.exemplars.counts)
        total = report.exemplars.total
        if total is not None and counted > total:
            line = document.line(("reports", index, "exemplars", "total"))
            problems.append(Problem.error(f"the counts add up to {counted}, more than the total {total}", path, line))
    return problems
