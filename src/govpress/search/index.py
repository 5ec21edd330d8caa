"""The search index: pagefind's binary (it ships in the ``pagefind[extended]`` package) over the finished pages,
written into ``OUT/pagefind/``, in shards (:mod:`.shards`) so that a change indexes only the shards it touches.

Each shard's pages go, as pagefind reads them (their ``<main>`` alone: :func:`govpress.search.shards.indexed_text`),
to pagefind's service in path order (:mod:`.pagefind_service`); the shards that changed are indexed two at a time.
Only each page's ``<main>`` is indexed: ``base.html`` marks it ``data-pagefind-body`` and gives the page's title as
pagefind's ``title``, so the header, navigation, breadcrumbs and footer never reach the index. Inside it,
:data:`EXCLUDED` (the "Last updated" line, contents lists, previous and next links) and anything marked
``data-pagefind-ignore`` are left out too. Each shard's index goes into the site through the build's output as soon
as pagefind answers, while the build lays out the rest (a file already there with the same bytes is not written
again; the output writes into its new folder until the build switches to it); a shard made from the same pages as the
last build is kept without running pagefind (:mod:`.record`). ``OUT/pagefind/shards.json`` lists the shards' folders
for ``search.js``, the first one holding pagefind's script and WebAssembly (the other shards are searched with it:
their copies are left out). pagefind's own user interfaces (``pagefind-ui.js`` and the like) are left out: the
search page has its own (``templates/search/search.js``).

Reproducible: pagefind names its files by their content and gives the same bytes for the same pages given in the
same order, and the shards depend on the pages only (tested: two builds of the same project, into different folders,
give the same files).

pagefind is imported here only, when a build indexes (to find its binary): importing govpress costs nothing more.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError, Problem
from govpress.search.pages import INDEX_FOLDER
from govpress.search.record import ShardRecord, kept_files, load_record, remember_shards, settings_digest, shard_key
from govpress.search.shards import Shard
from govpress.site.engine.records import RecordFolder
from govpress.site.structure.facts import LAST_UPDATED_CLASS
from govpress.site.write.output import SiteOutput, checked_name

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
MANIFEST = f"{INDEX_FOLDER}/shards.json"
TIMEOUT = 600  # seconds: a corpus of thousands of pages takes seconds
UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.")  # the primary shard's only
RUNNERS = 2  # pagefind processes at once (each uses one core, and some memory: about 110 MB for 1,000 pages)


Indexed = tuple[ShardRecord, bool]  # a shard's record (its files in the site, as written) and whether it was made


@dataclass(frozen=True)
class SearchIndex:
    """An index made for the site being written: each shard's record (by folder), how many of them were indexed
    again (their files written into the site as pagefind answered; the others kept as they were) and the manifest
    (``shards.json``)."""

    shards: dict[str, ShardRecord]
    made: int
    manifest: bytes

    @property
    def pages(self) -> int:
        return sum(entry.pages for entry in self.shards.values())


class Indexer:
    """Makes the index: each shard indexed by pagefind, its files written into the site as soon as pagefind answers
    (through ``output``, which many threads may use), or kept as the last build left it in the site being written
    when made from the same pages (:mod:`.record`), :data:`RUNNERS` at a time. A shard may be handed over
    :meth:`early`, as soon as its pages are all settled, so that pagefind indexes it while the build lays out the
    rest (:meth:`govpress.search.shards.Collected.plan`); :meth:`index` takes an early result only if it was made
    for the key the final shard has, and takes back the files of the others (the output keeps this build's files
    beside OUT until the build switches to them). Use as a context manager: on
    leaving, the runs under way are waited for."""

    def __init__(self, output: SiteOutput, records: RecordFolder | None, language: str = LANGUAGE) -> None:
        self._output, self._folder, self._language = output, output.folder, language
        self._common = settings_digest([language, *EXCLUDED])
        self._recorded = load_record(records)
        self._runners = ThreadPoolExecutor(max_workers=RUNNERS, thread_name_prefix="govpress-pagefind")
        self._early: dict[str, Future[Indexed]] = {}

    def early(self, shard: Shard) -> None:
        """Index ``shard`` now (the first shard carries pagefind's script: shard 0 is taken to be the first)."""
        key = shard_key(shard, shard.number == 0, self._common)
        if key not in self._early:
            self._early[key] = self._submit(shard, key, shard.number == 0)

    def index(self, parts: Sequence[Shard]) -> SearchIndex:
        """The index of the site's searchable pages, in their shards (``parts``: :mod:`.shards`).
        :class:`GovpressError` when pagefind cannot run or fails."""
        if not parts:
            raise GovpressError(Problem.error("the site has no page to index for search (or set search = false)"))
        keys = [shard_key(shard, shard is parts[0], self._common) for shard in parts]
        early = [self._early.pop(key, None) for key in keys]
        self._take_back()
        jobs = [
            found or self._submit(shard, key, shard is parts[0])
            for shard, key, found in zip(parts, keys, early, strict=True)
        ]
        done = [job.result() for job in jobs]
        shards = {shard.folder: record for shard, (record, _) in zip(parts, done, strict=True)}
        listed = [shard.folder.removeprefix(INDEX_FOLDER).lstrip("/") for shard in parts]
        manifest = json.dumps({"shards": [f"{name}/" if name else "" for name in listed]}).encode("utf-8") + b"\n"
        return SearchIndex(shards, sum(1 for _, fresh in done if fresh), manifest)

    def _take_back(self) -> None:
        """Take back from the site the files written for the shards indexed early that the index does not take
        (``SiteOutput.discard``: OUT's file of that name again, or none), each run waited for unless it had not
        started, before the shards indexed now write theirs: a shard's folder holds the same names whatever its pages
        (``pagefind-entry.json``), and a late run must not overwrite the index's. A run that failed is left out (it
        failed in pagefind, before writing)."""
        left = [future for future in self._early.values() if not future.cancel()]
        self._early.clear()
        for future in left:
            if future.exception() is None and (found := future.result())[1]:
                for name in sorted(found[0].files):
                    self._output.discard(name)

    def _submit(self, shard: Shard, key: str, primary: bool) -> Future[Indexed]:
        """``shard``'s index: the last build's when the site still holds its files (a done future), else a run of
        pagefind on a runner. What needs the build's files is done here, on the calling thread (the one laying out
        the site): whether the last build's index is still there (a ``stat`` of each of its files) and the texts of
        the shard's pages (from the spool, or read back from their files). On a runner thread each of those system
        calls waited for the interpreter lock the layout holds, up to 5 ms a time: 1.2 s to read back the 332 pages
        of the one shard a page change makes pagefind index again, against a few milliseconds here (docs/scaling.md,
        "Stop 24"). A shard's texts wait in memory until a runner takes them (a few MB for the shards queued)."""
        recorded = self._recorded.get(shard.folder)
        if recorded is not None and kept_files(recorded, key, self._folder) is not None:
            kept: Future[Indexed] = Future()
            kept.set_result((recorded, False))
            return kept
        return self._runners.submit(self._indexed, shard.folder, shard.pages, key, primary)

    def _indexed(self, folder: str, pages: Sequence[tuple[str, bytes]], key: str, primary: bool) -> Indexed:
        files = _run(pages, primary, self._language)
        stamps: dict[str, tuple[int, int]] = {}
        for relative, data in sorted(files.items()):
            name = f"{folder}/{relative}"
            found = self._output.write(name, data).stat()
            stamps[name] = (found.st_size, found.st_mtime_ns)
        return ShardRecord(key, _page_count(files), stamps), True

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *_: object) -> None:
        self._runners.shutdown(wait=True, cancel_futures=True)
        self._early.clear()


