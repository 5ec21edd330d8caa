"""The page generators a build runs, found by module name: ``govpress.commitments.site`` and
``govpress.services.site``, each with ``generate_pages(context: SiteContext) -> Iterable[Page]``.

A generator module that is not there (yet) is skipped. A module may also have ``generated_outputs(project,
source_dir) -> Iterable[PurePosixPath]``, the output paths it will make, so the build does not render the source
pages they replace (:func:`planned_outputs`), ``site_sections(inputs)`` and ``site_feeds(inputs)``, the sections and
feeds it adds to every page's navigation and ``<head>`` (:func:`generated_sections`, :func:`generated_feeds`), and
``prepare_pages(inputs: PrepareInputs) -> object``, the part of its work that needs no rendered page: the build
runs it in a worker process while the source pages render (:func:`start_preparations`) and hands its (picklable)
result to ``generate_pages`` as ``context.prepared[module name]``; a generator must work without it too.

Problems a generator raises stop the build with their locations; warnings travel on its pages. A generator's pages
are cached: while every file they depend on (and the folders holding those files) is unchanged, with the same
settings and code, the generator is not called again. A module whose pages also read what no file shows (a
database server) may have ``cache_key(inputs: PrepareInputs) -> str``, a cheap digest of it (a data version): the
pages are then reused only while it returns the same, and a key that cannot be had (it raises) counts as changed.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Protocol, runtime_checkable

from govpress.site.engine.cache import FileStamp, GeneratedEntry, key_of, stamps_of
from govpress.site.engine.workers import Workers
from govpress.site.settings.config import load_config
from govpress.site.structure.pages import Page, PageGenerator, PrepareInputs, SiteContext

logger = logging.getLogger(__name__)
GENERATOR_MODULES = (
    "govpress.commitments.site",
    "govpress.services.site",
    "govpress.dashboards.site",
    "govpress.site.layout.not_found",
    "govpress.video.site",
    "govpress.site.layout.cookies",
)
ENTRY_POINT = "generate_pages"
OUTPUTS_ENTRY_POINT = "generated_outputs"
PREPARE_ENTRY_POINT = "prepare_pages"
CACHE_KEY_ENTRY_POINT = "cache_key"
SECTIONS_ENTRY_POINT = "site_sections"
FEEDS_ENTRY_POINT = "site_feeds"
OutputsPlanner = Callable[[Path, Path], Iterable[PurePosixPath]]


def site_generators() -> list[PageGenerator]:
    found: list[PageGenerator] = []
    for name in GENERATOR_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            logger.debug("no page generator %s", name)
            continue
        generator = getattr(module, ENTRY_POINT, None)
        if callable(generator):
            found.append(generator)
    return found


@dataclass(frozen=True)
class Generated:
    pages: tuple[Page, ...]
    entries: dict[str, GeneratedEntry]


def unchanged_entries(cache: Mapping[str, GeneratedEntry]) -> dict[str, GeneratedEntry]:
    """The cached generators' entries whose inputs (files, folders, cache keys) are all unchanged. A build checks them
    here, once, and hands the result to :func:`start_preparations`, :func:`planned_outputs` and
    :func:`run_generators` (a cache key may cost a query to a database server)."""
    return {name: entry for name, entry in cache.items() if all(stamp.unchanged() for stamp in entry.stamps)}


def run_generators(
    generators: Sequence[PageGenerator],
    context: SiteContext,
    unchanged: Mapping[str, GeneratedEntry],
    fingerprint: str,
) -> Generated:
    """Every generator's pages, from its cached entry when that is ``unchanged`` (:func:`unchanged_entries`) and made
    with the same settings and code."""
    pages: list[Page] = []
    entries: dict[str, GeneratedEntry] = {}
    for generator in generators:
        name = _name(generator)
        key = key_of(fingerprint, name, context.config.model_dump_json(), context.site_name, str(context.project))
        entry = unchanged.get(name)
        if entry is None or entry.key != key:
            keyed = _key_stamp(generator, context)  # before the generator reads: a change meanwhile shows next time
            made = tuple(generator(context))
            logger.info("%s made %d pages", name, len(made))
            entry = GeneratedEntry(key, made, stamps_of(_inputs(made)) + keyed)
        if entry.pages:
            entries[name] = entry
        pages.extend(entry.pages)
    return Generated(tuple(pages), entries)


def _inputs(pages: Sequence[Page]) -> list[Path]:
    files = sorted({path for page in pages for path in page.dependencies})
    return [*files, *sorted({path.parent for path in files})]


@dataclass(frozen=True)
class KeyStamp(FileStamp):
    """The ``cache_key`` a generator module gave for the project at ``path`` (as ``digest``): unchanged while the
    module gives the same key. Kept with the pages like the stamps of the files they read, so every check of them
    sees it. The key is asked again with the project's ``govpress.toml`` as it is: the settings are not kept, as
    they may hold a password and the cache lies in the output folder (a setting given on the command line that
    the key depends on only makes the pages be made again)."""

    module: str = ""
    known: bool = True  # False: the key could not be had, so the pages are never reused

    def unchanged(self) -> bool:
        if not self.known:
            return False
        try:
            config = load_config(self.path)
            inputs = PrepareInputs(self.path, self.path / config.source, config)
            return _cache_key(importlib.import_module(self.module), inputs) == self.digest
        except Exception as error:  # the generator runs again and reports the problem properly
            logger.debug("%s: no cache key (%s); its pages are made again", self.module, error)
            return False


def _key_stamp(generator: PageGenerator, context: SiteContext) -> tuple[FileStamp, ...]:
    module = _module(generator)
    if not callable(getattr(module, CACHE_KEY_ENTRY_POINT, None)):
        return ()
    inputs = PrepareInputs(context.project, context.source_dir, context.config)
    try:
        return (KeyStamp(context.project, 0, 0, _cache_key(module, inputs), module.__name__),)
    except Exception as error:  # the generator reports the problem properly, if it has one
        logger.debug("%s: no cache key (%s); its pages will be made again next time", module.__name__, error)
        return (KeyStamp(context.project, 0, 0, "", module.__name__, known=False),)


def _cache_key(module: ModuleType, inputs: PrepareInputs) -> str:
    return str(getattr(module, CACHE_KEY_ENTRY_POINT)(inputs))


def start_preparations(
    generators: Sequence[PageGenerator],
    inputs: PrepareInputs,
    unchanged: Mapping[str, GeneratedEntry],
    workers: Workers,
) -> dict[str, Future[object]]:
    """Submit the ``prepare_pages(inputs)`` of every generator module that has one (and whose cached pages are not
    ``unchanged``) to ``workers``; by module name."""
    started: dict[str, Future[object]] = {}
    for generator in generators:
        if _name(generator) in unchanged:
            continue
        module = _module(generator)
        preparer = getattr(module, PREPARE_ENTRY_POINT, None)
        if callable(preparer) and module.__name__ not in started:
            started[module.__name__] = workers.submit(preparer, inputs)
    return started


def finish_preparations(started: Mapping[str, Future[object]]) -> dict[str, object]:
    """The preparations' results. One that failed is left out: its generator then does the work itself, and raises
    any problem from this process, with its locations."""
    finished: dict[str, object] = {}
    for name, future in started.items():
        try:
            finished[name] = future.result()
        except Exception as error:  # the generator repeats the work and reports it properly
            logger.debug("%s: preparation failed (%s); the generator will do the work itself", name, error)
    return finished


@runtime_checkable
class PlannedPages(Protocol):
    """A preparation that knows the output paths of the pages its generator will make."""

    outputs: tuple[PurePosixPath, ...]


def planned_outputs(
    generators: Sequence[PageGenerator],
    project: Path,
    source_dir: Path,
    unchanged: Mapping[str, GeneratedEntry],
    preparations: Mapping[str, Future[object]] | None = None,
) -> frozenset[str]:
    """The output paths the generators will make, as far as known before the site is rendered: a generator's pages
    of the last build when its entry is ``unchanged``, else the ``outputs`` of its module's preparation (waiting for
    it; see :func:`start_preparations`), else its module's ``generated_outputs``."""
    planned: set[str] = set()
    for generator in generators:
        entry = unchanged.get(_name(generator))
        if entry is not None:
            planned.update(str(page.output) for page in entry.pages if not page.section)  # sections replace nothing
            continue
        prepared = _result((preparations or {}).get(_module(generator).__name__))
        if isinstance(prepared, PlannedPages):
            planned.update(str(output) for output in prepared.outputs)
            continue
        planner = _planner(generator)
        if planner is not None:
            planned.update(str(output) for output in planner(project, source_dir))
    return frozenset(planned)


