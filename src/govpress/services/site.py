"""The explorer inside ``govpress build``: a page generator, used when ``govpress.toml`` names
``services_database`` (a store: SQLite path relative to the project, or a PostgreSQL URL) or ``services_file``
(a data file in any importable format). The pages go under ``performance/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from govpress.services.pages.build import explorer_site_pages, load_explorer
from govpress.site.pages import Page, SiteContext

PREFIX = "performance/"


def generate_pages(context: SiteContext) -> Iterator[Page]:
    source = context.config.services_database or context.config.services_file
    if not source:
        return
    if not source.startswith(("postgresql://", "postgres://")):
        source = str(context.project / source)
    explorer, problems = load_explorer(source)
    for number, page in enumerate(explorer_site_pages(explorer, context.environment, PREFIX)):
        yield replace(page, problems=tuple(problems)) if number == 0 else page
