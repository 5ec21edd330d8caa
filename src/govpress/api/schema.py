"""The data API's tables, kept in the same store as the service figures (SQLite file or PostgreSQL database).

They have their own migration record, ``api_schema_migrations``, so the API's steps and the services' steps never
clash. A record is stored once per (data set, ``_id``) with its JSON text and the starts of the day, week, month,
quarter and year its ``_timestamp`` falls in, so that grouped period queries are plain SQL on both databases.
Tokens are kept as SHA-256 hashes only. A data set's ``version`` goes up with every write to it (readers cache
answers by it); its ``indexed`` fields get an index on their value and time, so a query filtering on one of them
reads only the matching records.
"""

from __future__ import annotations

from govpress.services.store.schema import Migration


def api_migrations(record_type: str) -> tuple[Migration, ...]:
    """The steps, with ``record_type`` for the records' JSON: ``TEXT`` in SQLite, ``JSONB`` in PostgreSQL."""
    return (
        Migration(
            1,
            "data sets, tokens, records and the audit trail",
            (
                "CREATE TABLE api_data_sets ("
                " name TEXT PRIMARY KEY, data_group TEXT NOT NULL, data_type TEXT NOT NULL,"
                " schema_json TEXT, auto_ids TEXT NOT NULL DEFAULT '', max_age INTEGER,"
                " published INTEGER NOT NULL DEFAULT 1, raw_queries INTEGER NOT NULL DEFAULT 1,"
                " indexed TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)",
                "CREATE TABLE api_tokens ("
                " id TEXT PRIMARY KEY, data_set TEXT NOT NULL REFERENCES api_data_sets (name) ON DELETE CASCADE,"
                " secret_hash TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
                " last_used_at TEXT, revoked_at TEXT)",
                "CREATE TABLE api_records ("
                " data_set TEXT NOT NULL REFERENCES api_data_sets (name) ON DELETE CASCADE, id TEXT NOT NULL,"
                " ts TEXT, day_start TEXT, week_start TEXT, month_start TEXT, quarter_start TEXT, year_start TEXT,"
                f" updated_at TEXT NOT NULL, record {record_type} NOT NULL, PRIMARY KEY (data_set, id))",
                "CREATE INDEX api_records_time ON api_records (data_set, ts)",
                "CREATE TABLE api_audit ("
                " at TEXT NOT NULL, data_set TEXT NOT NULL, token_id TEXT, action TEXT NOT NULL,"
                " record_count INTEGER NOT NULL, first_ts TEXT, last_ts TEXT)",
                "CREATE INDEX api_audit_data_set ON api_audit (data_set, at)",
            ),
        ),
    )
