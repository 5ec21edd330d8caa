"""Shared test fixtures: where ``../shared`` is (skipping loudly when it is missing), and the example site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.axe import AxeChecker, open_axe
from support.counting_server import serve_counting
from support.tools import ValidatorTools, browser_tools, validator_tools

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "gds-digital-strategy"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"SKIPPED: {path} is missing: these tests read the shared test data in ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (skips the test when it is missing)."""
    return _need(SHARED)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The legacy corpus project folder (holding ``source/`` and ``assets/``)."""
    return _need(CORPUS)


@pytest.fixture(scope="session")
def corpus_source(corpus_dir: Path) -> Path:
    """The legacy corpus ``source/`` folder."""
    return _need(corpus_dir / "source")


@pytest.fixture(scope="session")
def axe_checker() -> Iterator[AxeChecker]:
    """axe-core in ONE chromium for the whole session (Playwright's sync API allows one at a time).

    Skips loudly without chromium or axe-core.
    """
    with open_axe(browser_tools()) as checker:
        yield checker


@pytest.fixture(scope="session")
def vnu_tools() -> ValidatorTools:
    """Java and vnu.jar (skips loudly without them)."""
    return validator_tools()


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that counts requests: its base URL and the paths it was asked for."""
    with serve_counting() as served:
        yield served


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The ``govpress new`` example, scaffolded in ``tmp_path / "example"`` for one test (a module may define its
    own ``project``)."""
    from govpress.site.new import new_site

    new_site(tmp_path / "example")
    return tmp_path / "example"
