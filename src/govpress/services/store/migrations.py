"""Applying ordered migration steps once each, recorded in a table of their own (the store's and the data API's).

A database already up to date is only read. Otherwise the steps run in one write transaction, which waits for any
other writer (and, on PostgreSQL, holds the advisory lock) and looks again at what is applied under that lock: two
processes opening a new store at once apply each step once. A database with steps this govpress does not know was
written by a newer one: an error, never a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from govpress.problems import GovpressError, Problem
from govpress.services.store.connection import Connection
from govpress.services.store.schema import Migration

log = logging.getLogger(__name__)


def apply_migrations(
    connection: Connection, table: str, migrations: Sequence[Migration], what: str = "schema"
) -> list[int]:
    """Apply the steps of ``migrations`` not yet recorded in ``table``; return their versions. ``what`` names the
    schema in messages."""
    if connection.table_exists(table) and not _pending(connection, table, migrations, what):
        return []
    with connection.transaction():
        connection.execute(
            f"CREATE TABLE IF NOT EXISTS {table} ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        # again, under the lock: another process may have run them
        pending = _pending(connection, table, migrations, what)
        for migration in pending:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                f"INSERT INTO {table} (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            log.info("applied %s step %d: %s", table, migration.version, migration.name)
    return [migration.version for migration in pending]


def applied_versions(connection: Connection, table: str) -> set[int]:
    return {int(row[0]) for row in connection.execute(f"SELECT version FROM {table}")}


def _pending(connection: Connection, table: str, migrations: Sequence[Migration], what: str) -> list[Migration]:
    applied = applied_versions(connection, table)
    known = migrations[-1].version
    if applied and max(applied) > known:
        message = (
            f"this store was written by a newer govpress ({what} version {max(applied)}; this one knows up to "
            f"{known}): upgrade govpress"
        )
        raise GovpressError(Problem.error(message, connection.name))
    return [migration for migration in migrations if migration.version not in applied]
