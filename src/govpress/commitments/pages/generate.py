"""Gather every commitments page and file of a site (nothing is written here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from govpress.commitments import urls
from govpress.commitments.export import export_csv, export_json
from govpress.commitments.model import Commitments
from govpress.commitments.pages import views
from govpress.commitments.pages.contexts import ActionsPageContext, Common, OrganisationsPageContext
from govpress.commitments.pages.environment import base_path_of, commitments_environment, layout_name, render_page
from govpress.commitments.pages.links import link_problems
from govpress.commitments.pages.output import CommitmentsOutput, generated_file, generated_page
from govpress.commitments.pages.reports import reports_output
from govpress.commitments.pages.statements import render_intro, render_statement
from govpress.commitments.reports.model import Reports
from govpress.dialect import DialectEngine
from govpress.i18n import gettext_for
from govpress.problems import Problem
from govpress.site.structure.pages import Page


def commitments_output(
    commitments: Commitments,
    reports: Reports | None = None,
    root: Path | None = None,
    environment: Environment | None = None,
    statements: RenderedStatements | None = None,
    *,
    from_data: bool = True,
) -> CommitmentsOutput:
    """Every page and file the commitments add to a site; ``root`` makes the source paths in the open data relative.
    ``statements``: the responses' statements already rendered (:func:`render_statements`), else they are here, and
    sanitised unless ``from_data`` is false (the commitments were read from the publisher's own source pages)."""
    environment = environment or commitments_environment()
    site = Site(layout_name(environment), base_path_of(environment), environment)
    rendered = statements if statements is not None else render_statements(commitments, from_data=from_data)
    problems = [*rendered.problems, *link_problems(commitments)]
    if reports is not None:
        problems += reports.problems
    pages = _commitment_pages(commitments, rendered, site)
    files = [
        generated_file(urls.DATA_JSON, export_json(commitments, root, reports)),
        generated_file(urls.DATA_CSV, export_csv(commitments, root)),
    ]
    if reports is not None and reports.reports:
        shared = views.common(commitments, site.layout, "", (), site.base_path, gettext=gettext_for(environment))
        names = {o.id: o.name for o in commitments.organisations}
        report_pages, report_files = reports_output(reports, shared, environment, names)
        pages += report_pages
        files += report_files
    return CommitmentsOutput(tuple(pages), tuple(files), tuple(problems))


@dataclass(frozen=True)
class RenderedStatements:
    """Every response's statement as HTML, by (action, organisation), and every action's intro, by number, with the
    warnings rendering (and sanitising) gave."""

    html: views.Statements
    problems: tuple[Problem, ...]
    intros: views.Intros = field(default_factory=dict)


def render_statements(commitments: Commitments, *, from_data: bool = True) -> RenderedStatements:
    """The statements and intros as HTML; ``from_data``: they were read from data files (sanitise them), not from
    the publisher's own source pages (see :mod:`govpress.commitments.pages.statements`)."""
    statements: views.Statements = {}
    intros: views.Intros = {}
    problems: list[Problem] = []
    engine = DialectEngine()
    for response in commitments.responses:
        rendered = render_statement(response, engine, from_data=from_data)
        statements[(response.action, response.organisation)] = rendered.html
        problems.extend(rendered.problems)
    for action in commitments.actions:
        if action.intro:
            intro = render_intro(action, engine, from_data=from_data)
            intros[action.number] = intro.html
            problems.extend(intro.problems)
    return RenderedStatements(statements, tuple(problems), intros)


@dataclass(frozen=True)
class Site:
    """What the pages need of the site: its layout, its base path and the environment to render with."""

    layout: str
    base_path: str
    environment: Environment


def _commitment_pages(commitments: Commitments, rendered: RenderedStatements, site: Site) -> list[Page]:
    layout, base, environment = site.layout, site.base_path, site.environment
    gettext = gettext_for(environment)
    statements = rendered.html
    pages: list[Page] = []
    for action in commitments.actions:
        intro = rendered.intros.get(action.number)
        context = views.action_page(commitments, action, statements, layout, base, intro, gettext=gettext)
        pages.append(_page(environment, "action.html", urls.action_url(action.number), context))
    for organisation in commitments.organisations:
        org_context = views.organisation_page(commitments, organisation, statements, layout, base, gettext=gettext)
        pages.append(_page(environment, "organisation.html", urls.organisation_url(organisation.id), org_context))
    pages.append(
        _page(environment, "matrix.html", urls.MATRIX, views.matrix_page(commitments, layout, base, gettext=gettext))
    )
    organisations = [views.organisation_view(commitments, o) for o in commitments.organisations]
    index = OrganisationsPageContext(
        **views.common(commitments, layout, gettext("Organisations and their commitments"), (), base, gettext=gettext),
        organisations=organisations,
    )
    pages.append(_page(environment, "organisations.html", urls.ORGANISATIONS_INDEX, index))
    actions = ActionsPageContext(
        **views.common(commitments, layout, gettext("Actions"), (), base, gettext=gettext),
        actions=[views.action_view(commitments, a) for a in commitments.actions],
        organisations=organisations,
    )
    pages.append(_page(environment, "actions.html", urls.ACTIONS_INDEX, actions))
    return pages


def _page(environment: Environment, template: str, url: str, context: Common) -> Page:
    return generated_page(url, context["page_title"], render_page(environment, template, {**context, "page_url": url}))
