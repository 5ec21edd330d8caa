"""The read API's query: Backdrop's parameters (performance-data.md §3.3) checked, then run as SQL grouping.

``filter_by=field:value`` (repeatable; ``true``/``false`` match booleans), ``filter_by_prefix=field:prefix``,
``group_by=field`` (repeatable), ``collect=field[:sum|count|mean|set]`` (repeatable), ``period=day|week|month|
quarter|year`` (gaps filled), ``start_at``, ``end_at``, ``inclusive``, ``duration``, ``sort_by=field:ascending|
descending``, ``limit``, ``flatten``, ``format=csv``. Anything else, and any field starting with ``$``, is refused with
a message (a 400). Grouping, counting and sums run in the database; Python only fills the gaps between periods.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from govpress.api.periods import PERIODS, bucket_start, bucket_starts, next_start, parse_utc, stamp
from govpress.api.records import KEY, parse_time
from govpress.api.sql import JsonSql, like_prefix
from govpress.services.store.connection import Connection

PARAMETERS = frozenset(
    {
        "filter_by",
        "filter_by_prefix",
        "group_by",
        "collect",
        "period",
        "start_at",
        "end_at",
        "inclusive",
        "duration",
        "sort_by",
        "limit",
        "flatten",
        "format",
    }
)
METHODS = ("sum", "count", "mean", "set")
MAX_BUCKETS = 10_000
MAX_LIMIT = 100_000


class QueryError(ValueError):
    """A query the API refuses (answered with 400 and this message)."""


@dataclass(frozen=True)
class Query:
    filters: tuple[tuple[str, str | bool], ...] = ()
    prefixes: tuple[tuple[str, str], ...] = ()
    group_by: tuple[str, ...] = ()
    collect: tuple[tuple[str, str], ...] = ()
    period: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    inclusive: bool = False
    sort: tuple[str, bool] | None = None
    limit: int | None = None
    flatten: bool = False
    csv: bool = False
    bare_collect: frozenset[str] = field(default_factory=frozenset)

    @property
    def raw(self) -> bool:
        return not self.group_by and self.period is None


def parse_query(params: Sequence[tuple[str, str]], raw_allowed: bool, today: datetime | None = None) -> Query:
    """A :class:`Query` from the request's parameters, or :class:`QueryError` saying what is wrong."""
    values: dict[str, list[str]] = {}
    for name, value in params:
        if name not in PARAMETERS:
            raise QueryError(f"An unrecognised parameter was provided: {name[:60]!r}")
        values.setdefault(name, []).append(value)
    single = {name: _single(name, found) for name, found in values.items() if name not in _REPEATABLE}
    filters = tuple(_filter(text) for text in values.get("filter_by", []))
    prefixes = tuple(_pair(text, "filter_by_prefix") for text in values.get("filter_by_prefix", []))
    if filters and prefixes:
        raise QueryError("filter_by and filter_by_prefix cannot be used together")
    group_by = tuple(_group_field(text) for text in values.get("group_by", []))
    period = single.get("period")
    if period is not None and period not in PERIODS:
        raise QueryError(f"period must be one of {', '.join(PERIODS)}")
    collect, bare = _collects(values.get("collect", []), group_by, period)
    start, end = _range(single, period, today or datetime.now(UTC))
    sort = _sort(single.get("sort_by"), period, group_by)
    limit = _limit(single.get("limit"), period, group_by)
    query = Query(
        filters,
        prefixes,
        group_by,
        collect,
        period,
        start,
        end,
        _flag(single, "inclusive"),
        sort,
        limit,
        _flag(single, "flatten"),
        single.get("format") == "csv",
        frozenset(bare),
    )
    if "format" in single and single["format"] not in ("csv", "json"):
        raise QueryError("format must be csv or json")
    if query.raw and not raw_allowed:
        raise QueryError("querying for raw data is not allowed on this data set: give group_by or period")
    return query


_REPEATABLE = frozenset({"filter_by", "filter_by_prefix", "group_by", "collect"})


