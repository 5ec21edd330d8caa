"""Where the external test tools are, and skipping loudly when one is missing.

The quality suites need Debian's ``chromium`` (driven by Playwright), ``java`` and the npm packages
``axe-core`` and ``vnu-jar`` in ``node_modules`` (``scripts/test`` installs all of them). Where one is missing
the suite is skipped with a message that says so in capitals, never silently passed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class BrowserTools:
    """What the accessibility suite needs: the chromium binary and axe-core's script."""

    chromium: Path
    axe_script: Path


@dataclass(frozen=True)
class ValidatorTools:
    """What the HTML suite needs: a java binary and the Nu Html Checker's jar."""

    java: Path
    vnu_jar: Path


def loud_skip(what: str, missing: str) -> None:
    """Skip the calling test with a message nobody can miss."""
    pytest.skip(f"SKIPPED {what.upper()}: {missing} IS MISSING. Run scripts/test (it installs it) to run these checks.")


def browser_tools() -> BrowserTools:
    """Chromium and axe-core, or a loud skip."""
    if not CHROMIUM.exists():
        loud_skip("accessibility checks", f"Debian chromium ({CHROMIUM})")
    if not AXE_SCRIPT.exists():
        loud_skip("accessibility checks", f"axe-core ({AXE_SCRIPT}; npm install)")
    try:
        import playwright.sync_api  # noqa: F401 (only checking it is installed)
    except ImportError:
        loud_skip("accessibility checks", "the Python package playwright")
    return BrowserTools(CHROMIUM, AXE_SCRIPT)


def validator_tools() -> ValidatorTools:
    """Java and vnu.jar, or a loud skip."""
    java = shutil.which("java")
    if java is None:
        loud_skip("HTML validation", "java")
    if not VNU_JAR.exists():
        loud_skip("HTML validation", f"vnu-jar ({VNU_JAR}; npm install)")
    return ValidatorTools(Path(str(java)), VNU_JAR)