def write_index(index: SearchIndex, output: SiteOutput, records: RecordFolder | None) -> list[str]:
    """Write ``index``'s manifest into the site (its shards' files are there already) and remember it for the next
    build; returns the index's paths under OUT."""
    output.write(MANIFEST, index.manifest)
    if index.made:
        remember_shards(records, index.shards)
        logger.info("indexed %d pages for search (%d of %d shards)", index.pages, index.made, len(index.shards))
    else:
        logger.info("the search index of %d pages is unchanged", index.pages)
    return sorted([MANIFEST, *(name for record in index.shards.values() for name in record.files)])


def _run(pages: Sequence[tuple[str, bytes]], primary: bool, language: str) -> dict[str, bytes]:
    """pagefind over ``pages`` (each page's path under OUT and what pagefind reads of it), sent to its service in that
    order (:mod:`.pagefind_service`): the files of the index it makes, by path in the shard's folder, without
    pagefind's user interfaces, and without its script and WebAssembly unless ``primary``. No ``PAGEFIND_*``
    variable of the environment reaches it."""
    from govpress.search.pagefind_service import Service, index_files

    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    config = {"exclude_selectors": list(EXCLUDED), "force_language": _base_language(language)}
    with Service(_executable(), environment, TIMEOUT) as service:
        index = service.ask({"type": "NewIndex", "config": config}).get("index_id")
        service.ask_all(
            {"type": "AddFile", "index_id": index, "file_path": path, "url": None, "file_contents": text}
            for path, text in ((path, data.decode("utf-8", "replace")) for path, data in pages)
        )
        files = index_files(service.ask({"type": "GetFiles", "index_id": index}))
    kept = {checked_name(name): data for name, data in files.items() if _kept(name, primary)}
    if not kept:
        raise GovpressError(Problem.error("pagefind wrote no index for the site"))
    return kept


def _kept(name: str, primary: bool) -> bool:
    """Whether the index's file ``name`` goes into the site: not pagefind's user interfaces; its script and
    WebAssembly (at the top of the index) only in the primary shard."""
    base = PurePosixPath(name).name
    if base.startswith(UI_FILES):
        return False
    return primary or "/" in name or not base.startswith(ENGINE_FILES)


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


def _page_count(files: dict[str, bytes]) -> int:
    """The pages pagefind says it indexed (in ``pagefind-entry.json``)."""
    try:
        entry = json.loads(files[ENTRY].decode("utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise GovpressError(Problem.error(f"pagefind wrote no complete index ({ENTRY}: {error})")) from None


def _base_language(language: str) -> str:
    """pagefind's language: the primary subtag of the site's (``en-GB`` → ``en``)."""
    return language.split("-")[0].lower() or LANGUAGE
