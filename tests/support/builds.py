"""Building sites for the quality suites: the legacy corpus and the ``govpress new`` example.

The suites check built folders only; how a folder is built is decided here, in one place. The site's
Python API is preferred (``govpress.site.build.build_site(project, out)`` and
``govpress.site.new.new_site(folder)``); where a name is not there the ``govpress`` command is run
(``govpress build PROJECT -o OUT``, ``govpress new DIR``). If neither can build, the suite is skipped
with a loud message naming what is missing.
"""

from __future__ import annotations

import importlib
import inspect
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# What the placeholder commands (before the site work lands) say when called with real arguments.
_PLACEHOLDER_SIGNS = ("not built yet", "Got unexpected extra argument", "No such option")


class BuildFailedError(AssertionError):
    """The site did not build: the message has the command's output."""


def _api(module_name: str, function_name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    found = getattr(module, function_name, None)
    return found if callable(found) else None


def _govpress_command() -> list[str]:
    script = shutil.which("govpress", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "govpress.cli"]


def _run(arguments: list[str], what: str) -> None:
    done = subprocess.run([*_govpress_command(), *arguments], capture_output=True, text=True, check=False)
    if any(sign in done.stderr for sign in _PLACEHOLDER_SIGNS):
        pytest.skip(f"SKIPPED: `govpress {arguments[0]}` IS NOT IMPLEMENTED YET, so {what} cannot be checked")
    if done.returncode != 0:
        command = " ".join(arguments)
        raise BuildFailedError(f"govpress {command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")


def build_site(project: Path, out: Path) -> Path:
    """Build ``project`` (a folder holding ``source/``) into ``out``; returns ``out``."""
    api = _api("govpress.site.build", "build_site")
    if api is None:
        _run(["build", str(project), "-o", str(out)], f"the site built from {project}")
        return out
    parameters = inspect.signature(api).parameters
    if "out" in parameters or "output" in parameters:
        api(project, **{("out" if "out" in parameters else "output"): out})
    else:
        api(project, out)
    return out


def new_site(folder: Path) -> Path:
    """Scaffold the ``govpress new`` example site into ``folder`` (which must not exist); returns ``folder``."""
    api = _api("govpress.site.new", "new_site")
    if api is None:
        _run(["new", str(folder)], "the `govpress new` example site")
    else:
        api(folder)
    return folder

