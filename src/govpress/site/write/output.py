"""The output folder, switched when the build is done: a build writes what changed beside OUT, then switches over.

A reader of OUT (a web server, ``govpress serve``) never sees a half-written file nor an empty page, and a build
that fails or is killed before its switch leaves the previous site as it was. How the switch is made depends on how
much changed:

- While every file a build writes is already in OUT with the same bytes (pages) or the same size and modification
  time (copies), nothing is written at all: a build that changes nothing switches nothing.
- A small change (at most :data:`FILE_BY_FILE` files): the changed files are written into a new folder in
  ``PARENT/.govpress-cache/`` (``PARENT`` holds OUT: same file system; when that folder cannot be made, beside OUT as
  ``.OUT.new-…``) and, at the switch, each replaces its file in OUT in one step (``rename``), then the files the last
  build wrote that this one does not are removed. **The promise is per file here**: during the switch (a few
  milliseconds for a few files) a reader may see some of the changed files new and others still old, each of them
  whole; a build killed during those milliseconds leaves that mix, which the next build completes. What this buys:
  the cost of the switch is the changed files', not the site's (hard-linking and removing 10,000 pages' files costs
  seconds; docs/scaling.md).
- A larger change: the new folder gets every file of OUT, hard-linked (govpress never writes a file in place: a
  changed file is unlinked and written anew, so the previous site keeps its bytes). Files govpress did not write (say
  a ``CNAME``) come along; files the last build wrote that this one does not (its record, :data:`MANIFEST`) do not.
  The switch swaps the two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames), then
  removes the previous site: a reader sees the previous site or the new one, never a mix.
- A new folder left by a killed build is removed by the next build.
- When nothing can be made beside OUT (its parent is read-only), the build writes into OUT itself, as before.

OUT is what the symbolic link OUT points to, when it is one. A path named in any record is confined to the folder
(relative, no ``..``, no NUL, no symbolic link on the way) before anything is removed.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import secrets
import shutil
import stat
import threading
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError, Problem
from govpress.site.engine.records import own_folder
from govpress.site.engine.stamps import CACHE_DIR
from govpress.site.write.folders import Folders

logger = logging.getLogger(__name__)
NEW_MARK = ".new-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
FILE_BY_FILE = 256  # a build that changes at most this many files replaces them one by one, not the whole folder


class SiteOutput:
    """The output folder ``out`` as a build writes it; ``previous``: the files the last build wrote (relative paths).

    Several threads may write (the writer thread its pages, the search's runners pagefind's files): one call at a
    time goes through, under a lock. ``finish(names)`` switches to the new site.
    """

    def __init__(self, out: Path, previous: frozenset[str] = frozenset(), file_by_file: int | None = None) -> None:
        self.out = out
        self.target = out.resolve() if out.is_symlink() else out
        self.previous = previous
        self._staging: Path | None = None
        self._in_place = False
        self._file_by_file = FILE_BY_FILE if file_by_file is None else file_by_file
        self._changes: Path | None = None  # the folder of the changed files only, while they are few
        self._changed: set[str] = set()
        self._folders = Folders()
        self._lock = threading.RLock()
        self.changed = 0
        if self.target.exists() and not self.target.is_dir():
            raise GovpressError(Problem.error("the output folder is a file, not a folder", out))
        self._root = self._staging_root()
        _remove_leftovers(self._root, self._prefix())

    @property
    def folder(self) -> Path:
        """Where the site's files are now: the new folder once something changed (and the change is more than a few
        files), else OUT (where the files not changed are while the changes are few: :meth:`path_of`)."""
        return self._staging or self.target

    def path_of(self, name: str) -> Path:
        """Where the file ``name`` of the site being written is now."""
        if self._changes is not None and name in self._changed:
            return self._changes / name
        return self.folder / name

    def write(self, name: str, data: bytes) -> Path:
        """The file ``name`` (relative) with ``data``, unless it is already there with these bytes."""
        checked_name(name)
        with self._lock:
            return self._write(name, data)

    def _write(self, name: str, data: bytes) -> Path:
        if self._staging is not None:  # the whole new folder: a file not there yet is made in one step
            target = self._staging / name
            self._folders.make_parent(target, self._staging, self.out)
            if _create(target, data):
                self.changed += 1
                return target
        here = self.path_of(name)
        if _same_bytes(here, data):
            return here
        target = self._fresh(name)
        target.write_bytes(data)
        return target

    def copy(self, source: Path, name: str) -> Path:
        """``source`` as the file ``name`` (bytes and modification time), unless a file of the same size and
        modification time is there."""
        checked_name(name)
        with self._lock:
            return self._copy(source, name)

    def _copy(self, source: Path, name: str) -> Path:
        here = self.path_of(name)
        found = source.stat()
        try:
            there = here.lstat()
        except FileNotFoundError:
            pass
        else:
            same_time = there.st_mtime_ns == found.st_mtime_ns and there.st_size == found.st_size
            if stat.S_ISREG(there.st_mode) and same_time:
                return here
        target = self._fresh(name)
        shutil.copyfile(source, target)
        os.utime(target, ns=(found.st_atime_ns, found.st_mtime_ns))
        return target

    def begin(self) -> Path:
        """Start the new folder now, whole (a build that writes files by other means, such as PDFs); returns it."""
        with self._lock:
            if self._staging is None:
                self._staging = self._make_staging()
                self._take_changes(self._staging)
            return self._staging

    def discard(self, name: str) -> None:
        """Take back the file ``name`` this build wrote and will not publish after all (pagefind's files for a shard
        indexed early whose pages turned out otherwise): the new site gets OUT's file of that name again, or none
        (removed at the switch, as any other, when the last build wrote it and this one does not list it)."""
        checked_name(name)
        with self._lock:
            if name in self._changed and self._changes is not None:
                self._changed.discard(name)
                (self._changes / name).unlink(missing_ok=True)
                return
            path = confined(self._staging, name) if self._staging is not None else None
            if path is None or not _is_file(path):
                return
            path.unlink()
            original = None if self._in_place else confined(self.target, name)
            if original is not None and _is_file(original):
                os.link(original, path)  # as the new folder had it before this build wrote it

    def finish(self, names: set[str]) -> bool:
        """Leave out the files the last build wrote and this one did not (``names``: this build's), then switch to
        the new site. Returns whether anything changed."""
        with self._lock:
            return self._finish(names)

    def _finish(self, names: set[str]) -> bool:
        stale = sorted(self.previous - names)
        unchanged = self._staging is None and self._changes is None
        if unchanged and not any(_is_file(confined(self.target, name)) for name in stale):
            return False
        if self._staging is None and not self._in_place and self._replace_files(stale):
            return True
        folder = self.begin()
        for name in stale:
            path = confined(folder, name)
            if path is not None and _is_file(path):
                path.unlink()
                _prune(path.parent, folder)
                logger.info("removed %s (no longer built)", self.out / name)
        if not self._in_place:
            self._switch(folder)
        self._staging = None
        return True

    def abandon(self) -> None:
        """Remove the new folder of a build that failed (OUT is left as it was)."""
        if self._staging is not None and not self._in_place:
            shutil.rmtree(self._staging, ignore_errors=True)
        if self._changes is not None:
            shutil.rmtree(self._changes, ignore_errors=True)
        self._staging = self._changes = None

    def _fresh(self, name: str) -> Path:
        """The new folder's path for ``name``, its parent made and any file there (a link to OUT's) removed: in the
        folder of changes while they are few, else in the whole new folder."""
        self.changed += 1
        if self._staging is None and self._root is not None:
            if self._changes is None and self._file_by_file > 0:
                self._changes = self._new_folder()
            if self._changes is not None and len(self._changed | {name}) <= self._file_by_file:
                self._changed.add(name)
                return self._fresh_in(self._changes, name)
        return self._fresh_in(self.begin(), name)

    def _fresh_in(self, folder: Path, name: str) -> Path:
        target = folder / name
        self._folders.make_parent(target, folder, self.out)
        if target.is_symlink() or target.exists():
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        return target

    def _take_changes(self, staging: Path) -> None:
        """Move the changed files written so far into the whole new folder (over their links to OUT's)."""
        if self._changes is None:
            return
        for name in sorted(self._changed):
            (self._changes / name).replace(self._fresh_in(staging, name))
        shutil.rmtree(self._changes, ignore_errors=True)
        self._changes, self._changed = None, set()

    def _replace_files(self, stale: list[str]) -> bool:
        """The switch of a small change: each changed file replaces OUT's in one step, then the stale files go.
        ``False`` (nothing done) when a changed file's folder in OUT is a symbolic link or not a folder: then the
        whole folder is switched."""
        changes = self._changes
        names = sorted(self._changed)
        places = {name: _replaceable(self.target, name) for name in names}
        if any(place is None for place in places.values()):
            return False
        for name in names:
            place = places[name]
            assert place is not None and changes is not None
            if place.is_dir() and not place.is_symlink():
                shutil.rmtree(place)
            self._folders.make_parent(place, self.target, self.out)
            (changes / name).replace(place)
        for name in stale:
            path = confined(self.target, name)
            if path is not None and _is_file(path):
                path.unlink()
                _prune(path.parent, self.target)
                logger.info("removed %s (no longer built)", self.out / name)
        if changes is not None:
            shutil.rmtree(changes, ignore_errors=True)
        self._changes, self._changed = None, set()
        return True

    def _new_folder(self) -> Path | None:
        if self._root is None:
            return None
        folder = self._root / f"{self._prefix()}{os.getpid()}-{secrets.token_hex(4)}"
        folder.mkdir(mode=0o755)
        return folder

    def _make_staging(self) -> Path:
        if self._root is None:
            logger.warning("writing %s in place: no folder can be made beside it", self.target)
            self._in_place = True
            self.target.mkdir(parents=True, exist_ok=True)
            return self.target
        staging = self._new_folder()
        assert staging is not None
        if self.target.is_dir():
            shutil.copymode(self.target, staging)
            _link_tree(self.target, staging, skip=frozenset({CACHE_DIR}))
        return staging

    def _prefix(self) -> str:
        hidden = "" if self._root is not None and self._root.name == CACHE_DIR else "."
        return f"{hidden}{self.target.name}{NEW_MARK}"

    def _staging_root(self) -> Path | None:
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        if own_folder(parent / CACHE_DIR):
            return parent / CACHE_DIR
        return parent if os.access(parent, os.W_OK | os.X_OK) else None

    def _switch(self, staging: Path) -> None:
        target = self.target
        if not target.exists():
            staging.rename(target)
            return
        if not _exchange(staging, target):
            aside = staging.with_name(staging.name + "-old")
            target.rename(aside)
            staging.rename(target)
            staging = aside
        shutil.rmtree(staging, ignore_errors=True)  # the previous site, now at the new folder's name


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); ``False`` where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def _link_tree(source: Path, target: Path, skip: frozenset[str] = frozenset()) -> None:
    """Every entry of ``source`` into ``target``: folders made, files hard-linked (copied where a link cannot be
    made), symbolic links made again as they are (never followed)."""
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            destination = target / entry.name
            if entry.is_symlink():
                destination.symlink_to(Path(entry.path).readlink())
            elif entry.is_dir(follow_symlinks=False):
                destination.mkdir()
                _link_tree(Path(entry.path), destination)
            elif entry.is_file(follow_symlinks=False):
                try:
                    os.link(entry.path, destination, follow_symlinks=False)
                except OSError:
                    shutil.copy2(entry.path, destination, follow_symlinks=False)
            else:
                logger.warning("not keeping %s: not a file, folder or link", entry.path)


