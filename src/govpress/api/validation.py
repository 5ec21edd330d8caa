"""A data set's JSON Schema (Draft 4, as Backdrop's data types used) checked against posted records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_MESSAGES = 100


def schema_problem(schema: Any) -> str | None:
    """What is wrong with ``schema`` as a Draft 4 JSON Schema, or ``None``."""
    from jsonschema import Draft4Validator
    from jsonschema.exceptions import SchemaError

    if not isinstance(schema, dict):
        return "a JSON Schema is a JSON object"
    try:
        Draft4Validator.check_schema(schema)
    except SchemaError as error:
        return f"not a valid JSON Schema (draft 4): {error.message}"
    return None


def schema_messages(schema: dict[str, Any], records: Sequence[dict[str, Any]], many: bool) -> list[str]:
    """Every way the ``records`` break ``schema`` (at most :data:`MAX_MESSAGES`), each naming its record."""
    from jsonschema import Draft4Validator

    validator = Draft4Validator(schema)
    messages: list[str] = []
    for number, record in enumerate(records, start=1):
        place = f"record {number}" if many else "record"
        for error in sorted(validator.iter_errors(record), key=lambda e: list(e.path)):
            where = ".".join(str(p) for p in error.path)
            messages.append(f"{place}: {where + ': ' if where else ''}{error.message[:300]}")
            if len(messages) >= MAX_MESSAGES:
                return messages
    return messages
