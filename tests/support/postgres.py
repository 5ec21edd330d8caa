"""A fresh PostgreSQL database for one test, on the server named by ``GOVPRESS_TEST_POSTGRES_URL``."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

SERVER_VARIABLE = "GOVPRESS_TEST_POSTGRES_URL"


@contextmanager
def fresh_database(prefix: str = "govpress_test") -> Iterator[str]:
    """The URL of a new, uniquely named database, dropped afterwards; skips the test when no server is set."""
    import psycopg

    server = os.environ.get(SERVER_VARIABLE)
    if not server:
        pytest.skip(f"SKIPPED POSTGRESQL TESTS: {SERVER_VARIABLE} IS NOT SET (scripts/test sets it)")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
