"""Fixtures of the service performance tests: stores and the data files in ../shared and tests/fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.services.store import Store, open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "services"


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory SQLite store."""
    opened = open_store(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def te_fixture(shared_dir: Path) -> Path:
    """The made-up Transactions Explorer feature-test fixture (11 services)."""
    return shared_dir / "data" / "transactions-explorer" / "test" / "features" / "fixtures" / "services-test.csv"


@pytest.fixture
def te_fixture_commas(shared_dir: Path) -> Path:
    """The made-up fixture with thousands commas (8 services)."""
    return shared_dir / "data" / "transactions-explorer" / "data" / "services-test.csv"


@pytest.fixture
def real_services_csv(shared_dir: Path) -> Path:
    """The real spreadsheet export: 734 services, 183 columns."""
    return shared_dir / "data" / "spotlight" / "assets" / "data" / "services.csv"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
