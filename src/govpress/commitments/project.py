"""Load a project's commitments from whichever sources it has: native data files win over legacy partials."""

from __future__ import annotations

from pathlib import Path

from govpress.commitments.history import with_history
from govpress.commitments.legacy.load import is_legacy_project, load_legacy
from govpress.commitments.model import Commitments
from govpress.commitments.native.load import ACTIONS, is_native_project, load_native
from govpress.problems import GovpressError, Problem


def has_commitments(project: Path, source: Path | None = None) -> bool:
    """Whether ``project`` has commitments data of either kind (legacy sources in ``source``, default ``source/``)."""
    return is_native_project(project) or is_legacy_project(project, source)


def load_commitments(project: Path, history: bool = True, source: Path | None = None) -> Commitments:
    """The project's commitments (with history from git when ``history``); :class:`GovpressError` when unreadable."""
    if is_native_project(project):
        commitments = load_native(project)
    elif is_legacy_project(project, source):
        commitments = load_legacy(project, source)
    else:
        message = f"no commitments here: neither {ACTIONS} nor source/partials/departmentactions/_actionNN.md"
        raise GovpressError(Problem.error(message, project))
    return with_history(commitments) if history else commitments
