"""Each response's change history, from ``git log`` of its source file.

Every revision of a response's file is parsed with the same reader as the working copy (department-response
partials or native response files); consecutive revisions are compared response by response (keyed by action and
organisation), and each difference becomes a :class:`~govpress.commitments.model.Change`. When the project is not in a
git repository (or git is missing), responses keep an empty history.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from govpress.commitments.legacy.organisations import name_key
from govpress.commitments.legacy.partials import parse_partial
from govpress.commitments.model import Change, Commitments, Response, Status, status_of_text
from govpress.commitments.native.load import read_responses
from govpress.problems import GovpressError

log = logging.getLogger(__name__)

Key = tuple[int, str]
Version = tuple[Status, str]


@dataclass(frozen=True)
class Revision:
    """One commit that touched a file: its id, committer date (ISO 8601) and the file's path in it."""

    commit: str
    date: str
    path: str


def revisions(path: Path) -> list[Revision]:
    """The commits that touched ``path``, oldest first (following renames); empty outside git."""
    # No --reverse: git does not follow renames with it.
    output = _git(path.parent, "log", "--follow", "--format=%x00%H %cI", "--name-only", "--", path.name)
    found: list[Revision] = []
    for record in (output or "").split("\0")[1:]:
        header, *names = [line for line in record.splitlines() if line.strip()]
        commit, _, date = header.partition(" ")
        if names:
            found.append(Revision(commit, date, names[-1]))
    return found[::-1]


def file_at(path: Path, revision: Revision) -> str | None:
    """The text of the file as it was in ``revision``."""
    return _git(path.parent, "show", f"{revision.commit}:{revision.path}")


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None
    try:
        text = done.stdout.decode("utf-8") if done.returncode == 0 else None
    except UnicodeDecodeError:  # a revision that was not UTF-8 is left out of the history, like any unreadable one
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if text is not None else None  # as text=True read it


def with_history(commitments: Commitments) -> Commitments:
    """``commitments`` with every response's history filled in from git."""
    ids = {name_key(" ".join(o.display_lines)): o.id for o in commitments.organisations}
    ids |= {name_key(o.name): o.id for o in commitments.organisations}
    histories: dict[Key, tuple[Change, ...]] = {}
    for path in sorted({r.source.path for r in commitments.responses if r.source}):
        if _in_git_work_tree(Path(path)):  # one git call per file is slow: none where there is no repository
            histories |= file_history(Path(path), ids)
    responses = tuple(
        dataclasses.replace(r, history=histories.get((r.action, r.organisation), ())) for r in commitments.responses
    )
    return dataclasses.replace(commitments, responses=responses)


def _in_git_work_tree(path: Path) -> bool:
    """Whether a folder above ``path`` holds ``.git`` (or ``GIT_DIR`` names a repository)."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((folder / ".git").exists() for folder in path.resolve().parents)


def file_history(path: Path, ids: dict[str, str]) -> dict[Key, tuple[Change, ...]]:
    """The changes of every response in one file, over the file's revisions."""
    changes: dict[Key, list[Change]] = {}
    before: dict[Key, Version] = {}
    for revision in revisions(path):
        text = file_at(path, revision)
        after = _versions(path, text, ids) if text is not None else None
        if after is None:
            log.debug("%s: cannot read the revision %s, left out of the history", path, revision.commit)
            continue
        for key, version in after.items():
            old = before.get(key)
            if old != version:
                changes.setdefault(key, []).append(_change(revision, old, version))
        before = after
    return {key: tuple(found) for key, found in changes.items()}


def _versions(path: Path, text: str, ids: dict[str, str]) -> dict[Key, Version] | None:
    """Each response's status and text in one revision of ``path``; ``None`` when that revision cannot be read."""
    try:
        if path.suffix == ".md":
            partial = parse_partial(text, str(path))
            return {
                (partial.number, ids.get(name_key(" ".join(b.display_lines)), "")): (status_of_text(b.text), b.text)
                for b in partial.blocks
            }
        return {(r.action, r.organisation): (r.status, r.text) for r in read_responses(path, text)}
    except GovpressError:
        return None


def _change(revision: Revision, old: Version | None, new: Version) -> Change:
    return Change(
        date=revision.date,
        commit=revision.commit,
        status_before=old[0] if old else None,
        status_after=new[0],
        summary=describe_change(old, new),
    )


def describe_change(old: Version | None, new: Version) -> str:
    """A short account of what changed: first version, status, links, wording."""
    if old is None:
        return "first published"
    parts: list[str] = []
    if old[0] is not new[0]:
        parts.append(f"status {old[0].value} \u2192 {new[0].value}")
    old_links, new_links = _links(old[1]), _links(new[1])
    if new_links - old_links:
        parts.append("link added")
    if old_links - new_links:
        parts.append("link removed")
    if old[1] != new[1] and not parts:
        parts.append("text changed")
    elif old[1] != new[1]:
        parts.append("text rewritten")
    return "; ".join(parts)


def _links(text: str) -> set[str]:
    return set(Response(0, "", Status.RESPONDED, text).links)
