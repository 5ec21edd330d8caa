"""Session fixtures of the quality suites: the built sites (browser and validator fixtures: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.builds import build_site, new_site


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
