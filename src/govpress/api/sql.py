"""The SQL that differs between SQLite and PostgreSQL for reading fields out of a stored JSON record.

Field names reach here only after :data:`govpress.api.records.KEY` has matched them (letters, digits and ``_``), and
:func:`field_path` checks that again, so a name can be written into the SQL text without any quoting risk; values are
always parameters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from govpress.api.records import KEY


def field_path(name: str) -> str:
    if not KEY.fullmatch(name):
        raise ValueError(f"not a field name: {name!r}")
    return name


@dataclass(frozen=True)
class JsonSql:
    postgres: bool

    def text(self, name: str) -> str:
        """The field's value as SQL text (what the field indexes hold)."""
        name = field_path(name)
        if self.postgres:
            return f"(record::jsonb ->> '{name}')"
        return f"(record ->> '$.{name}')"

    def index_statement(self, name: str) -> str:
        """The index that makes ``filter_by`` and ``filter_by_prefix`` on ``name`` read only matching records."""
        digest = hashlib.sha256(field_path(name).encode()).hexdigest()[:16]
        return f"CREATE INDEX IF NOT EXISTS api_field_{digest} ON api_records (data_set, {self.text(name)}, ts)"

    def json_text(self, name: str) -> str:
        """The field's value as JSON text (``"x"``, ``1.5``, ``true``), NULL when absent."""
        name = field_path(name)
        if self.postgres:
            return f"((record::jsonb -> '{name}')::text)"
        return f"(record -> '$.{name}')"

    def number(self, name: str) -> str:
        """The field's value when it is a number, else NULL."""
        name = field_path(name)
        if self.postgres:
            return (
                f"(CASE WHEN jsonb_typeof(record::jsonb -> '{name}') = 'number'"
                f" THEN (record::jsonb ->> '{name}')::float8 END)"
            )
        return f"(CASE WHEN json_type(record, '$.{name}') IN ('integer', 'real') THEN record ->> '$.{name}' END)"

    def not_a_number(self, name: str) -> str:
        """1 when the field holds something other than a number or null, else 0."""
        name = field_path(name)
        if self.postgres:
            return f"(CASE WHEN jsonb_typeof(record::jsonb -> '{name}') IN ('string', 'boolean') THEN 1 ELSE 0 END)"
        return f"(CASE WHEN json_type(record, '$.{name}') IN ('text', 'true', 'false') THEN 1 ELSE 0 END)"

    def equals_text(self, name: str) -> str:
        """A condition: the field is a string equal to the parameter."""
        name = field_path(name)
        if self.postgres:
            return f"(jsonb_typeof(record::jsonb -> '{name}') = 'string' AND {self.text(name)} = ?)"
        return f"(json_type(record, '$.{name}') = 'text' AND {self.text(name)} = ?)"

    def is_boolean(self, name: str, value: bool) -> str:
        name = field_path(name)
        word = "true" if value else "false"
        if self.postgres:
            return f"(record::jsonb -> '{name}') = '{word}'::jsonb"
        return f"(json_type(record, '$.{name}') = '{word}')"

    def starts_with(self, name: str) -> str:
        """A condition: the field is a string starting with the parameter (a LIKE pattern escaped with ``!``)."""
        name = field_path(name)
        if self.postgres:
            return (
                f"(jsonb_typeof(record::jsonb -> '{name}') = 'string' AND record::jsonb ->> '{name}' LIKE ? ESCAPE '!')"
            )
        return f"(json_type(record, '$.{name}') = 'text' AND record ->> '$.{name}' LIKE ? ESCAPE '!')"


def like_prefix(prefix: str) -> str:
    """``prefix`` as a LIKE pattern that matches it literally at the start."""
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