def _single(name: str, found: list[str]) -> str:
    if len(found) > 1:
        raise QueryError(f"{name} can be given only once")
    return found[0]


def _field(name: str, what: str) -> str:
    if name.startswith("$"):
        raise QueryError(f"{what}: field names cannot start with $")
    if not KEY.fullmatch(name):
        raise QueryError(f"{what}: {name[:60]!r} is not a valid field name")
    return name


def _pair(text: str, what: str) -> tuple[str, str]:
    name, colon, value = text.partition(":")
    if not colon:
        raise QueryError(f"{what} must be field:value")
    return _field(name, what), value


def _filter(text: str) -> tuple[str, str | bool]:
    name, value = _pair(text, "filter_by")
    return name, {"true": True, "false": False}.get(value, value)


def _group_field(name: str) -> str:
    if name.startswith("_"):
        raise QueryError("group_by: internal fields (starting with _) cannot be grouped by")
    return _field(name, "group_by")


def _collects(
    texts: list[str], group_by: tuple[str, ...], period: str | None
) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    if texts and not group_by and period is None:
        raise QueryError("collect needs group_by or period")
    found: list[tuple[str, str]] = []
    bare: list[str] = []
    for text in texts:
        name, colon, method = text.partition(":")
        _field(name, "collect")
        if name in group_by:
            raise QueryError(f"collect: {name} is a group_by field and cannot be collected")
        if not colon:
            method = "set"
            bare.append(name)
        if method not in METHODS:
            raise QueryError(f"collect: invalid collect function {method[:20]!r} (use {', '.join(METHODS)})")
        found.append((name, method))
    return tuple(found), bare


def _range(single: Mapping[str, str], period: str | None, today: datetime) -> tuple[datetime | None, datetime | None]:
    start = _time(single, "start_at")
    end = _time(single, "end_at")
    duration = single.get("duration")
    if duration is not None:
        if not duration.isdigit() or int(duration) <= 0 or int(duration) > MAX_BUCKETS:
            raise QueryError(f"duration must be a whole number from 1 to {MAX_BUCKETS}")
        if start is not None and end is not None:
            raise QueryError("duration cannot be used with both start_at and end_at")
        if period is None:
            raise QueryError("duration needs period")
        start, end = _window(int(duration), period, start, end, today)
    if period is not None and (start is None or end is None):
        raise QueryError("period needs start_at and end_at, or duration")
    if start is not None and end is not None:
        if end < start:
            raise QueryError("end_at is before start_at")
        if period is not None and len(bucket_starts(start, end, period, MAX_BUCKETS + 1)) > MAX_BUCKETS:
            raise QueryError(f"that range holds more than {MAX_BUCKETS} periods")
    return start, end


def _window(
    count: int, period: str, start: datetime | None, end: datetime | None, today: datetime
) -> tuple[datetime, datetime]:
    """``count`` periods from ``start``, or back from ``end`` (else from the end of the current period)."""
    if start is not None:
        first = last = bucket_start(start, period)
        for _ in range(count):
            last = next_start(last, period)
        return first, last
    stop = end if end is not None else next_start(bucket_start(today, period), period)
    begin = stop
    for _ in range(count):
        begin = bucket_start(begin - timedelta(microseconds=1), period)
    return begin, stop


def _time(single: Mapping[str, str], name: str) -> datetime | None:
    if name not in single:
        return None
    parsed = parse_time(single[name])
    if parsed is None:
        raise QueryError(f"{name} must be a date and time such as 2014-01-01T00:00:00Z")
    return parse_utc(parsed)


def _sort(text: str | None, period: str | None, group_by: tuple[str, ...]) -> tuple[str, bool] | None:
    if text is None:
        return None
    name, _, direction = text.partition(":")
    if direction not in ("ascending", "descending"):
        raise QueryError("sort_by must be field:ascending or field:descending")
    if period is not None and not group_by:
        raise QueryError("sort_by cannot be used with period unless grouped")
    return _field(name, "sort_by"), direction == "descending"


