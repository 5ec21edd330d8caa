"""The SQLite store: versioned migrations, upserts, all-or-nothing imports."""

from __future__ import annotations

from pathlib import Path

from govpress.services.importing import import_file
from govpress.services.store import open_store
from govpress.services.store.schema import MIGRATIONS


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "services.db"
    first = open_store(path)
    assert first.schema_version() == MIGRATIONS[-1].version
    rows = first.connection.execute("SELECT version, name FROM schema_migrations")
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    first.close()
    again = open_store(path)
    assert again.migrate() == []
    again.close()


def test_a_store_file_keeps_its_data(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "services.db"
    store = open_store(path)
    import_file(store, fixtures / "te-small.csv")
    store.close()
    reopened = open_store(path)
    assert len(reopened.contents().services) == 3
    reopened.close()


def test_figures_keep_three_states_in_the_store(fixtures: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    import_file(store, fixtures / "te-small.csv")
    cells = dict(
        store.connection.execute(
            "SELECT period_key, volume FROM observations WHERE service = 'mot-biscuit-returns'"
            " AND period_kind = 'rolling-year'"
        )
    )
    assert cells == {"2016-Q1": "50000", "2016-Q2": "***", "2016-Q3": "0"}
    store.close()
