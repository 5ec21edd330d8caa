"""The search index: pagefind's binary (it ships in the ``pagefind[extended]`` package) over the finished pages,
written into ``OUT/pagefind/``.

The searchable pages (:func:`govpress.search.pages.searchable`) are written, as built, into a private temporary
folder, and pagefind indexes that folder (run as a command: see :func:`_run`). Only each page's ``<main>`` is
indexed: ``base.html`` marks it ``data-pagefind-body`` and gives the page's title as pagefind's ``title``, so the
header, navigation, breadcrumbs and footer never reach the index. Inside it, :data:`EXCLUDED` (the "Last updated"
line, contents lists, previous and next links) and anything marked ``data-pagefind-ignore`` are left out too. The
index is written into another temporary folder and its files go to the site through the build's output (a file
already there with the same bytes is not written again; an index made from the same pages is kept without running
pagefind: :mod:`.record`). pagefind's own user interfaces (``pagefind-ui.js`` and the like) are left out: the
search page has its own (``templates/search/search.js``).

Reproducible: pagefind names its files by their content and gives the same bytes for the same pages (tested: two
builds of the same project, into different folders, give the same files).

pagefind is imported here only, when a build indexes (to find its binary): importing govpress costs nothing more.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.search.pages import INDEX_FOLDER, searchable
from govpress.search.record import index_key, kept_index, remember_index
from govpress.site.engine.records import RecordFolder
from govpress.site.structure.facts import LAST_UPDATED_CLASS
from govpress.site.structure.pages import Page
from govpress.site.write.output import SiteOutput

logger = logging.getLogger(__name__)
LANGUAGE = "en"
EXCLUDED = (
    f".{LAST_UPDATED_CLASS}",
    ".govuk-pagination",
    ".govuk-skip-link",
    "nav",
    "script",
    "[hidden]",
)
ENTRY = "pagefind-entry.json"
TIMEOUT = 600  # seconds: a corpus of thousands of pages takes seconds
UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


@dataclass(frozen=True)
class SearchIndex:
    """An index made (or kept) for the site being written: what to write under OUT, or the paths kept as they were."""

    kept: list[str] | None
    files: dict[str, bytes]
    key: str
    pages: int


def make_index(
    pages: Sequence[Page], folder: Path, records: RecordFolder | None, language: str = LANGUAGE
) -> SearchIndex:
    """The index of the searchable ``pages`` (pagefind, in a private temporary folder), or the last build's index in
    ``folder`` (the site being written) when it was made from the same pages (:mod:`.record`). Writes nothing under
    OUT, so a build runs it while it checks and writes the pages (pagefind works in its own process).
    :class:`GovpressError` when pagefind cannot run or fails."""
    chosen = sorted((page for page in pages if searchable(page)), key=lambda page: str(page.output))
    key = index_key(chosen, [language, *EXCLUDED])
    kept = kept_index(records, key, folder)
    if kept is not None:
        return SearchIndex(kept, {}, key, len(chosen))
    with tempfile.TemporaryDirectory(prefix="govpress-search-") as temporary:
        site, bundle = Path(temporary) / "site", Path(temporary) / "bundle"
        for page in chosen:
            target = site / str(page.output)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data())
        count = _run(site, bundle, language)
        return SearchIndex(None, _bundle_files(bundle), key, count)


def write_index(index: SearchIndex, output: SiteOutput, records: RecordFolder | None) -> list[str]:
    """Write ``index`` into the site (and remember it for the next build); returns the index's paths under OUT."""
    if index.kept is not None:
        logger.info("the search index of %d pages is unchanged", index.pages)
        return index.kept
    for name, data in index.files.items():
        output.write(name, data)
    remember_index(records, index.key, index.files)
    logger.info("indexed %d pages for search", index.pages)
    return sorted(index.files)


def index_pages(
    pages: Sequence[Page], output: SiteOutput, records: RecordFolder | None, language: str = LANGUAGE
) -> list[str]:
    """Index the searchable ``pages`` into the site being written by ``output``; returns the index's paths (under
    OUT): :func:`make_index`, then :func:`write_index`."""
    return write_index(make_index(pages, output.folder, records, language), output, records)


def _run(site: Path, bundle: Path, language: str) -> int:
    """pagefind over ``site``, its index written into ``bundle``; returns the pages indexed.

    The binary runs as a command (``pagefind_extended --site … --output-path …``, the exclusions in a
    ``pagefind.json`` beside ``site``), which writes every file before it exits: the Python API's service is
    stopped as soon as it answers, sometimes before its last file is written (an empty ``pagefind-entry.json``
    was seen once in four runs on a busy machine). No ``PAGEFIND_*`` variable of the environment reaches it."""
    executable = _executable()
    settings = {"exclude_selectors": list(EXCLUDED)}
    (site.parent / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--quiet"]
    command += ["--force-language", _base_language(language)]
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(
            command, cwd=site.parent, env=environment, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GovpressError(Problem.error(f"pagefind could not index the site: {error}")) from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[-500:]
        raise GovpressError(Problem.error(f"pagefind could not index the site (exit status {done.returncode}): {said}"))
    return _page_count(bundle)


def _executable() -> Path:
    """The pagefind binary of the ``pagefind[extended]`` package (or ``PAGEFIND_BINARY_PATH``)."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        message = f"the site search needs pagefind[extended] ({error}); or set search = false in govpress.toml"
        raise GovpressError(Problem.error(message)) from None
    found = get_executable()
    if found is None:
        message = "the site search needs pagefind's binary (pip install 'pagefind[extended]'); or set search = false"
        raise GovpressError(Problem.error(message))
    return Path(found)


def _page_count(bundle: Path) -> int:
    """The pages pagefind says it indexed (``pagefind-entry.json``, written last)."""
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise GovpressError(Problem.error(f"pagefind wrote no complete index ({ENTRY}: {error})")) from None


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