def generated_sections(generators: Sequence[PageGenerator], inputs: PrepareInputs) -> list[tuple[str, str]]:
    """The sections the generators' modules add to the site's navigation and root index, as ``(text, site path)``
    (``/performance/``), in generator order: each module's ``site_sections(inputs) -> Iterable[tuple[str, str]]``."""
    found: list[tuple[str, str]] = []
    for module in dict.fromkeys(_module(generator) for generator in generators):
        sections = getattr(module, SECTIONS_ENTRY_POINT, None)
        if callable(sections):
            found.extend((str(text), str(path)) for text, path in sections(inputs))
    return found


def generated_feeds(generators: Sequence[PageGenerator], inputs: PrepareInputs) -> list[tuple[str, str]]:
    """The feeds the generators' modules will make, as ``(title, site path)``, for every page's feed discovery link:
    each module's ``site_feeds(inputs) -> Iterable[tuple[str, str]]``, in generator order."""
    found: list[tuple[str, str]] = []
    for module in dict.fromkeys(_module(generator) for generator in generators):
        feeds = getattr(module, FEEDS_ENTRY_POINT, None)
        if callable(feeds):
            found.extend((str(title), str(path)) for title, path in feeds(inputs))
    return found


def _result(future: Future[object] | None) -> object:
    try:
        return future.result() if future is not None else None
    except Exception:  # finish_preparations logs it; the generator does the work itself
        return None


def _planner(generator: PageGenerator) -> OutputsPlanner | None:
    planner = getattr(_module(generator), OUTPUTS_ENTRY_POINT, None)
    return planner if callable(planner) else None


def _module(generator: PageGenerator) -> ModuleType:
    return importlib.import_module(getattr(generator, "__module__", None) or "builtins")


def _name(generator: PageGenerator) -> str:
    return f"{getattr(generator, '__module__', '')}.{getattr(generator, '__qualname__', repr(generator))}"
