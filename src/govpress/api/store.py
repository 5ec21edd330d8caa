"""Data sets, tokens, records and the audit trail of the data API, over the services store's :class:`Connection`.

A token is ``gp_<id>_<secret>``: the id finds its row, the secret (256 random bits from :mod:`secrets`) is compared
with the stored SHA-256 hash in constant time. Only the hash is kept; the token is shown once, when it is made.
Every write, empty, patch and delete runs in one transaction with its audit row, so a request is stored whole or
not at all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from govpress.api.periods import bucket_columns
from govpress.api.records import CheckedRecord
from govpress.api.schema import api_migrations
from govpress.api.sql import JsonSql
from govpress.problems import GovpressError, Problem, ProblemLog
from govpress.services.importers import Record
from govpress.services.importers.native_json import NATIVE_JSON
from govpress.services.store import Store
from govpress.services.store.connection import Connection, PostgresConnection
from govpress.services.store.migrations import apply_migrations

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")
TOKEN = re.compile(r"gp_([a-z0-9]{12})_([A-Za-z0-9_-]{43})")
DATA_SET_COLUMNS = "data_group, data_type, schema_json, auto_ids, max_age, published, raw_queries, indexed"
_DUMMY_HASH = hashlib.sha256(b"no such token").hexdigest()


@dataclass(frozen=True)
class DataSet:
    group: str
    type: str
    schema: dict[str, Any] | None
    auto_ids: tuple[str, ...]
    max_age: int | None
    published: bool
    raw_queries: bool
    indexed: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.group}/{self.type}"


@dataclass(frozen=True)
class TokenInfo:
    id: str
    data_set: str
    note: str
    created_at: str
    last_used_at: str | None
    revoked: bool


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_name(text: str, what: str) -> str:
    """A data group or type name: lower-case letters, digits and hyphens (so never a path trick)."""
    if not NAME.fullmatch(text):
        raise GovpressError(
            Problem.error(f"{what} {text!r} is not a valid name: lower-case letters, digits and -, at most 60")
        )
    return text


class ApiStore:
    """The API's tables, beside the service figures of :attr:`services` (the same database, the same connection)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.services = Store(connection)

    def migrate(self) -> None:
        """Bring the services tables and the API's own (``api_schema_migrations``) up to date."""
        self.services.migrate()
        apply_migrations(
            self.connection, "api_schema_migrations", api_migrations(self.sql.record_type), "data API schema"
        )

    # Data sets

    def create_data_set(self, data_set: DataSet) -> None:
        """Record ``data_set``, and make the indexes of its indexed fields (shared by every data set)."""
        check_name(data_set.group, "data group")
        check_name(data_set.type, "data type")
        if self.data_set(data_set.group, data_set.type) is not None:
            raise GovpressError(Problem.error(f"data set {data_set.name} exists already"))
        self.connection.execute(
            "INSERT INTO api_data_sets (name, data_group, data_type, schema_json, auto_ids, max_age, published,"
            " raw_queries, indexed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                data_set.name,
                data_set.group,
                data_set.type,
                json.dumps(data_set.schema) if data_set.schema is not None else None,
                ",".join(data_set.auto_ids),
                data_set.max_age,
                int(data_set.published),
                int(data_set.raw_queries),
                ",".join(data_set.indexed),
                now(),
            ),
        )
        for field_name in data_set.indexed:
            self.connection.execute(self.sql.index_statement(field_name))

    @property
    def postgres(self) -> bool:
        return isinstance(self.connection, PostgresConnection)

    @property
    def sql(self) -> JsonSql:
        return JsonSql(self.postgres)

    def version(self, data_set: DataSet) -> str:
        """When ``data_set`` was made and how many times it has been written: an answer cached at this version is
        still true (one indexed row read)."""
        rows = self.connection.execute("SELECT created_at, version FROM api_data_sets WHERE name = ?", (data_set.name,))
        return f"{rows[0][0]}/{rows[0][1]}" if rows else ""

    def _changed(self, data_set: DataSet) -> None:
        """Inside a write's transaction: the data set's version goes up, and so does the store's data version."""
        self.connection.execute("UPDATE api_data_sets SET version = version + 1 WHERE name = ?", (data_set.name,))

    def data_set(self, group: str, type_: str) -> DataSet | None:
        rows = self.connection.execute(
            f"SELECT {DATA_SET_COLUMNS} FROM api_data_sets WHERE name = ?",
            (f"{group}/{type_}",),
        )
        return _data_set(rows[0]) if rows else None

    def data_sets(self) -> list[DataSet]:
        rows = self.connection.execute(f"SELECT {DATA_SET_COLUMNS} FROM api_data_sets ORDER BY name")
        return [_data_set(row) for row in rows]

    def delete_data_set(self, group: str, type_: str) -> bool:
        name = f"{group}/{type_}"
        with self.connection.transaction():
            found = self.connection.execute("SELECT name FROM api_data_sets WHERE name = ?", (name,))
            for table in ("api_records", "api_tokens"):
                self.connection.execute(f"DELETE FROM {table} WHERE data_set = ?", (name,))
            self.connection.execute("DELETE FROM api_data_sets WHERE name = ?", (name,))
        return bool(found)

    def newest(self) -> dict[str, str | None]:
        """Each data set's newest record time (``_timestamp``, else when it was last written)."""
        rows = self.connection.execute(
            "SELECT d.name, MAX(COALESCE(r.ts, r.updated_at)) FROM api_data_sets d"
            " LEFT JOIN api_records r ON r.data_set = d.name GROUP BY d.name ORDER BY d.name"
        )
        return {str(row[0]): row[1] for row in rows}

    # Tokens

    def create_token(self, data_set: DataSet, note: str) -> tuple[str, str]:
        """A new token for ``data_set``: its id and the token itself (shown once, never stored)."""
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        self.connection.execute(
            "INSERT INTO api_tokens (id, data_set, secret_hash, note, created_at) VALUES (?, ?, ?, ?, ?)",
            (token_id, data_set.name, _hash(secret), note, now()),
        )
        return token_id, f"gp_{token_id}_{secret}"

    def tokens(self) -> list[TokenInfo]:
        rows = self.connection.execute(
            "SELECT id, data_set, note, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id"
        )
        return [TokenInfo(row[0], row[1], row[2], row[3], row[4], row[5] is not None) for row in rows]

    def revoke_token(self, token_id: str) -> bool:
        found = self.connection.execute("SELECT id FROM api_tokens WHERE id = ? AND revoked_at IS NULL", (token_id,))
        self.connection.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", (now(), token_id))
        return bool(found)

    def token_for(self, token: str, data_set: DataSet) -> str | None:
        """The id of ``token`` when it is a live token of ``data_set``, else ``None`` (constant-time compare)."""
        match = TOKEN.fullmatch(token)
        token_id, secret = (match.group(1), match.group(2)) if match else ("", token)
        rows = self.connection.execute(
            "SELECT secret_hash, data_set, revoked_at FROM api_tokens WHERE id = ?", (token_id,)
        )
        stored = rows[0][0] if rows else _DUMMY_HASH
        same = hmac.compare_digest(_hash(secret), stored)
        if not (match and rows and same and rows[0][1] == data_set.name and rows[0][2] is None):
            return None
        self.connection.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", (now(), token_id))
        return token_id

    # Records

    def write(
        self,
        data_set: DataSet,
        records: Sequence[CheckedRecord],
        token_id: str,
        action: str = "write",
        service_records: Sequence[Record] = (),
        replaced: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Upsert ``records`` (by ``_id``; a record without one is new), write the ``service_records`` they make (a
        ``summaries`` data set) and audit the write, in one transaction that also bumps the store's data version."""
        written = now()
        rows = []
        for record in records:
            record_id = record.id or uuid.uuid4().hex
            fields = {"_id": record_id, **record.fields}
            rows.append(
                (
                    data_set.name,
                    record_id,
                    record.timestamp,
                    *bucket_columns(record.timestamp),
                    written,
                    json.dumps(fields, sort_keys=True, separators=(",", ":"), default=_json_number),
                )
            )
        with self.connection.transaction():
            self.connection.executemany(
                "INSERT INTO api_records (data_set, id, ts, day_start, week_start, month_start, quarter_start,"
                f" year_start, updated_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {self.sql.record_parameter})"
                " ON CONFLICT (data_set, id) DO UPDATE SET ts = excluded.ts, day_start = excluded.day_start,"
                " week_start = excluded.week_start, month_start = excluded.month_start,"
                " quarter_start = excluded.quarter_start, year_start = excluded.year_start,"
                " updated_at = excluded.updated_at, record = excluded.record",
                rows,
            )
            self.services.delete_observations(replaced)
            if service_records:
                self.services.write_records(service_records, NATIVE_JSON, ProblemLog())  # bumps the version
            else:
                self.services.bump_data_version()
            self._audit(data_set, token_id, action, [r.timestamp for r in records])

    def empty(self, data_set: DataSet, token_id: str, observations: Sequence[tuple[str, str, str]] = ()) -> None:
        """Remove every record of ``data_set`` (and the service ``observations`` they made)."""
        with self.connection.transaction():
            self.services.delete_observations(observations)
            count = self.connection.execute("SELECT COUNT(*) FROM api_records WHERE data_set = ?", (data_set.name,))
            self.connection.execute("DELETE FROM api_records WHERE data_set = ?", (data_set.name,))
            self.services.bump_data_version()
            self._audit(data_set, token_id, "empty", [None] * int(count[0][0]))

    def records(self, data_set: DataSet) -> list[dict[str, Any]]:
        rows = self.connection.execute(
            f"SELECT {self.sql.record_text} FROM api_records WHERE data_set = ?", (data_set.name,)
        )
        return [dict(json.loads(row[0])) for row in rows]

    def record(self, data_set: DataSet, record_id: str) -> dict[str, Any] | None:
        rows = self.connection.execute(
            f"SELECT {self.sql.record_text} FROM api_records WHERE data_set = ? AND id = ?", (data_set.name, record_id)
        )
        return dict(json.loads(rows[0][0])) if rows else None

    def delete(
        self, data_set: DataSet, record_id: str, token_id: str, observations: Sequence[tuple[str, str, str]] = ()
    ) -> bool:
        """Remove one record (and the service ``observations`` it made); ``False`` when there is no such record."""
        with self.connection.transaction():
            rows = self.connection.execute(
                "SELECT ts FROM api_records WHERE data_set = ? AND id = ?", (data_set.name, record_id)
            )
            if not rows:
                return False
            self.services.delete_observations(observations)
            self.connection.execute("DELETE FROM api_records WHERE data_set = ? AND id = ?", (data_set.name, record_id))
            self.services.bump_data_version()
            self._audit(data_set, token_id, "delete", [rows[0][0]])
        return True

    def audit(self, data_set: DataSet) -> list[tuple[Any, ...]]:
        """The audit trail of ``data_set``: (at, token id, action, record count, first and last ``_timestamp``)."""
        return self.connection.execute(
            "SELECT at, token_id, action, record_count, first_ts, last_ts FROM api_audit WHERE data_set = ?"
            " ORDER BY at",
            (data_set.name,),
        )

    def _audit(self, data_set: DataSet, token_id: str, action: str, times: Sequence[str | None]) -> None:
        """Record a write in the audit trail (inside its transaction), and count it in the data set's version."""
        self._changed(data_set)
        stamped = sorted(t for t in times if t is not None)
        self.connection.execute(
            "INSERT INTO api_audit (at, data_set, token_id, action, record_count, first_ts, last_ts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                data_set.name,
                token_id,
                action,
                len(times),
                stamped[0] if stamped else None,
                stamped[-1] if stamped else None,
            ),
        )


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _data_set(row: tuple[Any, ...]) -> DataSet:
    group, type_, schema, auto_ids, max_age, published, raw, indexed = row
    return DataSet(
        group,
        type_,
        json.loads(schema) if schema else None,
        tuple(name for name in str(auto_ids).split(",") if name),
        int(max_age) if max_age is not None else None,
        bool(published),
        bool(raw),
        tuple(name for name in str(indexed).split(",") if name),
    )


def _json_number(value: object) -> float:
    """A record's exact decimal figure as a JSON number (records are read back as JSON numbers)."""
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot store {type(value).__name__} in a record")
