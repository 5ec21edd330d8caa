"""The search index: pagefind's binary (it ships in the ``pagefind[extended]`` package) over the finished pages,
written into ``OUT/pagefind/``, in shards (:mod:`.shards`) so that a change indexes only the shards it touches.

Each shard's pages go, as pagefind reads them (their ``<main>`` alone: :func:`govpress.search.shards.indexed_text`),
into a private temporary folder, and pagefind indexes that folder (run as a command: see :func:`_run`); the shards
that changed are indexed two at a time. Only each page's ``<main>`` is indexed: ``base.html`` marks it
``data-pagefind-body`` and gives the page's title as pagefind's ``title``, so the header, navigation, breadcrumbs
and footer never reach the index. Inside it, :data:`EXCLUDED` (the "Last updated" line, contents lists, previous and
next links) and anything marked ``data-pagefind-ignore`` are left out too. Each index is written into another
temporary folder and its files go to the site through the build's output (a file already there with the same bytes
is not written again); a shard made from the same pages as in the last build is kept without running pagefind
(:mod:`.record`). ``OUT/pagefind/shards.json`` lists the shards' folders for ``search.js``, the first one holding
pagefind's script and WebAssembly (the other shards are searched with it: their copies are left out). pagefind's own
user interfaces (``pagefind-ui.js`` and the like) are left out: the search page has its own
(``templates/search/search.js``).

Reproducible: pagefind names its files by their content and gives the same bytes for the same pages, and the shards
depend on the pages only (tested: two builds of the same project, into different folders, give the same files).

pagefind is imported here only, when a build indexes (to find its binary): importing govpress costs nothing more.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.search.pages import INDEX_FOLDER
from govpress.search.record import ShardRecord, kept_files, load_record, remember_shards, settings_digest, shard_key
from govpress.search.shards import Shard
from govpress.site.engine.records import RecordFolder
from govpress.site.structure.facts import LAST_UPDATED_CLASS
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
MANIFEST = f"{INDEX_FOLDER}/shards.json"
TIMEOUT = 600  # seconds: a corpus of thousands of pages takes seconds
UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.")  # the primary shard's only
RUNNERS = 2  # pagefind processes at once (each uses one core, and some memory: about 110 MB for 1,000 pages)


@dataclass(frozen=True)
class Made:
    """One shard's index made in this build: its folder, key, page count and files (path under OUT → the file
    pagefind wrote, in ``scratch``, a private temporary folder kept until the index is written: at 100,000 pages the
    index is about 1.7 KB a page, not held in memory)."""

    folder: str
    key: str
    pages: int
    files: dict[str, Path]
    scratch: tempfile.TemporaryDirectory[str] = field(compare=False, repr=False)


@dataclass(frozen=True)
class SearchIndex:
    """An index made for the site being written: the shards kept as they were (by folder, as recorded), the shards
    indexed again, and the manifest (``shards.json``)."""

    kept: dict[str, ShardRecord]
    made: list[Made]
    manifest: bytes

    @property
    def pages(self) -> int:
        return sum(entry.pages for entry in self.kept.values()) + sum(made.pages for made in self.made)


def make_index(
    parts: Sequence[Shard], folder: Path, records: RecordFolder | None, language: str = LANGUAGE
) -> SearchIndex:
    """The index of the site's searchable pages, in their shards (``parts``: :mod:`.shards`), each indexed by
    pagefind in a private temporary folder, or kept as the last build left it in ``folder`` (the site being written)
    when made from the same pages (:mod:`.record`). Writes nothing under OUT, so a build runs it while it checks and
    writes the pages (pagefind works in its own processes). :class:`GovpressError` when pagefind cannot run or fails."""
    if not parts:
        raise GovpressError(Problem.error("the site has no page to index for search (or set search = false)"))
    common = settings_digest([language, *EXCLUDED])
    recorded = load_record(records)
    kept: dict[str, ShardRecord] = {}
    todo: list[tuple[Shard, str]] = []
    for shard in parts:
        key = shard_key(shard, shard is parts[0], common)
        if kept_files(recorded.get(shard.folder), key, folder) is not None:
            kept[shard.folder] = recorded[shard.folder]
        else:
            todo.append((shard, key))
    primary = parts[0].folder
    with ThreadPoolExecutor(max_workers=RUNNERS) as runners:
        made = list(runners.map(lambda job: _made(job[0], job[1], job[0].folder == primary, language), todo))
    listed = [shard.folder.removeprefix(INDEX_FOLDER).lstrip("/") for shard in parts]
    manifest = json.dumps({"shards": [f"{name}/" if name else "" for name in listed]}).encode("utf-8") + b"\n"
    return SearchIndex(kept, made, manifest)


def write_index(index: SearchIndex, output: SiteOutput, records: RecordFolder | None) -> list[str]:
    """Write ``index`` into the site (and remember it for the next build); returns the index's paths under OUT."""
    names = [MANIFEST, *(name for entry in index.kept.values() for name in entry.files)]
    output.write(MANIFEST, index.manifest)
    shards = dict(index.kept)
    for made in index.made:
        stamps: dict[str, tuple[int, int]] = {}
        for name, path in made.files.items():
            found = output.write(name, path.read_bytes()).stat()
            stamps[name] = (found.st_size, found.st_mtime_ns)
        shards[made.folder] = ShardRecord(made.key, made.pages, stamps)
        names += made.files
        made.scratch.cleanup()
    if index.made:
        remember_shards(records, shards)
        logger.info("indexed %d pages for search (%d of %d shards)", index.pages, len(index.made), len(shards))
    else:
        logger.info("the search index of %d pages is unchanged", index.pages)
    return sorted(names)


def _made(shard: Shard, key: str, primary: bool, language: str) -> Made:
    """``shard`` indexed by pagefind in a private temporary folder (``primary``: with pagefind's script)."""
    scratch = tempfile.TemporaryDirectory(prefix="govpress-search-")  # removed when written, or when it goes
    try:
        site, bundle = Path(scratch.name) / "site", Path(scratch.name) / "bundle"
        for path, data in shard.pages:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        count = _run(site, bundle, language)
        shutil.rmtree(site)
        return Made(shard.folder, key, count, _bundle_files(bundle, shard.folder, primary), scratch)
    except BaseException:
        scratch.cleanup()
        raise


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


def _bundle_files(bundle: Path, folder: str, primary: bool) -> dict[str, Path]:
    """What pagefind wrote into ``bundle``, by path under OUT (in ``folder``), without its user interfaces, and
    without its script and WebAssembly unless ``primary``."""
    files: dict[str, Path] = {}
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.name.startswith(UI_FILES):
            continue
        if not primary and path.parent == bundle and path.name.startswith(ENGINE_FILES):
            continue
        files[f"{folder}/{path.relative_to(bundle).as_posix()}"] = path
    if not files:
        raise GovpressError(Problem.error("pagefind wrote no index for the site"))
    return files
