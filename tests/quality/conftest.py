"""Session fixtures of the quality suites: one browser for every page, the validator's tools, the built sites."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.axe import AxeChecker, open_axe
from support.builds import build_site, new_site
from support.tools import ValidatorTools, browser_tools, validator_tools


@pytest.fixture(scope="session")
def axe_checker() -> Iterator[AxeChecker]:
    """axe-core in one chromium for the whole session (skips loudly without chromium or axe-core)."""
    with open_axe(browser_tools()) as checker:
        yield checker


@pytest.fixture(scope="session")
def vnu_tools() -> ValidatorTools:
    """Java and vnu.jar (skips loudly without them)."""
    return validator_tools()


@pytest.fixture(scope="session")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The legacy corpus, built once per session."""
    return build_site(corpus_dir, tmp_path_factory.mktemp("corpus-site") / "_site")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``govpress new`` example site, scaffolded and built once per session."""
    project = new_site(tmp_path_factory.mktemp("example") / "project")
    return build_site(project, project / "_site")


#: Every built site the suites check, by the name of its session fixture. A new kind of page (the commitments
#: matrix and organisation pages already are) joins by being built into one of these folders; a new site joins
#: by adding its fixture here (and above).
BUILT_SITES = ("corpus_site", "example_site")


@pytest.fixture(params=BUILT_SITES)
def built_site(request: pytest.FixtureRequest) -> Path:
    """Each built site in turn."""
    folder = request.getfixturevalue(request.param)
    assert isinstance(folder, Path)
    return folder
