"""The explorer inside ``govpress build``: a page generator (:class:`ServicesGenerator`), used when ``govpress.toml``
names ``services_database`` (a store: SQLite path relative to the project, or a PostgreSQL URL) or ``services_file``
(a data file in any importable format). The pages go under ``performance/``.

The site's generator cache reuses the pages while nothing they were made from changed: the data file or SQLite
file (every page depends on it) and, for a store of either kind, its data version
(:meth:`ServicesGenerator.cache_key`), which every import bumps. So a PostgreSQL store's changes show on the next
build, as a SQLite file's do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from govpress.problems import GovpressError, Problem
from govpress.services.explorer_urls import PREFIX, TITLE
from govpress.services.store_address import display_address, is_postgres
from govpress.site.settings.config import SiteConfig
from govpress.site.settings.files import CONFIG_NAME
from govpress.site.settings.toml_lines import key_line
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

if TYPE_CHECKING:
    from govpress.services.explorer import Explorer

DATA_SUFFIXES = frozenset({".csv", ".json"})  # a data file named as the database is read as a data file
T = TypeVar("T")


@dataclass(frozen=True)
class ServiceData:
    """Where the explorer's data comes from: the setting that names it, and a store's address or a data file."""

    setting: str  # "services_database" or "services_file"
    written: str  # the value as written in govpress.toml
    address: str  # a store: SQLite path or PostgreSQL address ("" for a data file)
    data_file: Path | None  # a data file, imported into a store in memory


class ServicesGenerator(BaseGenerator[None]):
    """The explorer's pages under ``performance/``, and its section of the navigation. It owns the ``[savings]``
    table (:mod:`govpress.services.savings_settings`)."""

    name = "services"
    settings_section = "savings"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        data = service_data(context.project, context.config)
        if data is None:
            return
        if data.setting == "services_file":
            _check_data_file(context.project, data)
        # Imported here: the explorer (and the database drivers behind it) cost ~0.4 s to import, which a site
        # without service data should not pay on every build.
        from govpress.services.pages.build import explorer_site_pages

        explorer, problems = _at_setting(context.project, data, lambda: _load(data))
        dependencies = (data.data_file,) if data.data_file else _file_of(data)
        pages = explorer_site_pages(explorer, context.environment, PREFIX, context.config.savings.assumptions())
        for number, page in enumerate(pages):
            extra = tuple(problems) if number == 0 else ()
            yield replace(page, dependencies=dependencies, problems=extra)

    def sections(self, inputs: PrepareInputs) -> list[tuple[str, str]]:
        """The explorer, as a section of the site's navigation and root index, when the site publishes service
        data."""
        config = inputs.config
        return [(TITLE, f"/{PREFIX}")] if config.services_database or config.services_file else []

    def cache_key(self, inputs: PrepareInputs) -> str:
        """The data version of the configured store (``""`` without one: a data file is watched as a file).

        Asked by the site's generator cache on every build (see :mod:`govpress.site.structure.generators`): one
        connection and one row read. The store must exist (a build never creates one): when it cannot be opened this
        raises, the pages are made again and :meth:`generate` reports the problem at the setting's line.
        """
        data = service_data(inputs.project, inputs.config)
        if data is None or data.data_file is not None:
            return ""
        from govpress.services.store import open_store

        store = open_store(data.address, create=False)
        try:
            return store.data_version().key
        finally:
            store.close()


def site_explorer(project: Path, config: SiteConfig) -> tuple[Explorer, tuple[Path, ...]] | None:
    """The explorer of the site's service data and the files it was read from (``None``: the site publishes none),
    for other generators' pages. Its problems are reported by :meth:`ServicesGenerator.generate`, once."""
    data = service_data(project, config)
    if data is None:
        return None
    if data.setting == "services_file":
        _check_data_file(project, data)
    explorer, _ = _at_setting(project, data, lambda: _load(data))
    return explorer, (data.data_file,) if data.data_file else _file_of(data)


def service_data(project: Path, config: SiteConfig) -> ServiceData | None:
    """The explorer's data named by ``config`` (``None``: the site publishes none).

    ``services_database`` is a PostgreSQL address or a SQLite path relative to the project (an existing ``.csv`` or
    ``.json`` file there is read as a data file); ``services_file`` is a data file (:func:`_check_data_file`). A
    missing store is found when it is opened (:func:`_load`): a build never creates one.
    """
    if config.services_database:
        written = config.services_database
        if is_postgres(written):
            return ServiceData("services_database", written, written, None)
        path = project / written
        is_data = path.suffix.lower() in DATA_SUFFIXES and path.is_file()
        return ServiceData("services_database", written, "" if is_data else str(path), path if is_data else None)
    if not config.services_file:
        return None
    return ServiceData("services_file", config.services_file, "", project / config.services_file)


def _check_data_file(project: Path, data: ServiceData) -> None:
    """``services_file`` names an existing ``.csv`` or ``.json`` file (never read as a store, never made empty)."""
    path = data.data_file
    if path is None or path.suffix.lower() not in DATA_SUFFIXES:
        _fail(project, data, "expected a data file ending in .csv or .json")
    if not path.is_file():
        _fail(project, data, "this is a folder, not a data file" if path.is_dir() else "no such data file")


def _load(data: ServiceData) -> tuple[Explorer, list[Problem]]:
    from govpress.services.explorer import build_explorer
    from govpress.services.importing import import_file
    from govpress.services.store import open_store

    store = open_store(data.address or ":memory:", create=data.data_file is not None)
    try:
        problems = import_file(store, data.data_file).problems if data.data_file else []
        return build_explorer(store.contents()), problems
    finally:
        store.close()


def _file_of(data: ServiceData) -> tuple[Path, ...]:
    """The SQLite file a store's pages depend on (none for a PostgreSQL store: its data version says)."""
    return () if is_postgres(data.address) else (Path(data.address),)


def _at_setting(project: Path, data: ServiceData, work: Callable[[], T]) -> T:
    """``work()``, with the problems of opening the store reported at the setting's line of ``govpress.toml`` (the
    problems of a data file keep their own places)."""
    try:
        return work()
    except GovpressError as error:
        store = display_address(data.address) if data.address else None
        if store is None or not any(problem.path == store for problem in error.problems):
            raise
        _fail(project, data, "; ".join(p.message for p in error.problems if p.path == store))


def _fail(project: Path, data: ServiceData, message: str) -> NoReturn:
    """Stop with ``message`` at the line of ``govpress.toml`` that names the data."""
    config = project / CONFIG_NAME
    try:
        line = key_line(config.read_text(encoding="utf-8-sig").splitlines(), data.setting)
    except (OSError, UnicodeDecodeError):
        line = None
    shown = display_address(data.written)
    raise GovpressError(Problem.error(f"{data.setting} = {shown!r}: {message}", config, line))
