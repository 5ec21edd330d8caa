"""Golden files: compare a test's text with a stored file; ``GOVPRESS_REGENERATE_GOLDEN=1`` rewrites the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REGENERATE = os.environ.get("GOVPRESS_REGENERATE_GOLDEN") == "1"


def check_golden(path: Path, actual: str) -> None:
    """``actual`` equals the golden file at ``path`` (written instead when regenerating; a missing one fails)."""
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} is missing: run with GOVPRESS_REGENERATE_GOLDEN=1 to write it")
    assert actual == path.read_text(encoding="utf-8")
