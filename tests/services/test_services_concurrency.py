"""Concurrent imports into one store wait their turn and all succeed, in SQLite and PostgreSQL; a write that a
concurrent one got in the way of is tried again.

The imports run as separate ``govpress services import`` processes, started together into a store that does not
exist yet (so the schema migrations race too): 8 different files, plus 8 imports of one more file.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from govpress.problems import GovpressError, Problem
from govpress.services.importing import import_file
from govpress.services.store import Store, WriteConflictError, open_store
from govpress.services.store import store as store_module
from govpress.services.store.connection import Connection, PostgresConnection
from govpress.services.store.schema import MIGRATIONS
from support.postgres import fresh_database
from support.store_dump import dump_store

GOVPRESS = Path(sys.executable).parent / "govpress"
FILES = 8  # different files, imported at once
SAME = 8  # imports of one more file, at once with them
SERVICES_PER_FILE = 3
QUARTERS = (("2024-Q1", "2024-01-01", "2024-03-31"), ("2024-Q2", "2024-04-01", "2024-06-30"))
HEADER = (
    "service,name,department,department_name,body,body_name,category,customer_type,business_model,url,"
    "description,notes_on_costs,other_notes,keywords,high_volume,period_kind,period,period_start,period_end,"
    "volume,digital_volume,cost_per_transaction,digital_cost_per_transaction,completion_rate,user_satisfaction"
)


def native_file(folder: Path, number: int) -> Path:
    """A small native CSV file: its own services, in two departments every file shares (so writers meet)."""
    rows = [HEADER]
    for index in range(SERVICES_PER_FILE):
        department = ("DA", "Department A") if index % 2 else ("DB", "Department B")
        slug = f"file{number}-service{index}"
        for period, start, end in QUARTERS:
            rows.append(
                f"{slug},Service {index} of file {number},{department[0]},{department[1]},,,Category,Individuals,"
                f"Fees,https://example.org/{slug},About it.,,,kw,false,quarter,{period},{start},{end},"
                f"{1000 + number},{500 + index},2.50,,,"
            )
    path = folder / f"file{number}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def import_all_at_once(files: list[Path], db: str) -> None:
    """Start one ``govpress services import`` process per file, all together; each must exit 0."""
    processes = [
        subprocess.Popen(
            [str(GOVPRESS), "services", "import", str(path), "--db", db],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outcomes = [(process.wait(timeout=300), *process.communicate()) for process in processes]
    failed = [(code, err) for code, _, err in outcomes if code != 0]
    assert not failed, failed


def check_nothing_lost(db: str) -> None:
    store = open_store(db, create=False)
    try:
        dump = dump_store(store)
        expected = {f"file{n}-service{i}" for n in range(FILES + 1) for i in range(SERVICES_PER_FILE)}
        slugs = [row[0] for row in dump["services"]]
        assert sorted(slugs) == sorted(expected)  # every service, once
        keys = [(row[0], row[1], row[2]) for row in dump["observations"]]
        assert len(keys) == len(set(keys)) == len(expected) * len(QUARTERS)  # every observation, once
        assert {row[0] for row in dump["departments"]} == {"DA", "DB"}
        assert store.data_version().version == FILES + SAME  # every import committed (and bumped) exactly once
        applied = [row[0] for row in store.connection.execute("SELECT version FROM schema_migrations")]
        assert sorted(applied) == [migration.version for migration in MIGRATIONS]  # each step applied once
    finally:
        store.close()


def concurrent_files(folder: Path) -> list[Path]:
    files = [native_file(folder, number) for number in range(FILES)]
    same = native_file(folder, FILES)
    return [*files, *[same] * SAME]


def test_concurrent_imports_into_one_sqlite_store_all_succeed(tmp_path: Path) -> None:
    db = str(tmp_path / "services.db")  # not there yet: the first imports also race to create it
    import_all_at_once(concurrent_files(tmp_path), db)
    check_nothing_lost(db)


@pytest.mark.postgres
def test_concurrent_imports_into_one_postgresql_store_all_succeed(tmp_path: Path) -> None:
    with fresh_database("govpress_concurrency") as url:  # empty: the imports race to migrate it
        import_all_at_once(concurrent_files(tmp_path), url)
        check_nothing_lost(url)


# Retrying a write that a concurrent one got in the way of.


class ConflictingConnection:
    """A connection whose first ``conflicts`` write transactions fail at the end, as a deadlock would."""

    def __init__(self, inner: Connection, conflicts: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.conflicts = conflicts
        self.attempts = 0

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.inner.transaction():
            yield
            self.attempts += 1
            if self.conflicts:
                self.conflicts -= 1
                raise WriteConflictError(
                    Problem.error("a concurrent write got in the way: deadlock detected", self.name)
                )


@pytest.fixture
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "RETRY_DELAY", 0.001)


@pytest.mark.usefixtures("no_delay")
def test_an_import_that_meets_a_conflict_is_tried_again(tmp_path: Path, fixtures: Path) -> None:
    plain = open_store(tmp_path / "plain.db")
    expected = import_file(plain, fixtures / "bad-stray-spaces.csv")  # a file with warnings: none repeated
    opened = open_store(tmp_path / "services.db")
    connection = ConflictingConnection(opened.connection, conflicts=2)
    store = Store(connection)
    result = import_file(store, fixtures / "bad-stray-spaces.csv")
    assert connection.attempts == 3
    assert result.problems == expected.problems and result.counts == expected.counts
    assert dump_store(store) == dump_store(plain) and store.data_version().version == 1
    plain.close()
    opened.close()


@pytest.mark.usefixtures("no_delay")
def test_an_import_that_keeps_meeting_conflicts_gives_up_and_stores_nothing(tmp_path: Path, fixtures: Path) -> None:
    opened = open_store(tmp_path / "services.db")
    connection = ConflictingConnection(opened.connection, conflicts=store_module.RETRIES)
    store = Store(connection)
    with pytest.raises(WriteConflictError) as raised:
        import_file(store, fixtures / "te-small.csv")
    assert str(raised.value) == f"{connection.name}: error: a concurrent write got in the way: deadlock detected"
    assert connection.attempts == store_module.RETRIES
    assert all(not rows for rows in dump_store(store).values()) and store.data_version().version == 0
    opened.close()


@pytest.mark.postgres
def test_a_postgresql_deadlock_is_a_conflict_to_retry() -> None:
    """Two transactions (not govpress writes, which take turns) that lock two rows in opposite orders: PostgreSQL
    breaks the deadlock by failing one, which the connection reports as a :class:`WriteConflictError`."""
    with fresh_database("govpress_deadlock") as url:
        first, second = PostgresConnection(url), PostgresConnection(url)
        first.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
        first.execute("INSERT INTO t VALUES (1, 0), (2, 0)")
        both_locked = threading.Barrier(2, timeout=30)
        conflicts: list[GovpressError] = []

        def update(connection: PostgresConnection, order: tuple[int, int]) -> None:
            try:
                with connection._db.transaction():
                    connection.execute("UPDATE t SET n = n + 1 WHERE id = ?", (order[0],))
                    both_locked.wait()
                    connection.execute("UPDATE t SET n = n + 1 WHERE id = ?", (order[1],))
            except GovpressError as error:
                conflicts.append(error)

        threads = [threading.Thread(target=update, args=(c, o)) for c, o in ((first, (1, 2)), (second, (2, 1)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert [type(error) for error in conflicts] == [WriteConflictError]
        assert "deadlock detected" in str(conflicts[0])
        assert first.execute("SELECT n FROM t ORDER BY id") == [(1,), (1,)]  # the survivor committed
        first.close()
        second.close()
