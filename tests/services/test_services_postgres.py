"""The PostgreSQL store: the same schema, upserts and summary as SQLite (needs GOVPRESS_TEST_POSTGRES_URL).

Each test gets a fresh, uniquely named database, dropped afterwards (``postgres_url``, in conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.store import Store, open_store
from govpress.services.store.schema import MIGRATIONS
from govpress.services.summary import summary
from support.store_dump import dump_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[Store]:
    store = open_store(postgres_url)
    yield store
    store.close()


def test_postgres_and_sqlite_give_the_same_summary(real_services_csv: Path, pg_store: Store, store: Store) -> None:
    import_file(pg_store, real_services_csv)
    import_file(store, real_services_csv)
    assert summary(build_explorer(pg_store.contents())) == summary(build_explorer(store.contents()))
    assert dump_store(pg_store) == dump_store(store)


def test_postgres_reimport_changes_nothing_and_migrations_run_once(
    te_fixture: Path, pg_store: Store, postgres_url: str
) -> None:
    import_file(pg_store, te_fixture)
    before = dump_store(pg_store)
    import_file(pg_store, te_fixture)
    assert dump_store(pg_store) == before
    again = open_store(postgres_url)
    assert again.migrate() == [] and again.schema_version() == MIGRATIONS[-1].version
    again.close()


def test_postgres_import_with_errors_stores_nothing(fixtures: Path, pg_store: Store) -> None:
    with pytest.raises(GovpressError):
        import_file(pg_store, fixtures / "bad-not-a-number.csv")
    assert all(not rows for rows in dump_store(pg_store).values())


def test_postgres_slug_rename_cascades(fixtures: Path, pg_store: Store) -> None:
    import_file(pg_store, fixtures / "public-small.csv")
    import_file(pg_store, fixtures / "te-small.csv")
    assert len(pg_store.contents().services) == 4