def _remove_leftovers(root: Path | None, prefix: str) -> None:
    """Remove the new folders that killed builds of this output left behind (their process is gone)."""
    if root is None:
        return
    with os.scandir(root) as entries:
        for entry in entries:
            if not entry.name.startswith(prefix) or not entry.is_dir(follow_symlinks=False):
                continue
            pid = entry.name[len(prefix) :].split("-")[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                logger.info("removing %s, left by a build that did not finish", entry.path)
                shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def checked_name(name: str) -> str:
    """``name`` when it is a relative path with no ``..`` nor NUL; else :class:`GovpressError`."""
    path = PurePosixPath(name)
    if not path.parts or path.is_absolute() or ".." in path.parts or "\0" in name:
        raise GovpressError(Problem.error(f"refusing to write outside the output folder: {name!r}"))
    return name


def confined(folder: Path, name: str) -> Path | None:
    """``folder / name`` when ``name`` is a relative path inside ``folder`` with no ``..``, no NUL and no symbolic
    link among its folders; else ``None``."""
    path = PurePosixPath(name)
    if not path.parts or path.is_absolute() or ".." in path.parts or "\0" in name or "\\" in name:
        return None
    here = folder
    for part in path.parts[:-1]:
        here = here / part
        if here.is_symlink() or not here.is_dir():
            return None
    return folder / name


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _replaceable(folder: Path, name: str) -> Path | None:
    """``folder / name`` when each folder on the way to it is a folder or not there yet (never a symbolic link nor a
    file); else ``None``."""
    here = folder
    for part in PurePosixPath(name).parts[:-1]:
        here = here / part
        if here.is_symlink() or (here.exists() and not here.is_dir()):
            return None
    return folder / name


def _is_file(path: Path | None) -> bool:
    """A regular file (not a symbolic link)."""
    try:
        return path is not None and stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _create(path: Path, data: bytes) -> bool:
    """Make the file ``path`` with ``data``; ``False`` (nothing done) when something is there already (a file, a link
    or a folder). Three system calls where ``Path.write_bytes`` after checking the path takes nine: the writer is a
    thread, and each call it makes waits for the interpreter lock when it returns (docs/scaling.md)."""
    try:
        fd = os.open(path, _CREATE, 0o666)
    except FileExistsError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    return True


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        found = path.lstat()
        return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
