"""Not indexing again what is already indexed: ``search.json`` among the build's records (never in the output).

The record is ``{"format": 1, "key": …, "files": {"pagefind/…": sha256, …}}``: the key is a SHA-256 of what the
index is made from (the searchable pages' paths and bytes, the language, the excluded selectors, the version of
pagefind's binary package and this package's code); ``files`` the index as written. A build whose key is the same,
and whose output still holds every recorded file with its recorded bytes, keeps the index as it is and does not run
pagefind (``govpress serve`` rebuilds after an edit that changes no page text quickly). A missing, unreadable or
unsigned record is taken as none.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from importlib import metadata, resources
from pathlib import Path

from govpress.site.engine.records import RecordFolder
from govpress.site.structure.pages import Page
from govpress.site.write.output import confined

logger = logging.getLogger(__name__)
RECORD_FILE = "search.json"
RECORD_KIND = "search"
RECORD_FORMAT = 1
PACKAGES = ("pagefind", "pagefind_bin_extended")
CODE = ("index.py", "pages.py", "record.py")


def index_key(pages: Sequence[Page], settings: Iterable[str]) -> str:
    """The key of the index made from ``pages`` (the searchable ones, in order) with ``settings``."""
    digest = hashlib.sha256()
    for part in [*settings, *(_version(name) for name in PACKAGES)]:
        digest.update(part.encode("utf-8") + b"\0")
    for name in CODE:
        digest.update((resources.files("govpress.search") / name).read_bytes())
    for page in pages:
        data = page.data()
        digest.update(f"{page.output}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def kept_index(records: RecordFolder | None, key: str, folder: Path) -> list[str] | None:
    """The index files recorded for ``key``, when ``folder`` (the site as it is now) still holds each of them with
    its recorded bytes; else ``None``."""
    found = records.load(RECORD_FILE, RECORD_KIND) if records is not None else None
    if not isinstance(found, dict) or found.get("format") != RECORD_FORMAT or found.get("key") != key:
        return None
    files = found.get("files")
    if not isinstance(files, dict) or not files:
        return None
    for name, digest in files.items():
        path = confined(folder, str(name))
        try:
            if path is None or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                return None
        except OSError:
            return None
    return sorted(str(name) for name in files)


def remember_index(records: RecordFolder | None, key: str, written: dict[str, bytes]) -> None:
    """Record the index ``written`` (path → bytes) as made for ``key``."""
    if records is None:
        return
    files = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(written.items())}
    records.save(RECORD_FILE, RECORD_KIND, {"format": RECORD_FORMAT, "key": key, "files": files})


def _version(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} none"
