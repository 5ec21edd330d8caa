"""The dashboards inside ``govpress build``: a page generator (:class:`DashboardsGenerator`, listed in
:mod:`govpress.site.structure.registry`).

A site that publishes service data (``services_database`` or ``services_file``) gets a dashboard per service that
has figures; a site with ``dashboards/*.yaml`` gets those dashboards and their index. Every problem of a
configuration or of a module's query stops the build with its file and line; a module's warnings travel on its page.

The generator cache reuses the pages while their files (dashboards, data set files, a data file or SQLite store) and
:meth:`DashboardsGenerator.cache_key` are unchanged. The key holds the store's data version and the data API's write
record (see :func:`govpress.dashboards.data.cache_key`), the names of the dashboard and data set files (so a new one
is seen), and, when dashboards are configured, today's date (a query such as ``duration=8`` counts back from today).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from itertools import chain
from pathlib import Path

from govpress.dashboards.config import FOLDER, DashboardConfig, dashboard_files, load_dashboards
from govpress.dashboards.data import DashboardData, data_set_files, open_data, store_address
from govpress.dashboards.pages import INDEX_TITLE, PREFIX, Board, board_pages, service_pages
from govpress.problems import GovpressError, Problem
from govpress.services.pages.words import ENGLISH, Words, words_for
from govpress.services.site import service_data
from govpress.site.engine.stamps import utc_day
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext


class DashboardsGenerator(BaseGenerator[None]):
    """A dashboard per service with figures, the configured dashboards and their index."""

    name = "dashboards"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        project, config = context.project, context.config
        publishes_services = service_data(project, config) is not None
        if not publishes_services and not dashboard_files(project):
            return
        configured = load_dashboards(project)
        if not publishes_services and not configured:
            return
        data = open_data(project, config)
        try:  # the pages one at a time, as they are made (10,000 services: 10,000 dashboards)
            boards = answer_boards(configured, data, words=words_for(context.environment))
            extra = tuple(data.problems)
            pages = chain(_service_pages(context, data), board_pages(context.environment, boards, publishes_services))
            for number, page in enumerate(pages):
                yield page if number or not extra else replace(page, problems=page.problems + extra)
        finally:
            data.close()

    def sections(self, inputs: PrepareInputs) -> list[tuple[str, str]]:
        """The dashboards' index in the site's navigation, for a site with dashboards but no explorer (whose home
        page lists them otherwise)."""
        if service_data(inputs.project, inputs.config) is not None or not dashboard_files(inputs.project):
            return []
        return [(INDEX_TITLE, f"/{PREFIX}dashboards/")]

    def cache_key(self, inputs: PrepareInputs) -> str:
        """See the module's docstring; raises (the pages are made again) when the store cannot be opened."""
        from govpress.dashboards.data import cache_key as data_key

        project = inputs.project
        boards = dashboard_files(project)
        names = [str(p.relative_to(project)) for p in (*boards, *data_set_files(project))]
        today = utc_day() if boards else ""
        parts = [data_key(project, inputs.config), today, *names, str(Path(FOLDER))]
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()

    def key_day(self, inputs: PrepareInputs) -> str | None:
        """Today, when the key holds nothing else that no file shows: dashboards are configured (the day is in the
        key) and no store is read (the names of the dashboards' files are the project's, and a data file is watched
        as a file)."""
        if not dashboard_files(inputs.project) or store_address(inputs.project, inputs.config) is not None:
            return None
        return utc_day()


def _service_pages(context: SiteContext, data: DashboardData) -> Iterator[Page]:
    if data.contents is None:
        return
    from govpress.dashboards.services import has_figures, service_modules
    from govpress.services.explorer import build_explorer

    explorer = build_explorer(data.contents)
    words = words_for(context.environment)
    for view in explorer.services:
        if has_figures(view):
            modules = service_modules(view, explorer.newest, words)
            yield from service_pages(context.environment, view, modules, data.files)


def answer_boards(
    configured: list[DashboardConfig], data: DashboardData, today: datetime | None = None, words: Words = ENGLISH
) -> list[Board]:
    """Each dashboard's modules answered from ``data``, their text in ``words``' language; a :class:`GovpressError`
    with every module's error."""
    from govpress.dashboards.modules import ask, module_view

    boards: list[Board] = []
    problems: list[Problem] = []
    for dashboard in configured:
        views = []
        warnings: list[Problem] = []
        for module in dashboard.modules:
            try:
                answer = ask(module, data, today, words)
                views.append(module_view(answer))
            except GovpressError as error:
                problems.extend(error.problems)
                continue
            warnings.extend(answer.warnings)
        files = (dashboard.path, *data.files)
        boards.append(
            Board(dashboard.slug, dashboard.title, dashboard.description, tuple(views), files, tuple(warnings))
        )
    if problems:
        raise GovpressError(problems)
    return boards
