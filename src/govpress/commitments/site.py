"""The commitments' page generator for ``govpress build`` (:class:`CommitmentsGenerator`, in
:mod:`govpress.site.structure.registry`).

Its preparation reads the project's commitments (native data or legacy partials) in a worker; :meth:`generate` reads
the reports too, renders every commitments page with the site's environment and returns them as
:class:`~govpress.site.structure.pages.Page` values; a project with neither gives nothing; :meth:`feeds` names the
reports' feed beforehand (every page links to it). Overlay
data folders (``data_dirs`` in ``govpress.toml``, when the site's settings have that key) are searched for
``reports.yaml`` before the project's ``data/``. When the site's ``base_url`` is absolute the reports' Atom feed links
to it (unless ``reports.yaml`` sets its own ``base_url``); when it is a path (``/plan/``), the feed's links start
with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govpress.commitments.model import Action, Commitments, Organisation, Response
from govpress.commitments.native.load import is_native_project
from govpress.commitments.pages.generate import RenderedStatements, commitments_output, render_statements
from govpress.commitments.pages.output import CommitmentsOutput
from govpress.commitments.pages.reports import FEED
from govpress.commitments.project import has_commitments, load_commitments
from govpress.commitments.reports.exemplars import EXEMPLARS_FILE
from govpress.commitments.reports.load import REPORTS_FILE, find_data_file, load_reports
from govpress.commitments.reports.model import Figure, Reports
from govpress.commitments.urls import ACTIONS_INDEX, MATRIX, ORGANISATIONS_INDEX, action_url, organisation_url
from govpress.problems import GovpressError, Problem
from govpress.services.explorer_urls import PREFIX as EXPLORER_PREFIX
from govpress.services.site import ServicesGenerator, site_explorer
from govpress.site.layout.templates import compile_templates
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext, page_at


def overlay_folders(context: SiteContext) -> list[Path]:
    """The overlay data folders the site's settings name (none when the settings have no ``data_dirs``)."""
    names: Sequence[str] = getattr(context.config, "data_dirs", None) or ()
    return [context.project / name for name in names]


TEMPLATE_FOLDER = "commitments/"


@dataclass(frozen=True)
class PreparedCommitments:
    """The work done before the site's pages are rendered: the commitments read and their statements rendered."""

    commitments: Commitments
    statements: RenderedStatements
    outputs: tuple[PurePosixPath, ...]


class CommitmentsGenerator(BaseGenerator[PreparedCommitments]):
    """Every commitments page and file of the site, and the reports' feed."""

    name = "commitments"
    prepares = True

    def prepare(self, inputs: PrepareInputs) -> PreparedCommitments | None:
        """Read the commitments and render their statements, and compile the commitments' templates (the build runs
        this in a worker, alongside the source pages); ``None`` when the project has no commitments."""
        if not has_commitments(inputs.project, inputs.source_dir):
            return None
        commitments = load_commitments(inputs.project, source=inputs.source_dir)
        if inputs.template_cache is not None:
            compile_templates(inputs.template_cache, TEMPLATE_FOLDER)
        # Native data files come from other hands and are sanitised; legacy partials are the publisher's own source.
        statements = render_statements(commitments, from_data=is_native_project(inputs.project))
        return PreparedCommitments(commitments, statements, _outputs(commitments))

    def generate(self, context: SiteContext, prepared: PreparedCommitments | None = None) -> list[Page]:
        """Every commitments page and file of the site (an empty list when the project has no commitments)."""
        project = context.project
        if prepared is None:
            prepared = self.prepare(PrepareInputs(project, context.source_dir, context.config))
        if prepared is None:
            return []
        commitments = prepared.commitments
        overlays = overlay_folders(context)
        ids = [o.id for o in commitments.organisations]
        reports = load_reports(project, overlays, organisations=ids, source_dir=context.source_dir)
        site_url = context.config.base_url
        if reports is not None and reports.base_url is None and site_url != "/":
            reports = dataclasses.replace(reports, base_url=site_url)
        service_files: tuple[Path, ...] = ()
        if reports is not None:
            reports, service_files = _with_service_figures(reports, context)
        output = commitments_output(commitments, reports, project, context.environment, prepared.statements)
        data_files = (find_data_file(project, name, overlays) for name in (REPORTS_FILE, EXEMPLARS_FILE))
        return as_pages(output, commitments, [path for path in data_files if path is not None], service_files)

    def feeds(self, inputs: PrepareInputs) -> list[tuple[str, str]]:
        """The reports' Atom feed as ``(title, site path)``, when :meth:`generate` will make one (none when the
        reports cannot be read: :meth:`generate` reports why)."""
        if not has_commitments(inputs.project, inputs.source_dir):
            return []
        overlays = [inputs.project / name for name in inputs.config.data_dirs]
        try:
            reports = load_reports(inputs.project, overlays, source_dir=inputs.source_dir)
        except GovpressError:
            return []
        if reports is None or not reports.reports:
            return []
        return [(reports.title, f"{reports.url}{FEED}")]

    def cache_key(self, inputs: PrepareInputs) -> str:
        """The data version of the site's service store, which the exemplar pages show figures from (``""`` without
        one)."""
        return ServicesGenerator().cache_key(inputs)

    def outputs(self, inputs: PrepareInputs) -> list[PurePosixPath]:
        """The output paths of the pages :meth:`generate` makes (its report pages aside), known before the site is
        rendered: the build does not render the source pages they replace."""
        if not has_commitments(inputs.project, inputs.source_dir):
            return []
        return list(_outputs(load_commitments(inputs.project, history=False, source=inputs.source_dir)))


