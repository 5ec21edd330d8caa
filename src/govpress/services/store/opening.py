"""Opening a store: the one place that decides whether an address names a store, and says clearly why not.

A SQLite path is checked before SQLite touches it: a folder, a file that cannot be read, a file that is not a SQLite
database (its first bytes) and a path that does not exist are each a message located at the path. Only an opening
with ``create`` (an import) makes a new store; a reader (a summary, an export, a build) given a mistyped path stops
with an error instead of publishing an empty explorer, and so does a database (SQLite or PostgreSQL) that holds no
govpress store.
"""

from __future__ import annotations

from pathlib import Path

from govpress.problems import GovpressError, Problem
from govpress.services.store.connection import DEFAULT_TIMEOUT, connect
from govpress.services.store.store import Store
from govpress.services.store_address import is_postgres

MEMORY = ":memory:"
SQLITE_HEADER = b"SQLite format 3\x00"
DATA_SUFFIXES = frozenset({".csv", ".json"})
NO_STORE_HINT = "`govpress services import FILE --db ADDRESS` creates a store"


def open_store(db: str | Path, *, create: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open and migrate the store at ``db`` (a SQLite path, ``:memory:``, a PostgreSQL URL or libpq string).

    With ``create`` a store is made when there is none (a new SQLite file, or the tables in an existing PostgreSQL
    database); without it, a missing or empty store is a :class:`GovpressError`. A writer waits up to ``timeout``
    seconds for the one before it.
    """
    address = str(db)
    if address != MEMORY and not is_postgres(address):
        check_sqlite_path(Path(address), create)
    store = Store(connect(address, timeout))
    try:
        if not create and not store.is_store():
            message = f"this database holds no services store (no schema_migrations table): {NO_STORE_HINT}"
            raise GovpressError(Problem.error(message, store.connection.name))
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store


def check_sqlite_path(path: Path, create: bool) -> None:
    """Raise a located :class:`GovpressError` when ``path`` cannot be (or, without ``create``, is not) a store."""
    if "\0" in str(path):
        raise GovpressError(Problem.error("not a usable path for a services store: it holds a NUL character", path))
    try:
        if path.is_dir():
            raise GovpressError(
                Problem.error("this is a folder, not a services store (a file such as services.db)", path)
            )
        exists = path.exists()
    except (OSError, ValueError) as error:  # a name too long, a loop of links
        raise GovpressError(Problem.error(f"not a usable path for a services store: {error}", path)) from None
    if not exists:
        if not create:
            raise GovpressError(Problem.error(f"no services store here (no such file): {NO_STORE_HINT}", path))
        if not path.parent.is_dir():
            raise GovpressError(Problem.error(f"cannot create the store: no folder {path.parent}", path))
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise GovpressError(Problem.error(f"cannot read the store: {error.strerror or error}", path)) from None
    if header and header != SQLITE_HEADER:
        hint = (
            ": it looks like a data file (import it with `govpress services import`)"
            if path.suffix.lower() in DATA_SUFFIXES
            else ""
        )
        raise GovpressError(Problem.error(f"not a SQLite database (file is not a database){hint}", path))
