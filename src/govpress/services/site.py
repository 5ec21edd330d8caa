"""The explorer inside ``govpress build``: a page generator, used when ``govpress.toml`` names
``services_database`` (a store: SQLite path relative to the project, or a PostgreSQL URL) or ``services_file``
(a data file in any importable format). The pages go under ``performance/``.

The site's generator cache reuses the pages while nothing they were made from changed: the data file or SQLite
file (every page depends on it) and, for a store of either kind, its data version (:func:`cache_key`), which every
import bumps. So a PostgreSQL store's changes show on the next build, as a SQLite file's do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from govpress.site.config import SiteConfig
from govpress.site.pages import Page, PrepareInputs, SiteContext

PREFIX = "performance/"
TITLE = "Service performance"  # the explorer's index page, and its link in the site's navigation
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
DATA_SUFFIXES = frozenset({".csv", ".json"})  # a data file named as the database is read as a data file


def generate_pages(context: SiteContext) -> Iterator[Page]:
    source = context.config.services_database or context.config.services_file
    if not source:
        return
    # Imported here: the explorer (and the database drivers behind it) cost ~0.4 s to import, which a site
    # without service data should not pay on every build.
    from govpress.services.pages.build import explorer_site_pages, load_explorer

    dependencies: tuple[Path, ...] = ()
    if not source.startswith(POSTGRES_SCHEMES):
        path = context.project / source
        source, dependencies = str(path), (path,)
    explorer, problems = load_explorer(source)
    for number, page in enumerate(explorer_site_pages(explorer, context.environment, PREFIX)):
        extra = tuple(problems) if number == 0 else ()
        yield replace(page, dependencies=dependencies, problems=extra)


def site_sections(inputs: PrepareInputs) -> list[tuple[str, str]]:
    """The explorer, as a section of the site's navigation and root index, when the site publishes service data."""
    config = inputs.config
    return [(TITLE, f"/{PREFIX}")] if config.services_database or config.services_file else []


def cache_key(inputs: PrepareInputs) -> str:
    """The data version of the configured store (``""`` without one: a data file is watched as a file).

    Asked by the site's generator cache on every build (see :mod:`govpress.site.generators`): one connection and one
    row read. The store is opened as :func:`generate_pages` opens it (created and migrated when needed).
    """
    database = _database(inputs.project, inputs.config)
    if database is None:
        return ""
    from govpress.services.store import open_store

    store = open_store(database)
    try:
        return store.data_version().key
    finally:
        store.close()


def _database(project: Path, config: SiteConfig) -> str | None:
    """The store the pages are read from: a PostgreSQL URL or a SQLite path; ``None`` for a data file or nothing."""
    source = config.services_database
    if not source:
        return None
    if source.startswith(POSTGRES_SCHEMES):
        return source
    path = project / source
    return None if path.suffix.lower() in DATA_SUFFIXES and path.is_file() else str(path)
