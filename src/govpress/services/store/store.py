"""The store: one interface over SQLite and PostgreSQL (see :mod:`~govpress.services.store.connection`).

Writes are upserts on deterministic keys (department abbreviation, body abbreviation, service slug, and
service + period kind + period key), so importing the same file twice changes nothing. An import runs in
one transaction and is rolled back when any error was found: all or nothing per file.

Writers take turns (see :mod:`~govpress.services.store.connection`); an import that a concurrent write got in the way
of (a PostgreSQL deadlock or serialization failure) is tried again (:meth:`Store.import_retrying`).

Every write bumps the store's data version (the ``data_version`` row) in its own transaction, so that a reader
(a site build's generator cache) can tell cheaply whether anything changed since it last read the data.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from govpress.problems import GovpressError, ProblemLog
from govpress.services.importers import Format, Record
from govpress.services.model import Body, Department, Observation, Service
from govpress.services.slugs import SlugHolder, name_key, service_slug, settle_slug
from govpress.services.store.codec import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    SERVICE_COLUMNS,
    observation_row,
    row_observation,
    row_service,
    service_row,
)
from govpress.services.store.connection import Connection, WriteConflictError
from govpress.services.store.migrations import apply_migrations
from govpress.services.store.schema import MIGRATIONS

log = logging.getLogger(__name__)
BATCH = 5000
RETRIES = 5  # attempts of an import that a concurrent write got in the way of
RETRY_DELAY = 0.05  # seconds before the second attempt; doubled (and jittered) for each one after
# Which service columns each service field fills (name also sets name_key).
_FIELD_COLUMNS = {"name": ("name", "name_key"), "body": ("body",), "department": ("department",)}


@dataclass(frozen=True)
class ImportCounts:
    services: int
    observations: int


@dataclass(frozen=True)
class DataVersion:
    """The store's data version: ``version`` counts the writes, ``token`` is new at each one (and random in a new
    store), ``changed_at`` is when the last one happened (UTC, ISO 8601)."""

    version: int
    token: str
    changed_at: str

    @property
    def key(self) -> str:
        """Equal for two reads exactly when no write happened in between."""
        return f"{self.version}:{self.token}"


@dataclass(frozen=True)
class Contents:
    """Everything in the store, read back as model values."""

    departments: dict[str, Department]
    services: list[Service]
    observations: dict[str, list[Observation]]


def upsert_sql(table: str, columns: Iterable[str], key: Iterable[str], update: Iterable[str]) -> str:
    columns, update = list(columns), list(update)
    marks = ", ".join("?" for _ in columns)
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) {action}"


_DEPARTMENT_SQL = upsert_sql("departments", ("abbr", "name"), ("abbr",), ("name",))
_BODY_SQL = upsert_sql("bodies", ("abbr", "name"), ("abbr",), ("name",))


@dataclass
class Store:
    connection: Connection

    def migrate(self) -> list[int]:
        """Apply the schema steps not yet applied (:func:`~govpress.services.store.migrations.apply_migrations`);
        return their versions."""
        return apply_migrations(self.connection, "schema_migrations", MIGRATIONS)

    def is_store(self) -> bool:
        """Whether the database holds a govpress store (its ``schema_migrations`` table)."""
        return self.connection.table_exists("schema_migrations")

    def schema_version(self) -> int:
        rows = self.connection.execute("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    def import_records(self, records: Iterable[Record], fmt: Format, problems: ProblemLog) -> ImportCounts:
        """Write the records in one transaction; roll back and raise when any error was found."""
        try:
            with self.connection.transaction():
                return self.write_records(records, fmt, problems)
        except GovpressError:
            log.info("import rolled back: %d errors", len(problems.errors))
            raise

    def write_records(self, records: Iterable[Record], fmt: Format, problems: ProblemLog) -> ImportCounts:
        """Write the records inside the caller's transaction (the data API's writes hold one); raise on any error."""
        writer = _Writer(self.connection, fmt)
        for record in records:
            writer.add(record)
        writer.flush()
        if problems.errors:
            raise GovpressError(problems.problems)
        if writer.services or writer.observations:
            self.bump_data_version()
        return ImportCounts(writer.services, writer.observations)

    def import_retrying(
        self, read: Callable[[ProblemLog], Iterable[Record]], fmt: Format
    ) -> tuple[ImportCounts, ProblemLog]:
        """Read (``read(problems)`` streams the records) and write one file, as :meth:`import_records` does; when a
        concurrent write got in the way (a PostgreSQL deadlock or serialization failure), roll back and read and write
        it again, a bounded number of times with a growing, jittered delay."""
        attempt = 1
        while True:
            problems = ProblemLog()
            try:
                return self.import_records(read(problems), fmt, problems), problems
            except WriteConflictError as conflict:
                if attempt >= RETRIES:
                    raise
                delay = RETRY_DELAY * 2 ** (attempt - 1) * (1 + random.random())
                log.warning("%s; trying again in %.2f s (attempt %d of %d)", conflict, delay, attempt + 1, RETRIES)
                time.sleep(delay)
                attempt += 1

    def data_version(self) -> DataVersion:
        """The data version (one row read: cheap enough to ask before every build)."""
        [(version, token, changed_at)] = self.connection.execute(
            "SELECT version, token, changed_at FROM data_version WHERE id = 1"
        )
        return DataVersion(int(version), str(token), str(changed_at))

    def bump_data_version(self) -> None:
        """Mark the data changed: call inside the transaction that writes it, so that both commit (or neither)."""
        self.connection.execute(
            "UPDATE data_version SET version = version + 1, token = ?, changed_at = ? WHERE id = 1",
            (uuid.uuid4().hex, datetime.now(UTC).isoformat(timespec="microseconds")),
        )

    def delete_observations(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """Remove the observations (service, period kind, period key) inside the caller's transaction."""
        found = list(keys)
        if found:
            self.connection.executemany(
                "DELETE FROM observations WHERE service = ? AND period_kind = ? AND period_key = ?", found
            )

    def service(self, slug: str) -> Service | None:
        """One service with its department and body, or ``None`` (one row read: for a write that names it)."""
        rows = self.connection.execute(f"SELECT {', '.join(SERVICE_COLUMNS)} FROM services WHERE slug = ?", (slug,))
        if not rows:
            return None
        values = dict(zip(SERVICE_COLUMNS, rows[0], strict=True))
        departments = {
            a: Department(a, n)
            for a, n in self.connection.execute(
                "SELECT abbr, name FROM departments WHERE abbr = ?", (values["department"],)
            )
        }
        bodies = {
            a: Body(a, n)
            for a, n in self.connection.execute("SELECT abbr, name FROM bodies WHERE abbr = ?", (values["body"],))
        }
        return row_service(rows[0], departments, bodies)

    def contents(self) -> Contents:
        departments = {a: Department(a, n) for a, n in self.connection.execute("SELECT abbr, name FROM departments")}
        bodies = {a: Body(a, n) for a, n in self.connection.execute("SELECT abbr, name FROM bodies")}
        services = [
            row_service(row, departments, bodies)
            for row in self.connection.execute(f"SELECT {', '.join(SERVICE_COLUMNS)} FROM services ORDER BY slug")
        ]
        observations: dict[str, list[Observation]] = {s.slug: [] for s in services}
        order = "ORDER BY service, period_kind, period_key"
        for row in self.connection.rows(f"SELECT {', '.join(OBSERVATION_COLUMNS)} FROM observations {order}"):
            observations[row[0]].append(row_observation(row))
        return Contents(departments, services, observations)

    def close(self) -> None:
        self.connection.close()


