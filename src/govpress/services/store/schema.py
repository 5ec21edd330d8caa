"""The store's schema as ordered migration steps, applied once each and recorded in ``schema_migrations``.

The SQL is plain enough for both SQLite and PostgreSQL. Figures are stored as text: the decimal number,
``NULL`` (not provided) or ``***`` (not requested), so that the three states survive and no float rounding
happens. Add a step at the end to change the schema; never edit a step that has shipped.

``data_version`` (step 2) is one row that every write to the data bumps in the same transaction
(:meth:`~govpress.services.store.Store.data_version`): a site build compares it to know whether its cached pages
are stale. ``token`` is random at each bump, so that a store recreated from scratch never repeats a version.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "departments, bodies, services and observations",
        (
            "CREATE TABLE departments (abbr TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE bodies (abbr TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE services ("
            " slug TEXT PRIMARY KEY, name_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
            " department TEXT NOT NULL REFERENCES departments (abbr), body TEXT REFERENCES bodies (abbr),"
            " category TEXT NOT NULL DEFAULT '', customer_type TEXT NOT NULL DEFAULT '',"
            " business_model TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',"
            " description TEXT NOT NULL DEFAULT '', notes_on_costs TEXT NOT NULL DEFAULT '',"
            " other_notes TEXT NOT NULL DEFAULT '', keywords TEXT NOT NULL DEFAULT '',"
            " high_volume INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE observations ("
            " service TEXT NOT NULL REFERENCES services (slug) ON UPDATE CASCADE,"
            " period_kind TEXT NOT NULL, period_key TEXT NOT NULL,"
            " period_start TEXT NOT NULL, period_end TEXT NOT NULL,"
            " volume TEXT, digital_volume TEXT, cost_per_transaction TEXT, digital_cost_per_transaction TEXT,"
            " completion_rate TEXT, user_satisfaction TEXT,"
            " PRIMARY KEY (service, period_kind, period_key))",
            "CREATE INDEX services_department ON services (department)",
        ),
    ),
    Migration(
        2,
        "data version, bumped by every write",
        (
            "CREATE TABLE data_version ("
            " id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL,"
            " token TEXT NOT NULL, changed_at TEXT NOT NULL)",
            # random(): an integer in SQLite, a fraction in PostgreSQL; either way new for each store.
            "INSERT INTO data_version (id, version, token, changed_at)"
            " VALUES (1, 0, CAST(random() AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT))",
        ),
    ),
)
