"""The two backends: a SQLite file (stdlib ``sqlite3``) or a PostgreSQL database (psycopg 3).

A :class:`Connection` hides only what differs: how to connect, the parameter placeholder, transactions and how a
database error reads. All SQL lives in :mod:`govpress.services.store.store` and
:mod:`govpress.services.store.schema`, written with ``?`` placeholders.

Writers take turns: :meth:`Connection.transaction` is a write transaction that waits for the one before it (SQLite:
``BEGIN IMMEDIATE`` with a busy timeout; PostgreSQL: a transaction holding an advisory lock, with ``lock_timeout``),
so concurrent imports into one store all succeed, one after the other. Every database error becomes a
:class:`~govpress.problems.GovpressError` located at the store (its address with any password masked); a
PostgreSQL deadlock or serialization failure becomes a :class:`WriteConflictError`, which the store retries.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from govpress.problems import GovpressError, Problem
from govpress.services.store_address import display_address, is_postgres, scrub

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)
Params = Sequence[Any]
DEFAULT_TIMEOUT = 30.0  # seconds a writer waits for the one before it, and a reader for a lock
CONNECT_TIMEOUT = 10  # seconds to reach a PostgreSQL server (unless the address says otherwise)
WRITE_LOCK = 0x676F7670  # the PostgreSQL advisory lock key of govpress store writes ("govp")
# SQLite's primary result codes, and what they mean for the user.
_SQLITE_MESSAGES = {
    "SQLITE_NOTADB": "not a SQLite database (file is not a database)",
    "SQLITE_CANTOPEN": "cannot open the store (unable to open database file): check the folder exists and is writable",
    "SQLITE_READONLY": "cannot write to the store: it is read-only",
    "SQLITE_CORRUPT": "the store is damaged (database disk image is malformed): restore it or import the data again",
    "SQLITE_FULL": "cannot write to the store: the disk is full",
    "SQLITE_IOERR": "cannot read or write the store (disk I/O error)",
    "SQLITE_PERM": "cannot open the store: permission denied",
    "SQLITE_AUTH": "cannot open the store: permission denied",
}


class WriteConflictError(GovpressError):
    """A write that lost to a concurrent one (a deadlock or a serialization failure): worth trying again."""


class Connection(Protocol):
    name: str  # the store's address, safe to show (any password masked)

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]: ...

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query one at a time, never all held as Python values at once (a whole table)."""
        ...

    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def table_exists(self, table: str) -> bool: ...

    def close(self) -> None: ...


def locked_message(timeout: float) -> str:
    return (
        f"the store is locked by another process (gave up after waiting {timeout:g} s): "
        "try again when the other import has finished"
    )


class SqliteConnection:
    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.name = str(path)
        self.timeout = timeout
        with self._errors():
            self._db = sqlite3.connect(path, isolation_level=None, timeout=timeout)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a transaction stays all or nothing.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA cache_size = -262144")  # 256 MiB: a large import stays in memory until COMMIT
            # Reads through a memory map, not a system call and a copy per page: a data API query that picks 10,000
            # records out of a million from an index is a third faster (bench/data_api.py).
            self._db.execute("PRAGMA mmap_size = 1073741824")

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return self._db.execute(sql, params).fetchall()

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        with self._errors():
            yield from self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self._errors():
            self._db.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for the writer before it, instead of failing later
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def table_exists(self, table: str) -> bool:
        return bool(self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)))

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # a mistake in govpress's own SQL, not in the user's store
        except sqlite3.Error as error:
            log.debug("SQLite error on %s", self.name, exc_info=True)
            raise GovpressError(Problem.error(self._message(error), self.name)) from None

    def _message(self, error: sqlite3.Error) -> str:
        code = getattr(error, "sqlite_errorname", "")
        if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return locked_message(self.timeout)
        for prefix, message in _SQLITE_MESSAGES.items():
            if code.startswith(prefix):
                return message
        return f"database error: {error}"


class PostgresConnection:
    def __init__(self, address: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        from govpress.extras import POSTGRES, require

        self.name = display_address(address)
        require("psycopg", POSTGRES, "a PostgreSQL store", self.name)
        import psycopg  # here: ~0.15 s to import, which a SQLite store (and a site build that reads one) need not pay

        self.timeout = timeout
        self._address = address
        self._db: psycopg.Connection[tuple[Any, ...]]
        with self._errors(connecting=True):
            given = psycopg.conninfo.conninfo_to_dict(address)
            extra: dict[str, Any] = {} if "connect_timeout" in given else {"connect_timeout": CONNECT_TIMEOUT}
            self._db = psycopg.connect(address, autocommit=True, **extra)
        self.execute("SELECT set_config('lock_timeout', ?, false)", (f"{int(timeout * 1000)}ms",))

    def execute(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            cursor = self._db.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def rows(self, sql: str, params: Params = ()) -> Iterator[tuple[Any, ...]]:
        with self._errors():
            yield from self._db.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self._errors(), self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._errors(), self._db.transaction():
            self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))  # writers take turns, as in SQLite
            yield

    def table_exists(self, table: str) -> bool:
        return self.execute("SELECT to_regclass(?)", (table,))[0][0] is not None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _errors(self, connecting: bool = False) -> Iterator[None]:
        import psycopg
        from psycopg import errors

        try:
            yield
        except psycopg.Error as error:
            log.debug("PostgreSQL error on %s: %s", self.name, scrub(str(error), self._address))
            text = scrub(" ".join(str(error).split()), self._address)  # one line: libpq's hints follow a tab
            if isinstance(error, errors.LockNotAvailable):
                raise GovpressError(Problem.error(locked_message(self.timeout), self.name)) from None
            if isinstance(error, errors.DeadlockDetected | errors.SerializationFailure):
                conflict = Problem.error(f"a concurrent write got in the way: {text}", self.name)
                raise WriteConflictError(conflict) from None
            prefix = "cannot connect to PostgreSQL" if connecting else "PostgreSQL error"
            raise GovpressError(Problem.error(f"{prefix}: {text}", self.name)) from None


def connect(db: str | Path, timeout: float = DEFAULT_TIMEOUT) -> Connection:
    """A PostgreSQL connection for a ``postgresql://`` (or ``postgres://``) URL or a libpq ``key=value`` string,
    else a SQLite file."""
    text = str(db)
    if is_postgres(text):
        return PostgresConnection(text, timeout)
    return SqliteConnection(Path(text), timeout)