def _with_service_figures(reports: Reports, context: SiteContext) -> tuple[Reports, tuple[Path, ...]]:
    """``reports`` with its exemplars' service figures and the explorer's service pages, when the site publishes service
    data and an exemplar names a service (a warning at that line for a service the data does not have); and the files
    the figures were read from."""
    wanted = [e for e in reports.exemplars if e.service]
    found = site_explorer(context.project, context.config) if wanted else None
    if found is None:
        return reports, ()
    explorer, files = found
    from govpress.services.pages.generate import latest_figures
    from govpress.services.pages.words import words_for

    words = words_for(context.environment)  # the figures' names and periods in the site's language
    views = {view.slug: view for view in explorer.services}
    assumptions = context.config.savings.assumptions()
    figures: dict[str, tuple[Figure, ...]] = {}
    warnings: list[Problem] = []
    for exemplar in wanted:
        view = views.get(exemplar.service or "")
        if view is not None:
            figures[view.slug] = tuple(Figure(*figure) for figure in latest_figures(view, assumptions, words))
            continue
        where = exemplar.service_source
        message = f"exemplar {exemplar.id!r}: service {exemplar.service!r} is not in the site's performance data"
        warnings.append(Problem.warning(message, where.path if where else None, where.line if where else None))
    service_pages = f"/{EXPLORER_PREFIX}service-details/"
    updated = dataclasses.replace(
        reports, service_pages=service_pages, figures=figures, problems=reports.problems + tuple(warnings)
    )
    return updated, files


def _outputs(commitments: Commitments) -> tuple[PurePosixPath, ...]:
    urls = [action_url(a.number) for a in commitments.actions]
    urls += [organisation_url(o.id) for o in commitments.organisations]
    return tuple(page_at(url) for url in (*urls, MATRIX, ORGANISATIONS_INDEX, ACTIONS_INDEX))


def as_pages(
    output: CommitmentsOutput, commitments: Commitments, extra: list[Path], service_files: tuple[Path, ...] = ()
) -> list[Page]:
    """The generated pages and files as site pages; each statement's warnings go on its action page. ``extra``: the
    reports' and exemplars' data files; ``service_files``: the service data the exemplar pages show figures from.
    A reports page's source is the last of ``extra`` (its exemplars' file when there is one)."""
    dependencies = _sources(commitments) + tuple(extra) + service_files
    problems = _problems_by_page(output.problems, commitments)
    own = {url.as_posix() for url in _outputs(commitments)}
    pages = [
        dataclasses.replace(
            page,
            source=(
                extra[-1]
                if extra and (page.section or page.output.as_posix() not in own)
                else _page_source(page.url, commitments)
            ),
            dependencies=dependencies,
            problems=problems.get(page.url, ()),
        )
        for page in output.pages
    ]
    pages += [dataclasses.replace(file, dependencies=dependencies) for file in output.files]
    return pages


def _sources(commitments: Commitments) -> tuple[Path, ...]:
    values: list[Action | Organisation | Response] = [
        *commitments.actions,
        *commitments.organisations,
        *commitments.responses,
    ]
    return tuple(dict.fromkeys(Path(v.source.path) for v in values if v.source))


def _page_source(url: str, commitments: Commitments) -> Path | None:
    """The file a page is made from: its action's or organisation's, else the file that lists the actions."""
    named: list[Action | Organisation] = [a for a in commitments.actions if action_url(a.number) == url]
    named += [o for o in commitments.organisations if organisation_url(o.id) == url]
    found = next((v.source for v in [*named, *commitments.actions] if v.source), None)
    return Path(found.path) if found else None


def _problems_by_page(problems: Sequence[Problem], commitments: Commitments) -> dict[str, tuple[Problem, ...]]:
    by_path = {r.source.path: action_url(r.action) for r in commitments.responses if r.source}
    placed: dict[str, list[Problem]] = {}
    for problem in problems:
        url = by_path.get(problem.path or "", action_url(commitments.actions[0].number))
        placed.setdefault(url, []).append(problem)
    return {url: tuple(found) for url, found in placed.items()}
