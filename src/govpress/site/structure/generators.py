"""Running the site's page generators (:mod:`govpress.site.structure.generator`; the registered ones are in
:mod:`govpress.site.structure.registry`): their preparations in workers, the outputs they plan, their sections and
feeds, and their pages, cached.

A generator's pages are cached: while every file they depend on (and the folders holding those files) is unchanged,
with the same settings and code, the generator is not called again. A generator whose pages also read what no file
shows (a database server) has a ``cache_key``: the pages are then reused only while it returns the same, and a key
that cannot be had (it raises) counts as changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from govpress.problems import GovpressError
from govpress.site.engine.bodies import BodyWriter, StoredBody
from govpress.site.engine.cache import GeneratedEntry
from govpress.site.engine.stamps import FileStamp, KeyStamp, key_of, stamps_of
from govpress.site.engine.workers import Workers
from govpress.site.layout.templates import set_sections
from govpress.site.structure.additions import sections_by_url
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

if TYPE_CHECKING:  # the protocol only types these functions: the command line need not import it
    from govpress.site.structure.generator import Generator

    AnyGenerator = Generator[Any]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Generated:
    """The generators' pages and their cache entries. A page with its content on disk is light (``stored``, by
    output path: where its content is; the last page made at a path counts, as in the site); :meth:`whole` reads it
    back."""

    pages: tuple[Page, ...]
    entries: dict[str, GeneratedEntry]
    stored: Mapping[str, StoredBody] = field(default_factory=dict)

    def whole(self, page: Page) -> Page:
        """``page`` (not a section) with its content (read back when it is stored)."""
        body = self.stored.get(str(page.output))
        return page if body is None or page.section else body.read(page)


def unchanged_entries(
    cache: Mapping[str, GeneratedEntry], generators: Sequence[AnyGenerator]
) -> dict[str, GeneratedEntry]:
    """The cached generators' entries whose inputs (files, folders, ``generators``' cache keys) are all unchanged. A
    build checks them here, once, and hands the result to :func:`start_preparations`, :func:`planned_outputs` and
    :func:`run_generators` (a cache key may cost a query to a database server)."""
    return {name: entry for name, entry in cache.items() if stamps_unchanged(entry.stamps, generators)}


def stamps_unchanged(stamps: Sequence[FileStamp], generators: Sequence[AnyGenerator]) -> bool:
    """Whether every file stamp, and every cache key stamp (asked of its generator in ``generators``), is unchanged."""
    by_name = {generator.name: generator for generator in generators}
    return all(
        stamp.unchanged_with(by_name.get(stamp.generator)) if isinstance(stamp, KeyStamp) else stamp.unchanged()
        for stamp in stamps
    )


def run_generators(
    generators: Sequence[AnyGenerator],
    context: SiteContext,
    unchanged: Mapping[str, GeneratedEntry],
    fingerprint: str,
    prepared: Mapping[str, object] | None = None,
    *,
    take: Callable[[Page, StoredBody | None], None] | None = None,
    bodies: Path | None = None,
) -> Generated:
    """Every generator's pages, from its cached entry when that is ``unchanged`` (:func:`unchanged_entries`) and made
    with the same settings, code and sections; ``prepared``: the preparations' results by generator name
    (:func:`finish_preparations`). ``take`` is given each page that is not a section as it is made (whole, with
    ``None``) or taken from the cache (light, with where its content is, when it is stored): the build writes it and
    takes its facts; with ``bodies`` (a folder of this user's), the contents of those pages are kept there
    (:mod:`govpress.site.engine.bodies`) and only light pages are held.

    Each generator renders with the sections the generators before it made (``context.environment``'s
    ``generated_sections``: :mod:`govpress.site.structure.additions`), and the environment is left with every
    section, for the source pages' layouts."""
    pages: list[Page] = []
    entries: dict[str, GeneratedEntry] = {}
    sections: list[Page] = []
    stored: dict[str, StoredBody] = {}
    for generator in generators:
        name = generator.name
        offered = [(str(p.output), str(p.content)) for p in sections]  # what its pages may show
        set_sections(context.environment, sections_by_url(sections))
        config = context.config.model_dump_json()
        key = key_of(fingerprint, name, config, context.site_name, str(context.project), offered)
        entry = unchanged.get(name)
        if entry is None or entry.key != key or not _taken(entry, take):
            keyed = _key_stamp(generator, context)  # before the generator reads: a change meanwhile shows next time
            made, kept = _made(generator.generate(context, (prepared or {}).get(name)), take, bodies)
            logger.info("%s made %d pages", name, len(made))
            entry = GeneratedEntry(key, made, stamps_of(_inputs(made)) + keyed, kept)
        if entry.pages:
            entries[name] = entry
        pages.extend(entry.pages)
        sections.extend(page for page in entry.pages if page.section)
        for page, body in entry.placed():
            if body is not None:
                stored[str(page.output)] = body
            elif not page.section:  # a whole page made later at the same path
                stored.pop(str(page.output), None)
    set_sections(context.environment, sections_by_url(sections))
    return Generated(tuple(pages), entries, stored)


def _made(
    made: Iterable[Page], take: Callable[[Page, StoredBody | None], None] | None, bodies: Path | None
) -> tuple[tuple[Page, ...], tuple[StoredBody | None, ...]]:
    """A generator's pages as it makes them, each page that is not a section given to ``take``, then kept in the
    body file made in ``bodies`` (the page kept light) when there is one."""
    pages: list[Page] = []
    stored: list[StoredBody | None] = []
    writer = BodyWriter.create(bodies)
    try:
        for page in made:
            body = None
            if not page.section:
                if take is not None:
                    take(page, None)
                body = writer.put(page) if writer is not None else None
            pages.append(page if body is None else page.light())
            stored.append(body)
    finally:
        if writer is not None:
            writer.close()
            if not any(stored):
                writer.path.unlink(missing_ok=True)
    return tuple(pages), tuple(stored) if any(stored) else ()


def _taken(entry: GeneratedEntry, take: Callable[[Page, StoredBody | None], None] | None) -> bool:
    """Give ``take`` each cached page of ``entry`` that is not a section; ``False`` when a stored content it reads
    is not as the last build left it (the generator then makes its pages again)."""
    if take is None:
        return True
    try:
        for page, body in entry.placed():
            if not page.section:
                take(page, body)
    except GovpressError as error:
        logger.info("making the pages again: %s", error)
        return False
    return True


def _inputs(pages: Sequence[Page]) -> list[Path]:
    files = sorted({path for page in pages for path in page.dependencies})
    return [*files, *sorted({path.parent for path in files})]


def _key_stamp(generator: AnyGenerator, context: SiteContext) -> tuple[FileStamp, ...]:
    inputs = PrepareInputs(context.project, context.source_dir, context.config)
    try:
        day = generator.key_day(inputs)  # before the key: across midnight the key holds a later day, and is asked
        key = generator.cache_key(inputs)
    except Exception as error:  # the generator reports the problem properly, if it has one
        logger.debug("%s: no cache key (%s); its pages will be made again next time", generator.name, error)
        return (KeyStamp(context.project, 0, 0, "", generator.name, known=False),)
    return () if key is None else (KeyStamp(context.project, 0, 0, key, generator.name, day=day or ""),)


def start_preparations(
    generators: Sequence[AnyGenerator],
    inputs: PrepareInputs,
    unchanged: Mapping[str, GeneratedEntry],
    workers: Workers,
) -> dict[str, Future[object]]:
    """Submit the ``prepare(inputs)`` of every generator that ``prepares`` (and whose cached pages are not
    ``unchanged``) to ``workers``; by generator name."""
    started: dict[str, Future[object]] = {}
    for generator in generators:
        if generator.prepares and generator.name not in unchanged and generator.name not in started:
            started[generator.name] = workers.submit(generator.prepare, inputs)
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
    generators: Sequence[AnyGenerator],
    inputs: PrepareInputs,
    unchanged: Mapping[str, GeneratedEntry],
    preparations: Mapping[str, Future[object]] | None = None,
) -> frozenset[str]:
    """The output paths the generators will make, as far as known before the site is rendered: a generator's pages
    of the last build when its entry is ``unchanged``, else the ``outputs`` of its preparation (waiting for it; see
    :func:`start_preparations`), else its ``outputs(inputs)``."""
    planned: set[str] = set()
    for generator in generators:
        entry = unchanged.get(generator.name)
        if entry is not None:
            planned.update(str(page.output) for page in entry.pages if not page.section)  # sections replace nothing
            continue
        prepared = _result((preparations or {}).get(generator.name))
        if isinstance(prepared, PlannedPages):
            planned.update(str(output) for output in prepared.outputs)
            continue
        planned.update(str(output) for output in generator.outputs(inputs))
    return frozenset(planned)


def generated_sections(generators: Sequence[AnyGenerator], inputs: PrepareInputs) -> list[tuple[str, str]]:
    """The sections the generators add to the site's navigation and root index, as ``(text, site path)``
    (``/performance/``), in generator order."""
    return [(str(text), str(path)) for generator in generators for text, path in generator.sections(inputs)]


def generated_feeds(generators: Sequence[AnyGenerator], inputs: PrepareInputs) -> list[tuple[str, str]]:
    """The feeds the generators will make, as ``(title, site path)``, for every page's feed discovery link, in
    generator order."""
    return [(str(title), str(path)) for generator in generators for title, path in generator.feeds(inputs)]


def _result(future: Future[object] | None) -> object:
    try:
        return future.result() if future is not None else None
    except Exception:  # finish_preparations logs it; the generator does the work itself
        return None
