"""Keeping what govpress reads and writes inside the project: partial names, path settings, symbolic links.

Rules (each function states one):

- ``{include NAME}`` reads only inside ``source/partials/``: NAME is a relative ``/``-separated path with no ``..``,
  no backslash and no NUL, and the file it names, every symbolic link followed, must lie inside ``partials/``
  (:func:`partial_name_problem`, :func:`partial_target_problem`).
- A path setting (``output``, ``source``, ``assets``, a data file or folder) is relative and, every link followed,
  stays inside the project folder (:func:`setting_problem`).
- The output folder is emptied and replaced by a build: it may be neither the project folder, nor a folder holding
  it, nor one of the project's input folders, nor inside one, nor a folder holding one (:func:`output_problem`).
- A symbolic link found in ``source/`` or ``assets/`` whose target lies outside the project, or that loops, is
  refused, never read (:func:`link_problem`). A link that stays inside the project is followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govpress.problems import Problem

GIT_FOLDER = ".git"
SETTINGS_FILE = "govpress.toml"


def resolved(path: Path) -> Path | None:
    """``path`` absolute with every symbolic link followed; ``None`` when the links make a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: Python's "Symlink loop"; OSError: ELOOP
        return None


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it (both already resolved)."""
    return path == folder or folder in path.parents


def link_problem(path: Path, root: Path) -> Problem | None:
    """An error when ``path`` is a symbolic link that loops or whose target lies outside ``root`` (resolved).

    A link to a folder that holds the link is a loop too (a walk through it would never end), and a link into the
    project's git repository or to its settings file (which may hold a database password) is refused like one leaving
    the project: neither is ever published.
    """
    if not path.is_symlink():
        return None
    target = resolved(path)
    if target is None:
        return Problem.error("symbolic link loop (the link leads back to itself); refusing to read it", path)
    if not inside(target, root):
        return Problem.error(f"symbolic link to {target} leaves the project; refusing to read it", path)
    if inside(target, root / GIT_FOLDER) or target == root / SETTINGS_FILE:
        message = f"symbolic link to {target}: the project's git repository and settings are never published"
        return Problem.error(f"{message}; refusing to read it", path)
    parent = resolved(path.parent)
    if target.is_dir() and parent is not None and inside(parent, target):
        message = f"symbolic link to {target} is a loop (it leads to a folder that holds it); refusing to follow it"
        return Problem.error(message, path)
    return None


def name_problem(path: Path) -> Problem | None:
    """An error when the name of ``path`` is not valid UTF-8 (pages and links could not be made of it)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return Problem.error("the name is not valid UTF-8; rename it", path)
    return None


def partial_name_problem(name: str) -> str | None:
    """Why ``name`` (of ``{include name}``) cannot name a file inside ``partials/``; ``None`` when it can."""
    if "\0" in name:
        return "a NUL character is not allowed in a partial's name"
    if "\\" in name:
        return 'a backslash is not allowed in a partial\'s name (folders are separated by "/")'
    if name.startswith("/") or Path(name).is_absolute():
        return "an absolute path is not allowed: partials are read only inside partials/"
    parts = name.split("/")
    if ".." in parts:
        return '".." is not allowed in a partial\'s name: partials are read only inside partials/'
    if any(part in ("", ".") for part in parts):
        return 'empty or "." folder names are not allowed in a partial\'s name'
    return None


def partial_target_problem(target: Path, partials: Path) -> str | None:
    """Why the partial file ``target`` may not be read, as words that follow its name (``"leads to /etc/passwd,
    outside …"``); ``None`` when it may.

    ``partials`` is the ``partials/`` folder under the source folder, the source folder's links followed.
    """
    real = resolved(target)
    if real is None:
        return "is a symbolic link loop; refusing to read it"
    if not inside(real, partials):
        return f"leads to {real}, outside {partials}; refusing to read it"
    return None


def setting_problem(value: str, project: Path) -> str | None:
    """Why the path setting ``value`` does not name a place inside ``project`` (resolved); ``None`` when it does."""
    if "\0" in value:
        return "a NUL character is not allowed in a path"
    if Path(value).is_absolute() or value.startswith(("/", "\\")):
        return f"{value!r} is an absolute path; give a path relative to the project folder"
    target = resolved(project / value)
    if target is None:
        return f"{value!r} is a symbolic link loop"
    if not inside(target, project):
        return f"{value!r} leads outside the project folder (to {target})"
    return None


def output_problem(out: Path, project: Path, inputs: Iterable[tuple[str, Path]]) -> str | None:
    """Why ``out`` may not be an output folder (a build empties it) for ``project`` (resolved); ``None`` when it may.

    ``inputs`` are the project's input folders and files as ``(what, path)`` (``("source folder", …)``); those
    that do not exist are left out.
    """
    target = resolved(out)
    if target is None:
        return f"{out} is a symbolic link loop"
    if target == project:
        return "it is the project folder itself (a build empties and replaces its output folder)"
    if inside(project, target):
        return f"{target} holds the project folder (a build empties and replaces its output folder)"
    for what, path in (*inputs, ("git repository", project / GIT_FOLDER)):
        place = resolved(path)
        if place is None or not place.exists():
            continue
        if inside(place, target):
            return f"it holds the {what} {path} (a build empties and replaces its output folder)"
        if inside(target, place):
            return f"it is inside the {what} {path}"
    return None
