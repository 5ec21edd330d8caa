"""Records posted to the data API, checked the way Backdrop checked them (performance-data.md §3.2).

A record is one flat JSON object:

- keys match ``^[a-z_][a-z0-9_]+$`` once lower-cased; the only ``_`` keys are ``_id``, ``_timestamp``,
  ``_start_at`` and ``_end_at`` (anything else that starts with ``_`` is "not a recognised internal field");
- values are strings, numbers, booleans or null: never objects or arrays, never NaN or infinite numbers;
- ``_timestamp``, ``_start_at`` and ``_end_at`` are ISO 8601 date-times with an offset or ``Z`` (stored in UTC);
- ``_id``, when given, is a non-empty string without white space; a data set with ``auto_ids`` gets a deterministic
  ``_id`` from those fields (base64 of their values joined by dots, as Backdrop), so re-posting the same records
  changes nothing.

Checking is all or nothing: :func:`check_records` returns every message for the whole request, and a request with any
message stores nothing. Each message names the record's place in the request (``record 3: …``).
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

KEY = re.compile(r"[a-z_][a-z0-9_]+")
TIME_FIELDS = ("_timestamp", "_start_at", "_end_at")
RESERVED = frozenset({"_id", *TIME_FIELDS})
MAX_STRING = 100_000
MAX_FIELDS = 500


@dataclass(frozen=True)
class CheckedRecord:
    """A valid record, its ``_id`` fixed and its time fields normalised to UTC ``…Z`` strings."""

    id: str | None
    timestamp: str | None
    fields: dict[str, Any]


def check_records(body: Any, auto_ids: Sequence[str]) -> tuple[list[CheckedRecord], list[str]]:
    """The records in a request body (one object or a list of them) and every message about them."""
    items = body if isinstance(body, list) else [body]
    records: list[CheckedRecord] = []
    messages: list[str] = []
    for number, item in enumerate(items, start=1):
        place = f"record {number}" if isinstance(body, list) else "record"
        record, found = check_record(item, auto_ids)
        messages.extend(f"{place}: {message}" for message in found)
        if record is not None:
            records.append(record)
    return records, messages


def check_record(item: Any, auto_ids: Sequence[str]) -> tuple[CheckedRecord | None, list[str]]:
    if not isinstance(item, dict):
        return None, [f"a record is a JSON object, not {_json_type(item)}"]
    if len(item) > MAX_FIELDS:
        return None, [f"a record has at most {MAX_FIELDS} fields; this one has {len(item)}"]
    messages: list[str] = []
    fields: dict[str, Any] = {}
    for key, value in item.items():
        problem = _key_problem(key) or _value_problem(key, value)
        if problem:
            messages.append(problem)
            continue
        fields[key.lower()] = value
    for name in TIME_FIELDS:
        if name in fields:
            parsed = parse_time(fields[name])
            if parsed is None:
                messages.append(f"{name} must be a date and time such as 2014-01-01T00:00:00Z; got {fields[name]!r}")
            else:
                fields[name] = parsed
    record_id = _record_id(fields, auto_ids, messages)
    if messages:
        return None, messages
    fields.pop("_id", None)
    return CheckedRecord(record_id, fields.get("_timestamp"), fields), []


def _key_problem(key: str) -> str | None:
    if not KEY.fullmatch(key.lower()):
        return f"{_shown(key)} is not a valid field name (letters, digits and _, not starting with a digit)"
    if key.startswith("_") and key.lower() not in RESERVED:
        return f"{_shown(key)} is not a recognised internal field"
    return None


def _value_problem(key: str, value: Any) -> str | None:
    if isinstance(value, dict | list):
        return f"{key}: values are strings, numbers, booleans or null, not {_json_type(value)}"
    if isinstance(value, float | Decimal) and not math.isfinite(float(value)):
        return f"{key}: {value} is not a number that JSON can hold"
    if isinstance(value, str) and len(value) > MAX_STRING:
        return f"{key}: a text value has at most {MAX_STRING:,} characters"
    return None


def _record_id(fields: dict[str, Any], auto_ids: Sequence[str], messages: list[str]) -> str | None:
    if auto_ids:
        missing = [name for name in auto_ids if name not in fields]
        if missing:
            messages.append(f"the following required id fields are missing: {', '.join(missing)}")
            return None
        joined = ".".join(_id_text(fields[name]) for name in auto_ids)
        return base64.b64encode(joined.encode("utf-8")).decode("ascii")
    given = fields.get("_id")
    if given is None:
        return None
    if not isinstance(given, str) or not given or any(c.isspace() for c in given):
        messages.append("_id must be a non-empty string with no white space")
        return None
    return given


def _id_text(value: Any) -> str:
    """A field's value as Backdrop's ``str()`` wrote it in an ``_id`` (Python's spelling of booleans and null)."""
    return "None" if value is None else str(value)


def parse_time(value: Any) -> str | None:
    """An ISO 8601 date-time with an offset (or ``Z``) as a UTC ``YYYY-MM-DDTHH:MM:SSZ`` string, else ``None``."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + (f".{utc.microsecond:06d}" if utc.microsecond else "") + "Z"


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _shown(key: str) -> str:
    """A field name as written, cut short and with control characters escaped (it is the client's text)."""
    text = key if len(key) <= 60 else key[:57] + "..."
    return repr(text)
