"""Every row of a store's data tables, to compare two stores in the tests."""

from __future__ import annotations

from typing import Any

from govpress.services.store import Store

TABLES = {"departments": "abbr", "bodies": "abbr", "services": "slug", "observations": "1, 2, 3"}


def dump_store(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table of ``store``, ordered."""
    return {t: store.connection.execute(f"SELECT * FROM {t} ORDER BY {o}") for t, o in TABLES.items()}