@dataclass
class _Writer:
    """Writes records as they stream in: services at once, observations in batches."""

    connection: Connection
    fmt: Format
    services: int = 0
    observations: int = 0
    slugs: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[Any, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        updated = [c for f in sorted(self.fmt.service_fields) for c in _FIELD_COLUMNS.get(f, (f,))]
        self.service_sql = upsert_sql("services", SERVICE_COLUMNS, ("slug",), updated)
        figures = sorted(self.fmt.figure_fields)
        self.observation_sql = upsert_sql(
            "observations", OBSERVATION_COLUMNS, OBSERVATION_KEY, ("period_start", "period_end", *figures)
        )

    def add(self, record: Record) -> None:
        if isinstance(record, Service):
            self._service(record)
        else:
            self.pending.append(observation_row(record, self.slugs.get(record.service, record.service)))
            if len(self.pending) >= BATCH:
                self.flush()

    def flush(self) -> None:
        if self.pending:
            self.connection.executemany(self.observation_sql, self.pending)
            self.observations += len(self.pending)
            self.pending = []

    def _service(self, service: Service) -> None:
        # No flush first: pending observations belong to services already written (a service precedes its rows).
        department = service.department
        self.connection.execute(_DEPARTMENT_SQL, (department.abbr, department.name))
        if service.body:
            self.connection.execute(_BODY_SQL, (service.body.abbr, service.body.name))
        slug = self._resolve_slug(service)
        self.slugs[service.slug] = slug
        self.connection.execute(self.service_sql, (slug, *service_row(service)[1:]))
        self.services += 1

    def _resolve_slug(self, service: Service) -> str:
        """The slug a service is stored under: one per identity (department and name), whatever the import order.

        The rules are :func:`govpress.services.slugs.settle_slug`'s; this applies them to the stored services.
        """
        key = name_key(service.department.abbr, service.name)
        derived = service.slug == service_slug(service.department.abbr, service.name)
        rows = self.connection.execute("SELECT slug FROM services WHERE name_key = ?", (key,))
        stored = str(rows[0][0]) if rows else None
        if stored is not None and (stored == service.slug or derived):
            return stored  # a derived slug never replaces a stored one
        slug, moved = settle_slug(service.slug, key, derived, self._holder(service.slug))
        if moved or stored is not None:
            self.flush()  # pending observations refer to slugs about to change
        if moved:
            log.info("service %s moved to %s: its slug goes to %s", service.slug, moved, service.name)
            self._rename(service.slug, moved)
        if stored is not None:
            log.info("service %s renamed to the slug given by the file, %s", stored, slug)
            self._rename(stored, slug)
        return slug

    def _holder(self, slug: str) -> SlugHolder | None:
        rows = self.connection.execute("SELECT name_key, department, name FROM services WHERE slug = ?", (slug,))
        if not rows:
            return None
        key, department, name = (str(value) for value in rows[0])
        return SlugHolder(key, name, slug == service_slug(department, name))

    def _rename(self, old: str, new: str) -> None:
        self.connection.execute("UPDATE services SET slug = ? WHERE slug = ?", (new, old))
        self.slugs.update({given: new for given, stored in self.slugs.items() if stored == old})
