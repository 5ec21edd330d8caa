"""The explorer inside ``govpress build``: a page generator, used when ``govpress.toml`` names
``services_database`` (a store: SQLite path relative to the project, or a PostgreSQL URL) or ``services_file``
(a data file in any importable format). The pages go under ``performance/``.

Every page depends on the data file or SQLite file, so the site's generator cache rebuilds them when it changes
(a PostgreSQL store has no file to watch: a clean build picks up its changes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from govpress.site.pages import Page, SiteContext

PREFIX = "performance/"


def generate_pages(context: SiteContext) -> Iterator[Page]:
    source = context.config.services_database or context.config.services_file
    if not source:
        return
    # Imported here: the explorer (and the database drivers behind it) cost ~0.4 s to import, which a site
    # without service data should not pay on every build.
    from govpress.services.pages.build import explorer_site_pages, load_explorer

    dependencies: tuple[Path, ...] = ()
    if not source.startswith(("postgresql://", "postgres://")):
        path = context.project / source
        source, dependencies = str(path), (path,)
    explorer, problems = load_explorer(source)
    for number, page in enumerate(explorer_site_pages(explorer, context.environment, PREFIX)):
        extra = tuple(problems) if number == 0 else ()
        yield replace(page, dependencies=dependencies, problems=extra)
