"""Fixtures of the data API tests: PostgreSQL databases for a test or for a whole module."""

from __future__ import annotations

from collections.abc import Iterator

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
