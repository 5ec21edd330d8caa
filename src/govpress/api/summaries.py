"""Records of a ``summaries`` data set become service observations, exactly as a native file import makes them.

A record has Backdrop's shape (performance-data.md §2)::

    {"_timestamp": "2013-04-01T00:00:00Z", "end_at": "2014-04-01T00:00:00Z", "service_id": "passport-renewals",
     "type": "seasonally-adjusted", "number_of_transactions": 1200000, "number_of_digital_transactions": 600000,
     "cost_per_transaction": 7.5, "digital_cost_per_transaction": 2.1}

``type`` ``seasonally-adjusted`` is a rolling year (12 months ending with a quarter), ``quarterly`` one calendar
quarter; ``_timestamp`` is its first day and ``end_at`` the day after its last (or its last day). ``digital_takeup``
and ``total_cost`` are derived figures: accepted and ignored, since govpress derives them from the raw ones.
The service's details (``name``, ``department``, ``department_name``, ``body``, … the native format's service columns)
may come with the record; without them the service must already be in the store, and its stored details are used.
Each record then goes through the native format's row reader, so the same checks, periods and figures apply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from govpress.api.data_types import SERVICE_TEXT_FIELDS
from govpress.api.records import CheckedRecord
from govpress.problems import ProblemLog
from govpress.services.importers import Record
from govpress.services.importers.native import NativeReader
from govpress.services.model import PeriodKind, Service
from govpress.services.periods import Month, PeriodError, calendar_quarter, rolling_year_ending

KINDS = {"seasonally-adjusted": PeriodKind.ROLLING_YEAR, "quarterly": PeriodKind.QUARTER}
FIGURES = {
    "number_of_transactions": "volume",
    "number_of_digital_transactions": "digital_volume",
    "cost_per_transaction": "cost_per_transaction",
    "digital_cost_per_transaction": "digital_cost_per_transaction",
    "completion_rate": "completion_rate",
    "user_satisfaction": "user_satisfaction",
}
KnownService = Callable[[str], dict[str, Any] | None]


def service_records(
    records: Sequence[CheckedRecord], known: KnownService, place: str
) -> tuple[list[Record], list[str]]:
    """The services and observations that ``records`` make, and every message about them (all or nothing)."""
    reader = NativeReader(place)
    made: list[Record] = []
    messages: list[str] = []
    for number, record in enumerate(records, start=1):
        row, problem = native_row(record.fields, known)
        if problem:
            messages.append(f"record {number}: {problem}")
            continue
        problems = ProblemLog()
        made.extend(reader.records(number, row, problems))
        messages.extend(f"record {number}: {p.message.removesuffix(': file not imported')}" for p in problems.errors)
    return made, messages


def native_row(fields: dict[str, Any], known: KnownService) -> tuple[dict[str, Any], str | None]:
    """The native format's row for one summaries record, or what is wrong with it."""
    slug = fields.get("service_id")
    if not isinstance(slug, str):
        return {}, "service_id is required"
    kind = KINDS.get(str(fields.get("type")))
    if kind is None:
        return {}, "type must be seasonally-adjusted or quarterly"
    try:
        period_kind, key, start, end = _period(kind, str(fields.get("_timestamp")), fields.get("end_at"))
    except (PeriodError, ValueError) as error:
        return {}, str(error)
    row: dict[str, Any] = {"service": slug, "period_kind": period_kind, "period": key}
    row |= {"period_start": start.isoformat(), "period_end": end.isoformat()}
    details = {name: fields[name] for name in (*SERVICE_TEXT_FIELDS, "high_volume") if name in fields}
    if not {"name", "department", "department_name"} <= details.keys():
        stored = known(slug)
        if stored is None:
            return {}, f"service {slug} is not in the store: give its name, department and department_name"
        details = {**stored, **details}
    row |= details
    for source, column in FIGURES.items():
        value = fields.get(source)
        row[column] = _figure(value)
    return row, None


def _period(kind: PeriodKind, timestamp: str, end_at: Any) -> tuple[str, str, date, date]:
    start = date.fromisoformat(timestamp[:10])
    if not isinstance(end_at, str):
        raise PeriodError("end_at is required: the day after the period's last day (or its last day)")
    end = date.fromisoformat(end_at[:10])
    if end.day == 1:  # the day after the period, as Backdrop's records gave it
        end -= timedelta(days=1)
    if kind is PeriodKind.QUARTER:
        if start.month % 3 != 1 or start.day != 1:
            raise PeriodError(f"a quarterly record starts on the first day of a quarter, not {start}")
        period = calendar_quarter(start.year, (start.month - 1) // 3 + 1)
    else:
        period = rolling_year_ending(Month(start.year, start.month), Month(end.year, end.month))
    if (period.start, period.end) != (start, end):
        raise PeriodError(f"{start} to {end} is not a {kind.value} (it would be {period.start} to {period.end})")
    return kind.value, period.key, period.start, period.end


def _figure(value: Any) -> Decimal | str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value  # "***" (not requested); anything else is refused by the row reader
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)


def stored_details(service: Service | None) -> dict[str, Any] | None:
    """A stored service's details as the native format's service columns (for records that omit them)."""
    if service is None:
        return None
    details: dict[str, Any] = {
        "name": service.name,
        "department": service.department.abbr,
        "department_name": service.department.name,
        "keywords": list(service.keywords),
        "high_volume": service.high_volume,
    }
    if service.body is not None:
        details |= {"body": service.body.abbr, "body_name": service.body.name}
    return details | service.texts()


def observation_key(fields: dict[str, Any]) -> tuple[str, str, str] | None:
    """The stored observation (service, period kind, period key) a summaries record wrote, if it names one."""
    kind = KINDS.get(str(fields.get("type")))
    slug = fields.get("service_id")
    if kind is None or not isinstance(slug, str):
        return None
    try:
        period_kind, key, _, _ = _period(kind, str(fields.get("_timestamp")), fields.get("end_at"))
    except (PeriodError, ValueError):
        return None
    return slug, period_kind, key
