"""The service performance store: SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

from pathlib import Path

from govpress.services.store.connection import connect
from govpress.services.store.store import Contents, DataVersion, ImportCounts, Store

__all__ = ["Contents", "DataVersion", "ImportCounts", "Store", "open_store"]


def open_store(db: str | Path) -> Store:
    """Open (creating when needed) and migrate the store at ``db``."""
    store = Store(connect(db))
    store.migrate()
    return store
