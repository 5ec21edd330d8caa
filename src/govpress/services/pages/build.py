"""Rendering the explorer's pages with the site's Jinja2 environment, as :class:`govpress.site.structure.pages.Page`
values,
and writing them (with the downloads, the search script and the site's static files) into a folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from jinja2 import Environment

from govpress.problems import GovpressError, Problem
from govpress.services.explorer import Explorer, build_explorer
from govpress.services.importing import import_file
from govpress.services.pages.downloads import departments_json, search_json, services_csv, services_json
from govpress.services.pages.generate import PageSpec, explorer_pages
from govpress.services.pages.savings_pages import realised_csv, savings_csv, savings_json, savings_pages
from govpress.services.pages.words import words_for
from govpress.services.savings import Assumptions
from govpress.services.store import Store, open_store
from govpress.services.store_address import is_postgres
from govpress.site.layout.templates import make_environment
from govpress.site.settings.brand import uses_crown_images
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.pages import Page, url_of
from govpress.site.write.assets import copy_static

log = logging.getLogger(__name__)
DATA_SUFFIXES = frozenset({".csv", ".json"})
STANDALONE_NAME = "Service performance"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildResult:
    pages: list[Path]
    problems: list[Problem]


def open_source(source: str | Path, *, create: bool = False) -> tuple[Store, list[Problem]]:
    """A store: the one at ``source`` (made empty there only with ``create``), or an in-memory one holding the data
    file ``source``."""
    path = Path(source)
    if path.suffix.lower() in DATA_SUFFIXES and not is_postgres(str(source)):
        if path.is_file():
            store = open_store(":memory:")
            return store, import_file(store, path).problems
        if not path.exists():
            raise GovpressError(Problem.error("no such data file", path))
    return open_store(source, create=create), []


def load_explorer(source: str | Path, *, create: bool = False) -> tuple[Explorer, list[Problem]]:
    store, problems = open_source(source, create=create)
    try:
        return build_explorer(store.contents()), problems
    finally:
        store.close()


def render(environment: Environment, spec: PageSpec, prefix: str = "") -> str:
    """One explorer page (``prefix``: the explorer's folder in the site, for the page's own URL)."""
    page_url = url_of(prefix + spec.path)
    context = {**spec.context, "root": spec.root, "page_path": spec.path, "page_url": page_url}
    return environment.get_template(f"services/{spec.template}").render(context)


def explorer_site_pages(
    explorer: Explorer, environment: Environment, prefix: str = "", assumptions: Assumptions | None = None
) -> Iterator[Page]:
    """Every page and download of the explorer, under ``prefix`` (``""`` or a folder such as ``"performance/"``);
    the savings estimates use ``assumptions`` (default: the report's)."""
    assumptions = assumptions or Assumptions()
    estimates = savings_pages(explorer, assumptions)  # once, for the pages and the downloads
    for spec in explorer_pages(explorer, assumptions, words_for(environment), estimates):
        yield Page(
            PurePosixPath(prefix + spec.path), render(environment, spec, prefix), title=spec.context["page_title"]
        )
    downloads = {
        "data/services.csv": services_csv(explorer),
        "data/services.json": services_json(explorer),
        "data/departments.json": departments_json(explorer),
        "data/search.json": search_json(explorer),
        "data/savings.csv": savings_csv(estimates),
        "data/savings-realised.csv": realised_csv(estimates, explorer),
        "data/savings.json": savings_json(estimates, explorer),
    }
    for path, text in downloads.items():
        yield Page(PurePosixPath(prefix + path), text.encode("utf-8"))
    script = resources.files("govpress") / "templates" / "services" / "search.js"
    yield Page(PurePosixPath(prefix + "assets/services/search.js"), script.read_bytes())


def build_service_pages(
    source: str | Path,
    out: Path,
    progress: Progress | None = None,
    config: SiteConfig | None = None,
    *,
    create: bool = False,
) -> BuildResult:
    """Build the explorer from a store (SQLite path or PostgreSQL URL) or a data file into the folder ``out``.
    A store that does not exist is an error, unless ``create`` (an empty store is made, and an empty explorer built).

    The pages use the site's layout and static files (copied to ``out/static/``), for a site served at
    ``config.base_url`` (default ``/``).
    """
    explorer, problems = load_explorer(source, create=create)
    config = config or SiteConfig(site_name=STANDALONE_NAME)
    environment = make_environment(config)
    pages = list(explorer_site_pages(explorer, environment, assumptions=config.savings.assumptions()))
    written = []
    for number, page in enumerate(pages, start=1):
        target = out / page.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.data())
        written.append(target)
        if progress:
            progress(number, len(pages))
    copy_static(out, config.govuk_brand, crown_images=uses_crown_images(config))
    log.info("wrote %d service pages and files to %s", len(written), out)
    return BuildResult(written, problems)
