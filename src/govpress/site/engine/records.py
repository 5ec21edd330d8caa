"""Where a build keeps what it remembers for the next one (never in the output folder), and how it is stored.

A build's *records* are its page cache (``pages.json`` and its parts, :mod:`govpress.site.engine.parts`), the list
of the files it wrote (``written.json``) and the PDFs it wrote (``pdfs.json``). They live in one folder per output
folder, named for a hash of the output's absolute path (two outputs never share one):

- ``PROJECT/.govpress-cache/<hash>/`` when the project folder is writable (``govpress new`` git-ignores it);
- else ``<user cache>/builds/<hash>/``: the per-user folder of :func:`user_cache_root`,
or,
  when that cannot be written, a private ``govpress-<uid>`` folder in the system's temporary folder;
- else nowhere: the build then keeps no records (every build is a cold one).

Every record is data only: a first line ``govpress-record <kind> <signature>`` and then JSON. The signature is an
HMAC-SHA256 of the kind, the folder's hash and the JSON under a random key kept in the private per-user folder, so
a record that was edited, truncated, committed to the project by someone else or written for another output is
refused (logged) and the build simply starts again from nothing. Readers still check every value's type and shape.
The page cache's parts are JSON alone, each named for the SHA-256 of its bytes, which the signed ``pages.json`` names
(:mod:`govpress.site.engine.parts`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from govpress.site.engine.stamps import CACHE_DIR

logger = logging.getLogger(__name__)
CACHE_VARIABLE = "GOVPRESS_CACHE_DIR"  # the per-user cache folder, when set
MAGIC = "govpress-record"
KEY_FILE = "record-key"
KEY_BYTES = 32


@dataclass(frozen=True)
class RecordFolder:
    """The records of one output folder: ``path`` (made on first save), ``name`` (the output's hash) and the key the
    records are signed with."""

    path: Path
    name: str
    key: bytes

    def file(self, name: str) -> Path:
        return self.path / name

    def load(self, name: str, kind: str) -> object | None:
        """The JSON value of the record ``name``, or ``None`` (logged) when it is missing, unreadable or not signed
        by this user's key for this output folder and ``kind``."""
        path = self.file(name)
        try:
            data = read_regular(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            logger.info("ignoring an unreadable build record %s: %s", path, error)
            return None
        header, _, body = data.partition(b"\n")
        parts = header.decode("ascii", "replace").split(" ")
        if len(parts) != 3 or parts[0] != MAGIC or parts[1] != kind:
            logger.info("ignoring %s: not a govpress %s record", path, kind)
            return None
        if not hmac.compare_digest(parts[2], self._signature(kind, body)):
            logger.info("ignoring %s: its signature does not match (changed, or written elsewhere)", path)
            return None
        try:
            value: object = json.loads(body.decode("utf-8"))
            return value
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            logger.info("ignoring an unreadable build record %s: %s", path, error)
            return None

    def save(self, name: str, kind: str, value: object) -> None:
        """Write the record ``name`` (atomically: a reader sees the old record or the new one). The JSON is written and
        signed as it is encoded, never held whole (a record of 10,000 generated pages is hundreds of MB), and its
        header, of fixed length, is written last. A value of the top-level object may be :class:`Entries`, encoded
        one entry at a time (so the whole record is never held as Python values either)."""
        if not self.ready():
            return

        def signed(stream: BinaryIO) -> str:
            stream.write(f"{MAGIC} {kind} {'0' * 64}\n".encode("ascii"))
            signature = self._signer(kind)
            for chunk in encoded_chunks(value):
                signature.update(chunk)
                stream.write(chunk)
            stream.seek(0)
            stream.write(f"{MAGIC} {kind} {signature.hexdigest()}\n".encode("ascii"))
            return name

        self.write_atomically(name, signed)

    def write_atomically(self, prefix: str, fill: Callable[[BinaryIO], str]) -> str:
        """Write a file among the records, atomically (a reader sees the old file or the new one): ``fill`` writes
        its bytes into a temporary file (named ``.PREFIX.….tmp``) and gives its name, which it then takes; the
        name."""
        handle, temporary = tempfile.mkstemp(dir=self.path, prefix=f".{prefix}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                name = fill(stream)
            Path(temporary).replace(self.file(name))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return name

    def ready(self) -> bool:
        """Whether records can be written: their folder made (:meth:`make`), else ``False`` with a warning."""
        if self.make():
            return True
        logger.warning("not keeping build records in %s: it is not a folder of this user's", self.path)
        return False

    def make(self) -> bool:
        """Make the folder (and its parent), unless either is something else than a folder of this user's."""
        return own_folder(self.path.parent) and own_folder(self.path)

    def _signature(self, kind: str, body: bytes) -> str:
        signature = self._signer(kind)
        signature.update(body)
        return signature.hexdigest()

    def _signer(self, kind: str) -> hmac.HMAC:
        """The HMAC of the kind and the folder's hash, to be given the body: the kind, the hash and the body joined
        by NUL bytes."""
        return hmac.new(self.key, b"\0".join((kind.encode("ascii"), self.name.encode("ascii"), b"")), hashlib.sha256)


class Entries:
    """A JSON object made one entry at a time as a record is written (:meth:`RecordFolder.save`): ``entries`` is
    iterated once, for ``(key, value)`` pairs of plain JSON; each value is encoded whole, or, with ``levels``, its
    lists and objects that many levels deep are written piece by piece (a generator's entry holding thousands of
    pages: ``levels=2``, the entry and its list of pages)."""

    def __init__(self, entries: Iterable[tuple[str, object]], levels: int = 0) -> None:
        self.entries, self.levels = entries, levels


def _encoded(value: object, encoder: json.JSONEncoder, levels: int = 1) -> Iterator[str]:
    """``value``'s JSON as ``encoder`` writes it whole, in pieces: its lists and objects opened ``levels`` deep (and
    every :class:`Entries` as it says), what lies below encoded whole (by json's fast encoder)."""
    if isinstance(value, Entries):
        yield from _object(value.entries, encoder, value.levels)
    elif levels > 0 and isinstance(value, dict):
        yield from _object(value.items(), encoder, levels - 1)
    elif levels > 0 and isinstance(value, list | tuple | Iterator):
        opening = "["
        for item in value:
            yield opening
            yield from _encoded(item, encoder, levels - 1)
            opening = ","
        yield "[]" if opening == "[" else "]"
    else:
        yield encoder.encode(value)


def _object(entries: Iterable[tuple[object, object]], encoder: json.JSONEncoder, levels: int) -> Iterator[str]:
    opening = "{"
    for key, item in entries:
        if not isinstance(key, str):
            raise TypeError(f"a record's keys are strings, not {key!r}")
        yield opening + encoder.encode(key) + ":"
        yield from _encoded(item, encoder, levels)
        opening = ","
    yield "{}" if opening == "{" else "}"


def encoded_chunks(value: object) -> Iterator[bytes]:
    """``value``'s JSON (compact, ASCII: json's fastest encoder, and any lone surrogate kept) in UTF-8 pieces of about
    a MB, made as they are written (:class:`Entries` one entry at a time)."""
    return _chunks(_encoded(value, json.JSONEncoder(separators=(",", ":"))))


def _chunks(parts: Iterator[str], size: int = 1 << 20) -> Iterator[bytes]:
    """``parts`` encoded in UTF-8, in pieces of about ``size`` characters (the encoder's pieces are small)."""
    pending: list[str] = []
    length = 0
    for part in parts:
        pending.append(part)
        length += len(part)
        if length >= size:
            yield "".join(pending).encode("utf-8")
            pending, length = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


def remove_unused(folder: Path, name: re.Pattern[str], used: Collection[str], what: str) -> None:
    """Remove the files in ``folder`` whose names match ``name`` (a full match) that ``used`` does not name (older
    builds', or those of builds that failed), logging each that cannot be (``what`` names such a file)."""
    try:
        names = [entry.name for entry in os.scandir(folder) if name.fullmatch(entry.name) and entry.name not in used]
    except OSError:
        return
    for found in names:
        try:
            (folder / found).unlink()
        except OSError as error:
            logger.info("cannot remove an unused %s %s: %s", what, folder / found, error)


def project_path(project: Path) -> Path:
    """The project folder as every build names it: its absolute path (``..`` and ``.`` taken out as written,
    symbolic links kept), whatever folder the build is run from and however the path is written. Records keep the
    paths of the files they were made from (cache keys, stamps, problems): a relative path would miss them when
    the same project is named otherwise (``site``, then ``.`` from inside it), and would say where a problem is from
    the folder of the build that found it, not of the one that shows it."""
    return Path(os.path.abspath(project))  # noqa: PTH100 (lexical: the folders as the user wrote them)


def output_key(out: Path) -> str:
    """The name of an output folder's records: a hash of its absolute path (every symbolic link followed)."""
    return hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:24]


def user_cache_root(environ: Mapping[str, str]) -> Path | None:
    """govpress's per-user cache folder (not made here): ``$GOVPRESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/govpress``,
    else ``~/.cache/govpress``; ``None`` when none of these is set."""
    if environ.get(CACHE_VARIABLE):
        return Path(environ[CACHE_VARIABLE])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "govpress"
    home = environ.get("HOME")
    return Path(home) / ".cache" / "govpress" if home else None


def record_folder(
    project: Path, out: Path, environ: Mapping[str, str] | None = None, *, warn: bool = True
) -> RecordFolder | None:
    """Where the records of ``out`` live (see the module docstring); ``None`` when nowhere can hold them (said in a
    warning, unless ``warn`` is false)."""
    environ = os.environ if environ is None else environ
    name = output_key(out)
    private = private_cache_folder(environ)
    key = _record_key(private)
    local = project / CACHE_DIR
    if _writable(project) and (not local.exists() or _is_own_folder(local)):
        return RecordFolder(local / name, name, key)  # made when a record is first saved
    if private is not None:
        return RecordFolder(private / "builds" / name, name, key)
    if warn:
        logger.warning("no folder can hold the build's records: every build of %s starts from nothing", out)
    return None


def _writable(folder: Path) -> bool:
    """Whether ``folder`` may be written: this user can, and its mode allows someone to (a folder made read-only on
    purpose stays untouched, even by root, who can write anywhere)."""
    try:
        return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def private_cache_folder(environ: Mapping[str, str]) -> Path | None:
    """govpress's per-user folder: the user cache folder when it can be made and written, else ``govpress-<uid>`` in
    the system's temporary folder (made private, and only when it is this user's), else ``None``."""
    root = user_cache_root(environ)
    if root is not None and own_folder(root):
        return root
    spare = Path(tempfile.gettempdir()) / f"govpress-{os.getuid()}"
    return spare if own_folder(spare, private=True) else None


def own_folder(path: Path, private: bool = False) -> bool:
    """Make ``path`` (a real folder, not a symbolic link) if needed: whether it is one this user owns and can write
    (with ``private``: that no one else can read either)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return _is_own_folder(path, private)


def _is_own_folder(path: Path, private: bool = False) -> bool:
    try:
        found = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
        return False
    if private and found.st_mode & 0o077:
        return False
    return os.access(path, os.W_OK | os.X_OK)


def _record_key(private: Path | None) -> bytes:
    """This user's key for signing records (made on first use); without a folder to keep it, a key for this process
    only (records then last one build)."""
    if private is None:
        return secrets.token_bytes(KEY_BYTES)
    path = private / KEY_FILE
    try:
        key = read_regular(path)
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        handle, temporary = tempfile.mkstemp(dir=private, prefix=f".{KEY_FILE}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(key)
        Path(temporary).replace(path)
    except OSError as error:
        logger.info("cannot keep the records' key in %s: %s", private, error)
    return key


def read_regular(path: Path) -> bytes:
    """The bytes of ``path`` when it is a regular file (never a FIFO, device or symbolic link)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"not a regular file: {path}")
        return stream.read()