def _limit(text: str | None, period: str | None, group_by: tuple[str, ...]) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or int(text) > MAX_LIMIT:
        raise QueryError(f"limit must be a whole number from 0 to {MAX_LIMIT}")
    if period is not None and not group_by:
        raise QueryError("limit cannot be used with period unless grouped")
    return int(text)


def _flag(single: Mapping[str, str], name: str) -> bool:
    value = single.get(name, "false")
    if value not in ("true", "false"):
        raise QueryError(f"{name} must be true or false")
    return value == "true"


def run_query(
    connection: Connection,
    postgres: bool,
    data_set: str,
    query: Query,
    numeric: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """The ``data`` list that answers ``query`` on ``data_set``. ``numeric`` names fields the data set's schema
    holds to numbers (or null): summing them needs no check for text."""
    sql = JsonSql(postgres)
    where, params = _where(sql, data_set, query)
    if query.raw:
        return _raw(connection, sql, where, params, query)
    groups = [sql.json_text(name) for name in query.group_by]
    bucket = [f"{query.period}_start"] if query.period else []
    keys = groups + bucket
    aggregates, checks = _aggregates(sql, query, numeric)
    rows = connection.execute(
        f"SELECT {', '.join([*keys, 'COUNT(*)', *aggregates, *checks])} FROM api_records WHERE {where}"
        f" GROUP BY {', '.join(keys)}",
        params,
    )
    if any(row[-1 - i] for row in rows for i in range(len(checks))):
        raise QueryError("invalid collect function: sum and mean need numbers")
    sets = _sets(connection, sql, where, params, keys, query)
    return _shape(rows, sets, query, len(groups))


def _where(sql: JsonSql, data_set: str, query: Query) -> tuple[str, list[Any]]:
    conditions = ["data_set = ?"]
    params: list[Any] = [data_set]
    if query.start is not None:
        conditions.append("ts >= ?")
        params.append(stamp(query.start))
    if query.end is not None:
        conditions.append("ts <= ?" if query.inclusive else "ts < ?")
        params.append(stamp(query.end))
    for name, value in query.filters:
        if isinstance(value, bool):
            conditions.append(sql.is_boolean(name, value))
        else:
            conditions.append(sql.equals_text(name))
            params.append(value)
    for name, prefix in query.prefixes:
        conditions.append(sql.starts_with(name))
        params.append(like_prefix(prefix))
    return " AND ".join(conditions), params


def _raw(connection: Connection, sql: JsonSql, where: str, params: list[Any], query: Query) -> list[dict[str, Any]]:
    order = "ts, id"
    if query.sort is not None:
        name, descending = query.sort
        way = "DESC" if descending else "ASC"
        order = f"{sql.number(name)} {way}, {sql.json_text(name)} {way}, id"
    limit = f" LIMIT {query.limit}" if query.limit is not None else ""
    rows = connection.execute(
        f"SELECT {sql.record_text} FROM api_records WHERE {where} ORDER BY {order}{limit}", params
    )
    return [dict(json.loads(row[0])) for row in rows]


def _aggregates(sql: JsonSql, query: Query, numeric: frozenset[str]) -> tuple[list[str], list[str]]:
    aggregates: list[str] = []
    checks: list[str] = []
    for name, method in query.collect:
        if method in ("sum", "mean"):
            aggregates.append(f"{'SUM' if method == 'sum' else 'AVG'}({sql.number(name, name in numeric)})")
            if name not in numeric:
                checks.append(f"SUM({sql.not_a_number(name)})")
        elif method == "count":
            aggregates.append(f"COUNT({sql.json_text(name)})")
        else:
            aggregates.append("NULL")
    return aggregates, checks


def _sets(
    connection: Connection, sql: JsonSql, where: str, params: list[Any], keys: list[str], query: Query
) -> dict[tuple[str, tuple[Any, ...]], list[Any]]:
    found: dict[tuple[str, tuple[Any, ...]], list[Any]] = {}
    for name, method in query.collect:
        if method != "set":
            continue
        value = sql.json_text(name)
        rows = connection.execute(
            f"SELECT DISTINCT {', '.join([*keys, value])} FROM api_records WHERE {where} AND {value} IS NOT NULL",
            params,
        )
        for row in rows:
            found.setdefault((name, tuple(row[:-1])), []).append(json.loads(row[-1]))
    for values in found.values():
        values.sort(key=lambda v: (str(type(v)), v))
    return found


def _shape(
    rows: list[tuple[Any, ...]],
    sets: dict[tuple[str, tuple[Any, ...]], list[Any]],
    query: Query,
    group_count: int,
) -> list[dict[str, Any]]:
    by_key: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[: group_count + (1 if query.period else 0)])
        entry: dict[str, Any] = {"_count": int(row[len(key)])}
        for index, (name, method) in enumerate(query.collect):
            label = name if name in query.bare_collect else f"{name}:{method}"
            if method == "set":
                entry[label] = sets.get((name, key), [])
            else:
                value = row[len(key) + 1 + index]
                entry[label] = float(value) if method in ("sum", "mean") and value is not None else value
        by_key[key] = entry
    if query.period is None:
        return _groups_only(by_key, query)
    return _with_periods(by_key, query, group_count)


