"""A build with nothing to do: when everything a build reads is as the last build found it, and the output folder is
as that build left it, the build reports what the last one found and writes nothing. Such a build reads stamps only:
one walk of the project, one of the output folder, and a small record (``inputs.json`` among the build's records).

What "everything a build reads" is, summed up in one digest:

- every file, folder and symbolic link under the project (path, size, modification time; a link's target), except the
  output folder, the build records (``.govpress-cache/``) and ``.git/``;
- the files and data versions the generators' pages were made from (their stamps, as the page cache keeps them: a
  database's ``cache_key`` is asked again; an empty key, given by a generator whose pages read nothing but the
  project's files and settings, is settled by the digest itself:
  :meth:`~govpress.site.engine.stamps.KeyStamp.files_only`), kept in the record and checked one by one;
- govpress's own files (code, templates, static files, catalogues: the fingerprint the build takes of them anyway)
  and the versions of the libraries that shape the output;
- git's ``HEAD`` (the "Last updated" dates come from its log), ``SOURCE_DATE_EPOCH``, and the build's options.

Anything that cannot be read (a folder that cannot be listed) makes the build a full one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import stat
import subprocess
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govpress.extras import installed_version
from govpress.problems import Problem, errors_in
from govpress.site.engine.record_shapes import (
    BadRecordError,
    decode_problems,
    decode_stamps,
    encode_problems,
    encode_stamps,
)
from govpress.site.engine.records import RecordFolder
from govpress.site.engine.stamps import CACHE_DIR, FileStamp, KeyStamp

if TYPE_CHECKING:
    from govpress.site.structure.generators import AnyGenerator

logger = logging.getLogger(__name__)
RECORD_FILE = "inputs.json"
RECORD_KIND = "inputs"
RECORD_FORMAT = 1
LIBRARIES = ("markdown", "jinja2", "markupsafe", "pagefind", "weasyprint", "nh3", "babel", "pydantic")
SKIPPED = frozenset({CACHE_DIR, ".git"})


@dataclass(frozen=True)
class LastBuild:
    """What the last build into the output reported (its pages, its copied files, its problems), and how many
    source pages and PDFs it went through (a build that finds nothing changed shows its progress as complete)."""

    pages: int
    files: int
    problems: tuple[Problem, ...]
    sources: int = 0
    pdfs: int = 0


def inputs_digest(
    project: Path, out: Path, package: str, options: Sequence[object], environ: Mapping[str, str]
) -> str | None:
    """The digest of everything a build of ``project`` into ``out`` reads (``package``: the fingerprint of govpress's
    own files, :func:`~govpress.site.engine.cache.code_fingerprints`; ``options``: the build's options that shape its
    output); ``None`` when some of it cannot be read."""
    digest = hashlib.sha256(f"{package}\0".encode())
    try:
        for line in _tree(project, skip={out.resolve()}):
            digest.update(line)
    except OSError as error:
        logger.debug("not all inputs could be read (%s): a full build", error)
        return None
    digest.update(_library_versions().encode())
    digest.update(f"HEAD={_git_head(project)}\0".encode())
    digest.update(f"SOURCE_DATE_EPOCH={environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    digest.update(repr(tuple(options)).encode())
    return digest.hexdigest()


def inputs_settings(base_url: str | None, pdf: bool, skip_replaced: bool) -> tuple[object, ...]:
    """The build's options that shape its output, as :func:`inputs_digest` takes them (the build and
    :mod:`govpress.site.nothing_to_do` must give the same)."""
    return (base_url, pdf, skip_replaced)


def output_digest(out: Path) -> str | None:
    """The digest of the output folder as it is (every entry's path, size and modification time)."""
    digest = hashlib.sha256()
    try:
        for line in _tree(out, skip=set()):
            digest.update(line)
    except OSError:
        return None
    return digest.hexdigest()


def unchanged_build(
    records: RecordFolder | None, inputs: str | None, out: Path, generators: Callable[[], Sequence[AnyGenerator]]
) -> LastBuild | None:
    """What the last build reported, when it recorded the same ``inputs`` digest, its generators' inputs are all
    unchanged (their cache keys asked of the generators ``generators()`` gives) and ``out`` is as it left it; else
    ``None``."""
    if records is None or inputs is None:
        return None
    stored = records.load(RECORD_FILE, RECORD_KIND)
    if not isinstance(stored, dict) or stored.get("format") != RECORD_FORMAT or stored.get("inputs") != inputs:
        return None
    try:
        stamps = decode_stamps(stored.get("stamps"))
        problems = decode_problems(stored.get("problems"))
        counts = [stored.get(name) for name in ("pages", "files", "sources", "pdfs")]
        pages, files, sources, pdfs = [count if isinstance(count, int) else -1 for count in counts]
        if min(pages, files, sources, pdfs) < 0:
            raise BadRecordError("no page count")
    except BadRecordError as error:
        logger.info("ignoring %s: %s", records.file(RECORD_FILE), error)
        return None
    if stored.get("output") != output_digest(out):
        return None
    if not all(stamp.unchanged() for stamp in stamps if not isinstance(stamp, KeyStamp)):
        return None
    asked = [stamp for stamp in stamps if isinstance(stamp, KeyStamp) and not stamp.files_only()]
    if asked:  # only these need the generators (imported then)
        from govpress.site.structure.generators import stamps_unchanged

        if not stamps_unchanged(asked, generators()):
            return None
    return LastBuild(pages, files, problems, sources, pdfs)


def record_build(
    records: RecordFolder | None,
    inputs: str | None,
    out: Path,
    stamps: Sequence[FileStamp],
    last: LastBuild,
) -> None:
    """Keep what this build read (``inputs``, taken before it read anything, and its generators' ``stamps``), the
    output as it left it, and what it reported, for :func:`unchanged_build`. A build that found errors is never
    skipped: the next one does the whole work again (a PDF WeasyPrint failed on is tried again, for one)."""
    if records is None:
        return
    value = {
        "format": RECORD_FORMAT,
        "inputs": None if errors_in(last.problems) else inputs,
        "output": output_digest(out),
        "stamps": encode_stamps(tuple(stamps)),
        "pages": last.pages,
        "files": last.files,
        "sources": last.sources,
        "pdfs": last.pdfs,
        "problems": encode_problems(last.problems),
    }
    records.save(RECORD_FILE, RECORD_KIND, value)


def _tree(root: Path, skip: set[Path]) -> Iterator[bytes]:
    """One line per entry under ``root`` (:func:`walk`), leaving out ``skip``."""
    for entry, mode in walk(str(root.resolve()), {str(path) for path in skip}):
        if stat.S_ISLNK(mode):
            target = os.readlink(entry.path)  # noqa: PTH115 (a string path, as below)
            yield f"L {entry.path}\0{target}\0".encode("utf-8", "surrogateescape")
        elif stat.S_ISDIR(mode):
            yield f"D {entry.path}\0".encode("utf-8", "surrogateescape")
        else:
            info = entry.stat(follow_symlinks=False)
            line = f"F {entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_mode}\0"
            yield line.encode("utf-8", "surrogateescape")


def walk(
    root: str, skip: Collection[str] = (), pruned: Callable[[list[os.DirEntry[str]]], bool] | None = None
) -> Iterator[tuple[os.DirEntry[str], int]]:
    """Every entry under the folder ``root`` with its mode (not following links; a folder's is its type alone, read
    from the listing: a third fewer system calls in a site's output), folder by folder, each folder's entries sorted
    by name, leaving out :data:`SKIPPED`, ``__pycache__``, the folders at the paths ``skip`` and the
    folders (below ``root``) whose entries ``pruned`` says to leave out. Paths stay strings: this walk is all a
    build with nothing to do costs, and ``Path`` objects would double it. An ``OSError`` (a folder that cannot be
    listed) goes to the caller."""
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        if pruned is not None and folder != root and pruned(entries):
            continue
        for entry in entries:
            if entry.name in SKIPPED or entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):  # the entry's type from the listing: no system call
                if entry.path in skip:
                    continue
                stack.append(entry.path)
                yield entry, stat.S_IFDIR
            else:
                yield entry, entry.stat(follow_symlinks=False).st_mode


@functools.cache
def _library_versions() -> str:
    """The installed versions of :data:`LIBRARIES` (looked up once a process: they cannot change under it)."""
    return "".join(f"{name}={installed_version(name)}\0" for name in LIBRARIES)


def _git_head(project: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
