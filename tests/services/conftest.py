"""Fixtures of the service performance tests: stores and the data files in ../shared and tests/fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
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
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, uniquely named PostgreSQL database on GOVPRESS_TEST_POSTGRES_URL's server, dropped
    afterwards; the test is skipped when that is not set."""
    server = os.environ.get("GOVPRESS_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("SKIPPED POSTGRESQL STORE TESTS: GOVPRESS_TEST_POSTGRES_URL IS NOT SET (scripts/test sets it)")
    name = f"govpress_services_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
