"""What a shard was built from: every file of the project, by its content, so that the merge can tell a shard built
from another checkout of the project (or the same one at another time) from one built from the files it has.

The shards of one site are built on several machines, each from its own checkout; their pages are merged as they
are. A shard built from other files (a section edited since, another version of a partial, a template override or a
data store another shard did not see) would merge without a word into a site no build of any one checkout makes.
Each shard therefore records :func:`project_files` (every file's path and the digest of its bytes), and the merge
compares each shard's with its own checkout's, naming the files that differ.

Paths and contents only: modification times differ from one checkout to another. The walk is the no-change
check's (:func:`govpress.site.engine.unchanged.walk`). Left out: the output folders (``skip``), any folder holding a
shard record (another shard's output), ``.git``, the build records (``.govpress-cache``), ``__pycache__`` and
SQLite's files beside an open database (``-wal``, ``-shm``, ``-journal``: a store is compared by its database file,
as a closed store leaves it).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.site.engine.unchanged import walk
from govpress.site.shards.record import RECORD_NAME

SIDECARS = ("-wal", "-shm", "-journal")
SHOWN = 5  # files named in a message (the merge's too)


def project_files(project: Path, skip: Collection[Path] = ()) -> dict[str, str]:
    """Every file and symbolic link under ``project`` by its ``/``-separated path relative to it (a byte of a name
    that is not UTF-8 written ``\\xNN``): a file's BLAKE2b
    digest (16 bytes, hex), ``"link:TARGET"`` for a link (never followed), ``"other"`` for anything else (a FIFO is
    never opened); leaving out the folders ``skip`` and what the module names. :class:`GovpressError` naming a file
    or folder that cannot be read."""
    root = os.path.realpath(project)
    found: dict[str, str] = {}
    try:
        for entry, mode in walk(root, {os.path.realpath(folder) for folder in skip}, _shard_output):
            name = _printable(os.path.relpath(entry.path, root).replace(os.sep, "/"))
            if stat.S_ISLNK(mode):
                found[name] = "link:" + _printable(os.readlink(entry.path))  # noqa: PTH115 (strings: one walk)
            elif stat.S_ISREG(mode):
                if not entry.name.endswith(SIDECARS):
                    found[name] = _file_digest(entry.path)
            elif not stat.S_ISDIR(mode):
                found[name] = "other"
    except OSError as error:
        raise GovpressError(Problem.error(f"cannot list or read this: {error.strerror}", error.filename)) from None
    return dict(sorted(found.items()))


def _shard_output(entries: list[os.DirEntry[str]]) -> bool:
    """Whether a folder of these ``entries`` is a shard's output (inside the project: left out)."""
    return any(entry.name == RECORD_NAME for entry in entries)


def differences(recorded: Mapping[str, str], here: Mapping[str, str]) -> str | None:
    """What differs between the files a shard ``recorded`` and the files ``here``, in words (the first
    :data:`SHOWN` of each kind); ``None`` when they are the same."""
    changed = sorted(name for name in recorded.keys() & here.keys() if recorded[name] != here[name])
    missing = sorted(recorded.keys() - here.keys())
    extra = sorted(here.keys() - recorded.keys())
    parts = [
        f"{kind}: {first_named(names)}"
        for kind, names in (("not the same", changed), ("not here", missing), ("only here", extra))
        if names
    ]
    return "; ".join(parts) or None


def first_named(names: Sequence[str]) -> str:
    """The first :data:`SHOWN` of ``names``, and how many more: ``a, b, c, d, e and 3 more``."""
    more = f" and {len(names) - SHOWN} more" if len(names) > SHOWN else ""
    return f"{', '.join(names[:SHOWN])}{more}"


def _printable(name: str) -> str:
    """``name`` as text a record can hold: a byte that is not UTF-8 written ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _file_digest(path: str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return "other"
            return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError as error:
        raise GovpressError(Problem.error(f"cannot read this file: {error.strerror}", path)) from None
