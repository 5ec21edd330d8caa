"""Building sites for the quality suites: the legacy corpus and the ``govpress new`` example.

The suites check built folders only; how a folder is built is decided here, in one place, with the site's
Python API (``govpress.site.build.build_site`` and ``govpress.site.new.new_site``). If that API is not
installed the suites are skipped with a loud message.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _api(module_name: str, function_name: str) -> Callable[..., Any]:
    try:
        found = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError):
        pytest.skip(f"SKIPPED: {module_name}.{function_name} IS MISSING, so no site can be built and checked")
    if not callable(found):
        pytest.skip(f"SKIPPED: {module_name}.{function_name} IS NOT A FUNCTION")
    return found  # type: ignore[no-any-return]


def build_site(project: Path, out: Path) -> Path:
    """Build ``project`` (a folder holding ``source/``) into ``out``; returns ``out``."""
    _api("govpress.site.build", "build_site")(project, out)
    return out


def new_site(folder: Path) -> Path:
    """Scaffold the ``govpress new`` example site into ``folder`` (which must not exist); returns ``folder``."""
    _api("govpress.site.new", "new_site")(folder)
    return folder


def output_files(out: Path) -> dict[str, bytes]:
    """Every file under the built folder ``out``, by path relative to it, with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
