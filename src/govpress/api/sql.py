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
    """Expressions over the ``record`` column: JSON text in SQLite, ``jsonb`` in PostgreSQL.

    SQLite's ``->>`` gives text only for JSON strings (numbers stay numbers, ``true`` is 1), so an equality with a
    text parameter already matches strings only, and a sum is checked for text and booleans once, by
    :meth:`not_a_number`: each row's JSON is read as few times as possible.
    """

    postgres: bool

    @property
    def record_type(self) -> str:
        return "JSONB" if self.postgres else "TEXT"

    @property
    def record_parameter(self) -> str:
        """The placeholder that stores a record's JSON text."""
        return "CAST(? AS JSONB)" if self.postgres else "?"

    @property
    def record_text(self) -> str:
        """The record as JSON text, for reading back."""
        return "record::text" if self.postgres else "record"

    def text(self, name: str) -> str:
        """The field's value as SQL text (what the field indexes hold)."""
        name = field_path(name)
        if self.postgres:
            return f"(record ->> '{name}')"
        return f"(record ->> '$.{name}')"

    def index_statement(self, name: str) -> str:
        """The index that makes ``filter_by`` and ``filter_by_prefix`` on ``name`` read only matching records."""
        digest = hashlib.sha256(field_path(name).encode()).hexdigest()[:16]
        return f"CREATE INDEX IF NOT EXISTS api_field_{digest} ON api_records (data_set, {self.text(name)}, ts)"

    def json_text(self, name: str) -> str:
        """The field's value as JSON text (``"x"``, ``1.5``, ``true``), NULL when absent."""
        name = field_path(name)
        if self.postgres:
            return f"((record -> '{name}')::text)"
        return f"(record -> '$.{name}')"

    def number(self, name: str, known_numeric: bool = False) -> str:
        """The field's value when it is a number, else NULL (in SQLite also a boolean, as 1 or 0: a query that
        sums one is refused by :meth:`not_a_number`). ``known_numeric``: the data set's schema holds the field to
        numbers or null, so PostgreSQL need not look at its type first."""
        name = field_path(name)
        if self.postgres and known_numeric:
            return f"((record ->> '{name}')::float8)"
        if self.postgres:
            return f"(CASE WHEN jsonb_typeof(record -> '{name}') = 'number' THEN (record ->> '{name}')::float8 END)"
        return f"(record ->> '$.{name}')"

    def not_a_number(self, name: str) -> str:
        """1 when the field holds something other than a number or null, else 0."""
        name = field_path(name)
        if self.postgres:
            return f"(CASE WHEN jsonb_typeof(record -> '{name}') IN ('string', 'boolean') THEN 1 ELSE 0 END)"
        return f"(CASE WHEN json_type(record, '$.{name}') IN ('text', 'true', 'false') THEN 1 ELSE 0 END)"

    def equals_text(self, name: str) -> str:
        """A condition: the field is a string equal to the parameter."""
        name = field_path(name)
        if self.postgres:
            return f"(jsonb_typeof(record -> '{name}') = 'string' AND {self.text(name)} = ?)"
        return f"({self.text(name)} = ?)"

    def is_boolean(self, name: str, value: bool) -> str:
        name = field_path(name)
        word = "true" if value else "false"
        if self.postgres:
            return f"((record -> '{name}') = '{word}'::jsonb)"
        return f"(json_type(record, '$.{name}') = '{word}')"

    def starts_with(self, name: str) -> str:
        """A condition: the field is a string starting with the parameter (a LIKE pattern escaped with ``!``)."""
        name = field_path(name)
        if self.postgres:
            return f"(jsonb_typeof(record -> '{name}') = 'string' AND {self.text(name)} LIKE ? ESCAPE '!')"
        return f"(json_type(record, '$.{name}') = 'text' AND {self.text(name)} LIKE ? ESCAPE '!')"


def like_prefix(prefix: str) -> str:
    """``prefix`` as a LIKE pattern that matches it literally at the start."""
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
