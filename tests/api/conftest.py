"""Fixtures of the data API tests: PostgreSQL databases for a test or for a whole module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.postgres import fresh_database


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_database("govpress_api") as url:
        yield url


@pytest.fixture(scope="module")
def postgres_database() -> Iterator[str]:
    with fresh_database("govpress_api") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store for one test: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("postgres_url"))
