"""The search index: pagefind (its Python API runs the binary that ships with the ``pagefind[extended]`` package)
over the finished pages, written into ``OUT/pagefind/``.

The searchable pages (:func:`govpress.search.pages.searchable`) are written, as built, into a private temporary
folder, and pagefind indexes that folder in one request (``add_directory``; asking page by page would cost a tenth
of a second each in the API's message loop). Only each page's ``<main>`` is indexed: ``base.html`` marks it
``data-pagefind-body`` and gives the page's title as pagefind's ``title``, so the header, navigation, breadcrumbs
and footer never reach the index. Inside it, :data:`EXCLUDED` (the "Last updated" line, contents lists, previous
and next links) and anything marked ``data-pagefind-ignore`` are left out too. The index is written into another
temporary folder and its files go to the site through the build's output (a file already there with the same bytes
is not written again; an index made from the same pages is kept without running pagefind: :mod:`.record`).
pagefind's own user interfaces (``pagefind-ui.js`` and the like) are left out: the search
page has its own (``templates/search/search.js``).

Reproducible: pagefind names its files by their content and gives the same bytes for the same pages (tested: two
builds of the same project, into different folders, give the same files).

pagefind is imported here only, when a build indexes: importing govpress costs nothing more.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.search.pages import INDEX_FOLDER, searchable
from govpress.search.record import index_key, kept_index, remember_index
from govpress.site.output import SiteOutput
from govpress.site.pages import Page
from govpress.site.records import RecordFolder

logger = logging.getLogger(__name__)
LANGUAGE = "en"
EXCLUDED = (
    ".govpress-last-updated",
    ".govuk-pagination",
    ".govuk-skip-link",
    "nav",
    "script",
    "[hidden]",
)
UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def index_pages(
    pages: Sequence[Page], output: SiteOutput, records: RecordFolder | None, language: str = LANGUAGE
) -> list[str]:
    """Index the searchable ``pages`` into the site being written by ``output``; returns the index's paths (under
    OUT). The index of the last build is kept as it is when made from the same pages (:mod:`.record`).
    :class:`GovpressError` when pagefind cannot run or fails."""
    started = time.perf_counter()
    chosen = sorted((page for page in pages if searchable(page)), key=lambda page: str(page.output))
    key = index_key(chosen, [language, *EXCLUDED])
    kept = kept_index(records, key, output.folder)
    if kept is not None:
        logger.info("the search index of %d pages is unchanged", len(chosen))
        return kept
    with tempfile.TemporaryDirectory(prefix="govpress-search-") as temporary:
        site, bundle = Path(temporary) / "site", Path(temporary) / "bundle"
        for page in chosen:
            target = site / str(page.output)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data())
        count = _run(site, bundle, language)
        written = _bundle_files(bundle)
    for name, data in written.items():
        output.write(name, data)
    remember_index(records, key, written)
    logger.info("indexed %d pages for search in %.2f s", count, time.perf_counter() - started)
    return sorted(written)


def _run(site: Path, bundle: Path, language: str) -> int:
    """pagefind over ``site``, its index written into ``bundle``; returns the pages indexed. Runs in a thread of
    its own when this one already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_index(site, bundle, language))
    found: list[int] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            found.append(asyncio.run(_index(site, bundle, language)))
        except BaseException as error:  # handed back to the caller's thread
            failed.append(error)

    thread = threading.Thread(target=work, name="pagefind")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return found[0]


async def _index(site: Path, bundle: Path, language: str) -> int:
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as error:
        message = f"the site search needs pagefind[extended] ({error}); or set search = false in govpress.toml"
        raise GovpressError(Problem.error(message)) from None
    config = IndexConfig(
        exclude_selectors=list(EXCLUDED), force_language=_base_language(language), output_path=str(bundle)
    )
    try:
        async with PagefindIndex(config=config) as index:  # writes the index into ``bundle`` when it closes
            result = await index.add_directory(str(site))
    except Exception as error:  # the binary is missing or refused the pages: say so, with no traceback
        raise GovpressError(Problem.error(f"pagefind could not index the site: {error}")) from None
    return int(result.get("page_count", 0))


def _base_language(language: str) -> str:
    """pagefind's language: the primary subtag of the site's (``en-GB`` → ``en``)."""
    return language.split("-")[0].lower() or LANGUAGE


def _bundle_files(bundle: Path) -> dict[str, bytes]:
    """What pagefind wrote into ``bundle``, by path under OUT, without its user interfaces."""
    files: dict[str, bytes] = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.name.startswith(UI_FILES):
            files[f"{INDEX_FOLDER}/{path.relative_to(bundle).as_posix()}"] = path.read_bytes()
    if not files:
        raise GovpressError(Problem.error("pagefind wrote no index for the site"))
    return files
