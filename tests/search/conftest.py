"""Sites built once per session for the search tests: the example, the legacy corpus, and the example publishing the
real services data (``../shared/data/spotlight/assets/data/services.csv``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from support.welsh import welsh_example

REAL_SERVICES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "spotlight" / "assets" / "data"


@pytest.fixture(scope="session")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("search-example") / "project"
    new_site(project)
    return project


@pytest.fixture(scope="session")
def example_out(example_project: Path) -> Path:
    report = build_site(example_project, example_project / "_site")
    assert not report.errors, report.errors
    return report.out


@pytest.fixture(scope="session")
def corpus_out(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = build_site(corpus_dir, tmp_path_factory.mktemp("search-corpus") / "_site", jobs=2)
    assert not report.errors, report.errors
    return report.out


@pytest.fixture(scope="session")
def real_services_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with its services data replaced by the real Transactions Explorer data (700+ services)."""
    data = REAL_SERVICES / "services.csv"
    if not data.is_file():
        pytest.skip(f"SKIPPED: {data} is missing: these tests read the shared test data in ../shared beside the repo")
    project = tmp_path_factory.mktemp("search-real") / "project"
    new_site(project)
    shutil.copyfile(data, project / "data" / "services" / "services.csv")
    report = build_site(project, project / "_site", jobs=2)
    assert not report.errors, report.errors
    return report.out


@pytest.fixture(scope="session")
def welsh_example_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a site all in Welsh (``language = "cy"``, its Welsh tree left out)."""
    project = tmp_path_factory.mktemp("search-welsh") / "project"
    welsh_example(project)
    report = build_site(project, project / "_site")
    assert not report.errors, report.errors
    return report.out
