"""Not indexing again what is already indexed: ``search.json`` among the build's records (never in the output).

The record is ``{"format": 2, "shards": {"pagefind/3": {"key": …, "pages": 312, "files": {"pagefind/3/…": [size,
mtime_ns], …}}, …}}``: one entry per shard (:mod:`.shards`). A shard's key is a SHA-256 of what its index is made
from (the folder, whether it carries pagefind's script, the language, the excluded selectors, the version of
pagefind's binary package, this package's code, and its pages' paths and the digests of what pagefind reads of
them: :func:`govpress.digest.short_digest`);
``files`` its index as written, by size and modification time. A build keeps a shard whose key is the same and whose
files are all still in the output with that size and time (govpress never writes a file in place: a changed file is
a new file) and does not run pagefind for it; a no-change rebuild reads this record and looks at each file's
metadata, nothing more. A missing, unreadable or unsigned record, or one of another format, is taken as none.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from govpress.extras import installed_version
from govpress.search.pages import INDEX_FOLDER
from govpress.search.shards import Shard
from govpress.site.engine.records import RecordFolder
from govpress.site.write.output import confined

logger = logging.getLogger(__name__)
RECORD_FILE = "search.json"
RECORD_KIND = "search"
RECORD_FORMAT = 2
PACKAGES = ("pagefind", "pagefind_bin_extended")
CODE = ("index.py", "pages.py", "record.py", "shards.py")


@dataclass(frozen=True)
class ShardRecord:
    """What a build remembers of one shard's index: its key, its pages and its files (name → size, mtime_ns)."""

    key: str
    pages: int
    files: dict[str, tuple[int, int]]


def settings_digest(settings: Iterable[str]) -> bytes:
    """The part of every shard's key that is the same for the whole build: ``settings``, pagefind's version and
    this package's code."""
    digest = hashlib.sha256()
    for part in [*settings, *(_version(name) for name in PACKAGES)]:
        digest.update(part.encode("utf-8") + b"\0")
    for name in CODE:
        digest.update((resources.files("govpress.search") / name).read_bytes())
    return digest.digest()


def shard_key(shard: Shard, primary: bool, common: bytes) -> str:
    """The key of ``shard``'s index (``primary``: it carries pagefind's script), ``common``: :func:`settings_digest`."""
    digest = hashlib.sha256(common)
    digest.update(f"{shard.folder}\0{primary}\0".encode())
    for path, text in shard.digests:
        digest.update(f"{path}\0{text}\0".encode())
    return digest.hexdigest()


def load_record(records: RecordFolder | None) -> dict[str, ShardRecord]:
    """The shards the last build recorded, by folder (none when there is no valid record)."""
    found = records.load(RECORD_FILE, RECORD_KIND) if records is not None else None
    if not isinstance(found, dict) or found.get("format") != RECORD_FORMAT or not isinstance(found.get("shards"), dict):
        return {}
    shards: dict[str, ShardRecord] = {}
    for folder, entry in found["shards"].items():
        recorded = _shard_record(entry)
        if recorded is not None:
            shards[str(folder)] = recorded
    return shards


def kept_files(recorded: ShardRecord | None, key: str, folder: Path) -> list[str] | None:
    """The files of the shard ``recorded`` for ``key``, when ``folder`` (the site as it is now) still holds each of
    them with its recorded size and modification time; else ``None``."""
    if recorded is None or recorded.key != key or not recorded.files:
        return None
    base = confined(folder, INDEX_FOLDER)  # the index's folder itself: in the site, no symbolic link on the way
    if base is None:
        return None
    root, prefix = str(base), f"{INDEX_FOLDER}/"
    for name, (size, mtime) in recorded.files.items():  # strings, not paths: a stat each of 10,000 files
        rest = name[len(prefix) :] if name.startswith(prefix) else ""
        if not rest or "\0" in rest or any(part in ("", ".", "..") for part in rest.split("/")):
            return None
        try:  # only looked at: a file is removed or replaced by the output, which confines every path it touches
            found = os.lstat(f"{root}/{rest}")
        except (OSError, ValueError):
            return None
        if found.st_size != size or found.st_mtime_ns != mtime:
            return None
    return sorted(recorded.files)


def remember_shards(records: RecordFolder | None, shards: dict[str, ShardRecord]) -> None:
    """Record ``shards`` (by folder) as the index written."""
    if records is None:
        return
    value = {
        folder: {
            "key": entry.key,
            "pages": entry.pages,
            "files": {name: list(stamp) for name, stamp in entry.files.items()},
        }
        for folder, entry in sorted(shards.items())
    }
    records.save(RECORD_FILE, RECORD_KIND, {"format": RECORD_FORMAT, "shards": value})


def _shard_record(entry: object) -> ShardRecord | None:
    if not isinstance(entry, dict):
        return None
    key, pages, files = entry.get("key"), entry.get("pages"), entry.get("files")
    if not isinstance(key, str) or not isinstance(pages, int) or not isinstance(files, dict):
        return None
    checked: dict[str, tuple[int, int]] = {}
    for name, stamp in files.items():
        if not (isinstance(stamp, list) and len(stamp) == 2 and all(isinstance(part, int) for part in stamp)):
            return None
        checked[str(name)] = (stamp[0], stamp[1])
    return ShardRecord(key, pages, checked)


def _version(name: str) -> str:
    return f"{name} {installed_version(name) or 'none'}"
