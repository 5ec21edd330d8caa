"""The reports pages: the list (newest first), the Atom feed, progress across reports, and each report's exemplars.

A report's exemplar table (and its chart, and the services it names) is a *section* of the report's own page (a source
page, whose legacy text is left as it is): a page with ``section=True`` at the report's URL
(:func:`~govpress.commitments.pages.output.generated_page`), which the site build adds to the end of that page's main
content (:mod:`govpress.site.structure.additions`).
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Environment

from govpress.commitments.pages.contexts import (
    Common,
    ExemplarPageContext,
    FigureView,
    Link,
    ProgressPageContext,
    ReportNavigationContext,
    ReportSectionContext,
    ReportsPageContext,
    ReportView,
    ServiceView,
    TimelineStep,
)
from govpress.commitments.pages.environment import render_page
from govpress.commitments.pages.output import generated_file, generated_page
from govpress.commitments.reports.feed import atom_feed
from govpress.commitments.reports.model import Exemplar, Report, Reports
from govpress.commitments.reports.tables import progress_table, report_table, table_with_chart
from govpress.i18n import gettext_for
from govpress.site.structure.pages import Page

FEED = "feed.atom"
PROGRESS = "exemplars/"
SECTION_ID = "exemplar-services"


def report_view(report: Report) -> ReportView:
    has_figures = bool(report.phase_counts())
    return ReportView(
        id=report.id,
        title=report.title,
        date=report.date,
        url=report.url,
        summary=report.summary,
        exemplars_url=f"{report.url}#{SECTION_ID}",
        table_html=table_with_chart(report_table(report)) if has_figures else None,
    )


def reports_output(
    reports: Reports, common: Common, environment: Environment, organisation_names: Mapping[str, str]
) -> tuple[list[Page], list[Page]]:
    """The list page, one exemplars section per report with figures, the progress page and the feed.

    ``organisation_names`` gives the name shown for an exemplar's organisation id (the id when it is unknown).
    """
    feed_url = f"{reports.url}{FEED}"
    progress_url = f"{reports.url}{PROGRESS}"
    views = [report_view(r) for r in reports.reports]
    pages = [
        _page(
            environment,
            "reports.html",
            reports.url,
            ReportsPageContext(
                **(common | {"page_title": reports.title}),
                reports=views,
                feed_url=feed_url,
                progress_url=progress_url if any(v["table_html"] for v in views) else "",
            ),
        )
    ]
    for number, (report, view) in enumerate(zip(reports.reports, views, strict=True)):
        if view["table_html"] is not None:
            context = ReportSectionContext(
                report=view,
                services=_services(reports, report, organisation_names, progress_url),
                reports_url=reports.url,
                progress_url=progress_url,
            )
            html = render_page(environment, "report-section.html", context)
            pages.append(generated_page(report.url, f"Exemplar services: {report.title}", html, section=True))
        navigation = _navigation(environment, reports, number, list_link=view["table_html"] is None)
        if navigation is not None:
            pages.append(navigation)
    if any(view["table_html"] for view in views):
        exemplar_pages = _exemplar_pages(reports, common, environment, organisation_names, progress_url)
        gettext = gettext_for(environment)
        table = table_with_chart(progress_table([r for r in reports.reports if r.phase_counts()]))
        context_progress = ProgressPageContext(
            **(common | {"page_title": gettext("Exemplar services across the reports")}),
            table_html=table,
            exemplar_links=[Link(url=page.url, text=page.title or "") for page in exemplar_pages],
            reports_url=reports.url,
            feed_url=feed_url,
        )
        pages.append(_page(environment, "exemplars.html", progress_url, context_progress))
        pages += exemplar_pages
    feed = atom_feed(reports, reports.title, feed_url, reports.url)
    return pages, [generated_file(feed_url, feed)]


def _navigation(environment: Environment, reports: Reports, number: int, *, list_link: bool) -> Page | None:
    """The section that links report ``number`` (newest first) to the one published before it and the one after (and
    to the list, with ``list_link``); ``None`` when it would link nothing."""
    older = reports.reports[number + 1] if number + 1 < len(reports.reports) else None
    newer = reports.reports[number - 1] if number > 0 else None
    if older is None and newer is None and not list_link:
        return None
    context = ReportNavigationContext(
        previous=Link(url=older.url, text=older.title) if older else None,
        next=Link(url=newer.url, text=newer.title) if newer else None,
        reports_url=reports.url,
        list_link=list_link,
    )
    html = render_page(environment, "report-navigation.html", context)
    report = reports.reports[number]
    return generated_page(report.url, f"Navigation: {report.title}", html, section=True)


def _exemplar_pages(
    reports: Reports,
    common: Common,
    environment: Environment,
    organisation_names: Mapping[str, str],
    progress_url: str,
) -> list[Page]:
    """A page per exemplar named in some report: its phase at each report (oldest first) and its service's figures."""
    pages: list[Page] = []
    for exemplar in reports.exemplars:
        timeline = _timeline(reports, exemplar)
        if not timeline:
            continue
        figures = reports.figures.get(exemplar.service or "")
        service_url = f"{reports.service_pages}{exemplar.service}.html" if figures is not None else None
        context = ExemplarPageContext(
            **(common | {"page_title": exemplar.name}),
            organisation=_organisation_name(exemplar.organisation, organisation_names),
            name=exemplar.name,
            timeline=timeline,
            service_url=service_url,
            service=exemplar.service,
            figures=[FigureView(title=f.title, value=f.value, period=f.period) for f in figures or ()],
            publishes_figures=reports.service_pages is not None,
            reports_url=reports.url,
            progress_url=progress_url,
        )
        pages.append(_page(environment, "exemplar.html", f"{progress_url}{exemplar.id}/", context))
    return pages


def _timeline(reports: Reports, exemplar: Exemplar) -> list[TimelineStep]:
    since = {step.report: step.date for step in exemplar.phases}
    steps: list[TimelineStep] = []
    for report in reversed(reports.reports):
        phase = dict(report.services).get(exemplar.id)
        if phase is not None:
            steps.append(
                TimelineStep(
                    report_title=report.title,
                    report_url=report.url,
                    report_date=report.date,
                    phase=phase.label,
                    since=since.get(report.id),
                )
            )
    return steps


def _services(
    reports: Reports, report: Report, organisation_names: Mapping[str, str], progress_url: str
) -> list[ServiceView]:
    views: list[ServiceView] = []
    for service_id, phase in report.services:
        exemplar = reports.exemplar(service_id)
        views.append(
            ServiceView(
                name=exemplar.name if exemplar else service_id,
                organisation=_organisation_name(exemplar.organisation, organisation_names) if exemplar else None,
                phase=phase.label,
                url=f"{progress_url}{service_id}/" if exemplar else None,
            )
        )
    return views


def _organisation_name(organisation: str | None, names: Mapping[str, str]) -> str | None:
    return names.get(organisation, organisation) if organisation else None


def _page(environment: Environment, template: str, url: str, context: Common) -> Page:
    return generated_page(url, context["page_title"], render_page(environment, template, {**context, "page_url": url}))