def _group_fields(query: Query, key: tuple[Any, ...]) -> dict[str, Any]:
    return {
        name: json.loads(text) if text is not None else None for name, text in zip(query.group_by, key, strict=False)
    }


def _groups_only(by_key: dict[tuple[Any, ...], dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    data = [{**_group_fields(query, key), **entry} for key, entry in by_key.items()]
    return _sorted_limited(data, query)


def _sorted_limited(data: list[dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    data.sort(key=lambda item: [_order(item.get(name)) for name in query.group_by])
    if query.sort is not None:
        name, descending = query.sort
        present = [item for item in data if item.get(name) is not None]
        absent = [item for item in data if item.get(name) is None]
        present.sort(key=lambda item: _order(item[name]), reverse=descending)
        data = present + absent
    return data[: query.limit] if query.limit is not None else data


def _order(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value))


def _with_periods(
    by_key: dict[tuple[Any, ...], dict[str, Any]], query: Query, group_count: int
) -> list[dict[str, Any]]:
    assert query.period is not None and query.start is not None and query.end is not None
    starts = bucket_starts(query.start, query.end, query.period, MAX_BUCKETS)
    empty: dict[str, Any] = {
        (name if name in query.bare_collect else f"{name}:{method}"): ([] if method == "set" else None)
        for name, method in query.collect
    }

    def series(group: tuple[Any, ...]) -> list[dict[str, Any]]:
        values = []
        for start in starts:
            entry = by_key.get((*group, stamp(start)), {"_count": 0, **empty})
            values.append(
                {"_start_at": stamp(start), "_end_at": stamp(next_start(start, query.period or "day")), **entry}
            )
        return values

    if group_count == 0:
        return series(())
    groups = sorted({key[:group_count] for key in by_key}, key=lambda g: [_order(v) for v in g])
    nested = []
    for group in groups:
        values = series(group)
        counts = sum(v["_count"] for v in values)
        nested.append({**_group_fields(query, group), "_count": counts, "_group_count": len(values), "values": values})
    nested = _sorted_limited(nested, query)
    if not query.flatten:
        return nested
    return [
        {**{k: v for k, v in item.items() if k not in ("values", "_count", "_group_count")}, **value}
        for item in nested
        for value in item["values"]
    ]


def numeric_fields(schema: dict[str, Any] | None) -> frozenset[str]:
    """The fields a JSON Schema holds to numbers or null (``type`` integer or number, alone or with null)."""
    if schema is None or not isinstance(schema.get("properties"), dict):
        return frozenset()
    numeric = set()
    for name, rule in schema["properties"].items():
        kinds = rule.get("type") if isinstance(rule, dict) else None
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if isinstance(kinds, list) and kinds and set(kinds) <= {"integer", "number", "null"}:
            numeric.add(name)
    return frozenset(numeric)
