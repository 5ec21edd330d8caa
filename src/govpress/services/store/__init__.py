"""The service performance store: SQLite by default, PostgreSQL for a ``postgresql://`` URL or libpq string."""

from __future__ import annotations

from govpress.services.store.connection import DEFAULT_TIMEOUT, WriteConflictError
from govpress.services.store.opening import open_store
from govpress.services.store.store import Contents, DataVersion, ImportCounts, Store
from govpress.services.store_address import display_address

__all__ = [
    "DEFAULT_TIMEOUT",
    "Contents",
    "DataVersion",
    "ImportCounts",
    "Store",
    "WriteConflictError",
    "display_address",
    "open_store",
]
