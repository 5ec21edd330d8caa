"""The built-in data types: a data set created with one of these type names gets its JSON Schema and ``_id`` fields.

- ``summaries`` — Backdrop's ``transactional-services/summaries`` records (performance-data.md §2): one service's
  figures for one period. Records posted here also become the service observations a file import makes
  (:mod:`govpress.api.summaries`), so the explorer and the dashboards show them.
- ``transactions-by-channel`` — ``channel`` and ``count`` (digital take-up = digital / all channels).
- ``customer-satisfaction`` — ``rating_1`` … ``rating_5`` and ``total`` (score = (mean rating - 1) / 4).
- ``completion`` — ``started`` and ``completed`` (completion rate = completed / started).

``--schema`` and ``--auto-id`` given to ``govpress api datasets create`` replace the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govpress.services.importers.native_rows import SERVICE_COLUMNS
from govpress.services.importers.rows import SLUG_PATTERN

COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
FIGURE: dict[str, Any] = {"anyOf": [{"type": ["number", "null"]}, {"enum": ["***"]}]}  # "***": not requested
TEXT: dict[str, Any] = {"type": "string"}
SLUG: dict[str, Any] = {"type": "string", "pattern": SLUG_PATTERN}
# The native format's service columns that a summaries record may carry (its ``service_id`` is the ``service``).
SERVICE_TEXT_FIELDS = tuple(name for name in SERVICE_COLUMNS if name not in ("service", "high_volume"))


@dataclass(frozen=True)
class DataType:
    name: str
    schema: dict[str, Any]
    auto_ids: tuple[str, ...]
    indexed: tuple[str, ...] = ()


def _object(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "required": required,
        "properties": properties,
    }


SUMMARIES = DataType(
    "summaries",
    _object(
        ["_timestamp", "end_at", "service_id", "type"],
        {
            "_timestamp": TEXT,
            "end_at": TEXT,
            "period": {"enum": ["year", "quarter"]},
            "service_id": SLUG,
            "type": {"enum": ["seasonally-adjusted", "quarterly"]},
            "number_of_transactions": FIGURE,
            "number_of_digital_transactions": FIGURE,
            "cost_per_transaction": FIGURE,
            "digital_cost_per_transaction": FIGURE,
            "completion_rate": FIGURE,
            "user_satisfaction": FIGURE,
            "digital_takeup": FIGURE,
            "total_cost": FIGURE,
            "high_volume": {"type": "boolean"},
            **dict.fromkeys(SERVICE_TEXT_FIELDS, TEXT),
        },
    ),
    ("service_id", "type", "_timestamp"),
    ("service_id", "type"),
)
TRANSACTIONS_BY_CHANNEL = DataType(
    "transactions-by-channel",
    _object(
        ["channel", "count"],
        {"channel": TEXT, "count": COUNT, "period": {"enum": ["day", "week", "month", "quarter", "year"]}},
    ),
    (),
    ("channel",),
)
CUSTOMER_SATISFACTION = DataType(
    "customer-satisfaction",
    _object(
        ["rating_1", "rating_2", "rating_3", "rating_4", "rating_5", "total"],
        {**{f"rating_{n}": COUNT for n in range(1, 6)}, "total": COUNT, "comments": COUNT, "slug": TEXT},
    ),
    (),
    ("slug",),
)
COMPLETION = DataType("completion", _object(["started", "completed"], {"started": COUNT, "completed": COUNT}), ())

BUILT_IN = {
    data_type.name: data_type for data_type in (SUMMARIES, TRANSACTIONS_BY_CHANNEL, CUSTOMER_SATISFACTION, COMPLETION)
}


def with_built_in(
    type_: str, schema: dict[str, Any] | None, auto_ids: tuple[str, ...], indexed: tuple[str, ...] = ()
) -> tuple[dict[str, Any] | None, tuple[str, ...], tuple[str, ...]]:
    """The schema, ``_id`` fields and indexed fields of a new data set of ``type_``: those given, else the built-in
    type's; the ``_id`` fields (but ``_timestamp``) are always indexed too."""
    built_in = BUILT_IN.get(type_)
    if built_in is not None:
        schema = schema if schema is not None else built_in.schema
        auto_ids = auto_ids or built_in.auto_ids
        indexed = indexed or built_in.indexed
    extra = tuple(name for name in auto_ids if not name.startswith("_") and name not in indexed)
    return schema, auto_ids, indexed + extra
