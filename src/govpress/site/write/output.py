"""The output folder, replaced whole: a build writes its site into a new folder beside OUT and then switches over.

A reader of OUT (a web server, ``govpress serve``) sees the previous site or the new one, never a mix of the two
nor an empty page, and a build that is killed leaves the previous site as it was.

- While every file a build writes is already in OUT with the same bytes (pages) or the same size and modification
  time (copies), nothing is written at all: a build that changes nothing switches nothing.
- At the first difference, the new folder is made in ``PARENT/.govpress-cache/`` (``PARENT`` holds OUT: same file
  system; when that folder cannot be made, beside OUT as ``.OUT.new-…``) and every file of OUT is hard-linked into it
  (govpress never writes a file in place: a changed file is unlinked and written anew, so the previous site keeps its
  bytes). Files govpress did not write (say a ``CNAME``) come along; files the last build wrote that this one does
  not (its record, :data:`MANIFEST`) do not.
- The switch swaps the two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames), then
  removes the previous site. A new folder left by a killed build is removed by the next build.
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
from pathlib import Path, PurePosixPath

from govpress.problems import GovpressError, Problem
from govpress.site.engine.cache import CACHE_DIR
from govpress.site.engine.records import own_folder
from govpress.site.write.folders import Folders

logger = logging.getLogger(__name__)
NEW_MARK = ".new-"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


class SiteOutput:
    """The output folder ``out`` as a build writes it; ``previous``: the files the last build wrote (relative paths).

    Writes are made one at a time (one thread at a time). ``finish(names)`` switches to the new site.
    """

    def __init__(self, out: Path, previous: frozenset[str] = frozenset()) -> None:
        self.out = out
        self.target = out.resolve() if out.is_symlink() else out
        self.previous = previous
        self._staging: Path | None = None
        self._in_place = False
        self._folders = Folders()
        self.changed = 0
        if self.target.exists() and not self.target.is_dir():
            raise GovpressError(Problem.error("the output folder is a file, not a folder", out))
        self._root = self._staging_root()
        _remove_leftovers(self._root, self._prefix())

    @property
    def folder(self) -> Path:
        """Where the site's files are now: the new folder once something changed, else OUT."""
        return self._staging or self.target

    def write(self, name: str, data: bytes) -> Path:
        """The file ``name`` (relative) with ``data``, unless it is already there with these bytes."""
        here = self.folder / _checked_name(name)
        if _same_bytes(here, data):
            return here
        target = self._fresh(name)
        target.write_bytes(data)
        return target

    def copy(self, source: Path, name: str) -> Path:
        """``source`` as the file ``name`` (bytes and modification time), unless a file of the same size and
        modification time is there."""
        here = self.folder / _checked_name(name)
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
        """Start the new folder now (a build that writes files by other means, such as PDFs); returns it."""
        if self._staging is None:
            self._staging = self._make_staging()
        return self._staging

    def finish(self, names: set[str]) -> bool:
        """Leave out the files the last build wrote and this one did not (``names``: this build's), then switch to
        the new site. Returns whether anything changed."""
        stale = sorted(self.previous - names)
        if self._staging is None and not any(_is_file(confined(self.target, name)) for name in stale):
            return False
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
        self._staging = None

    def _fresh(self, name: str) -> Path:
        """The new folder's path for ``name``, its parent made and any file there (a link to OUT's) removed."""
        self.changed += 1
        target = self.begin() / name
        self._folders.make_parent(target)
        if target.is_symlink() or target.exists():
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        return target

    def _make_staging(self) -> Path:
        if self._root is None:
            logger.warning("writing %s in place: no folder can be made beside it", self.target)
            self._in_place = True
            self.target.mkdir(parents=True, exist_ok=True)
            return self.target
        staging = self._root / f"{self._prefix()}{os.getpid()}-{secrets.token_hex(4)}"
        staging.mkdir(mode=0o755)
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


def _checked_name(name: str) -> str:
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


def _is_file(path: Path | None) -> bool:
    """A regular file (not a symbolic link)."""
    try:
        return path is not None and stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        found = path.lstat()
        return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
