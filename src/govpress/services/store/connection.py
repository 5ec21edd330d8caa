"""The two backends: a SQLite file (stdlib ``sqlite3``) or a PostgreSQL URL (psycopg 3).

A :class:`Connection` hides only what differs: how to connect, the parameter placeholder and transactions.
All SQL lives in :mod:`govpress.services.store.store` and :mod:`govpress.services.store.schema`, written with
``?`` placeholders.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from govpress.problems import GovpressError, Problem

if TYPE_CHECKING:
    import psycopg

Params = Sequence[Any]


class Connection(Protocol):
    name: str

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...


class SqliteConnection:
    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a transaction stays all or nothing.
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA cache_size = -262144")  # 256 MiB: a large import stays in memory until COMMIT

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, params).fetchall()

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self._db.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


class PostgresConnection:
    def __init__(self, url: str) -> None:
        import psycopg  # here: ~0.15 s to import, which a SQLite store (and a site build that reads one) need not pay

        self.name = url.split("@")[-1]
        self._db: psycopg.Connection[tuple[Any, ...]]
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as error:
            raise GovpressError(Problem.error(f"cannot connect to PostgreSQL at {self.name}: {error}")) from error

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        cursor = self._db.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def close(self) -> None:
        self._db.close()


def connect(db: str | Path) -> Connection:
    """A PostgreSQL connection for a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresConnection(text)
    return SqliteConnection(Path(text))
