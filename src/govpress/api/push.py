"""Pushing a performance data file to a ``summaries`` data set, as Backdrop's collectors did (performance-data.md §2).

The file is read by the same importers as ``govpress services import`` (into a store in memory, so services and
slugs come out exactly as an import makes them), turned into Backdrop-shaped records with each service's details,
and posted in chunks (gzipped past 2 KiB), retrying 5xx answers and refused connections with a growing delay.
Figures travel as exact decimal numbers, so the store on the other side holds the same figures as a file import.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from govpress.problems import GovpressError, Problem
from govpress.services.model import NOT_REQUESTED, Figure, Observation, PeriodKind, Service

TYPES = {PeriodKind.ROLLING_YEAR: "seasonally-adjusted", PeriodKind.QUARTER: "quarterly"}
FIGURES = (
    ("volume", "number_of_transactions"),
    ("digital_volume", "number_of_digital_transactions"),
    ("cost_per_transaction", "cost_per_transaction"),
    ("digital_cost_per_transaction", "digital_cost_per_transaction"),
    ("completion_rate", "completion_rate"),
    ("user_satisfaction", "user_satisfaction"),
)
_NUMBER = re.compile(r'"\\u0000(-?[0-9.E+-]+)\\u0000"')
RETRIES = 5


@dataclass(frozen=True)
class PushResult:
    records: int
    requests: int


def summaries_records(path: Path, format_name: str | None = None) -> list[dict[str, Any]]:
    """The Backdrop-shaped ``summaries`` records of a data file (every service and period in it)."""
    from govpress.services.importing import import_file
    from govpress.services.store import open_store

    store = open_store(":memory:")
    try:
        import_file(store, path, format_name)
        contents = store.contents()
    finally:
        store.close()
    by_slug = {service.slug: service for service in contents.services}
    return [
        summaries_record(by_slug[slug], observation)
        for slug, observations in contents.observations.items()
        for observation in observations
    ]


def summaries_record(service: Service, observation: Observation) -> dict[str, Any]:
    """One observation as a ``summaries`` record carrying its service's details."""
    period = observation.period
    record: dict[str, Any] = {
        "_timestamp": f"{period.start.isoformat()}T00:00:00Z",
        "end_at": f"{(period.end + timedelta(days=1)).isoformat()}T00:00:00Z",
        "period": "year" if period.kind is PeriodKind.ROLLING_YEAR else "quarter",
        "service_id": service.slug,
        "type": TYPES[period.kind],
        "name": service.name,
        "department": service.department.abbr,
        "department_name": service.department.name,
        "keywords": ", ".join(service.keywords),
        "high_volume": service.high_volume,
        **{name: value for name, value in service.texts().items() if value},
    }
    if service.body is not None:
        record |= {"body": service.body.abbr, "body_name": service.body.name}
    for field, name in FIGURES:
        record[name] = _figure(observation.figure(field))
    return record


def _figure(figure: Figure) -> Decimal | str | None:
    if isinstance(figure, Decimal):
        return figure
    return "***" if figure is NOT_REQUESTED else None


def encode(records: Sequence[dict[str, Any]]) -> bytes:
    """JSON with every :class:`Decimal` written as the exact number it is (never through a binary float)."""

    def number(value: object) -> str:
        if isinstance(value, Decimal):
            return f"\0{value}\0"
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    text = json.dumps(list(records), default=number, separators=(",", ":"), ensure_ascii=False)
    return _NUMBER.sub(r"\1", text).encode("utf-8")


def push(
    records: Sequence[dict[str, Any]], url: str, token: str, chunk_size: int = 1000, source: Path | None = None
) -> PushResult:
    """Post ``records`` to the data set at ``url`` in chunks; a :class:`GovpressError` (at ``source``, the file
    they came from) says which chunk failed and why."""
    if not url.startswith(("http://", "https://")):
        raise GovpressError(Problem.error(f"the data set's address must be an http or https URL, not {url!r}"))
    requests = 0
    for start, chunk in _chunks(records, chunk_size):
        _post(url, token, encode(chunk), f"records {start + 1} to {start + len(chunk)}", source)
        requests += 1
    return PushResult(len(records), requests)


def _chunks(records: Sequence[dict[str, Any]], size: int) -> Iterator[tuple[int, Sequence[dict[str, Any]]]]:
    for start in range(0, len(records), size):
        yield start, records[start : start + size]


def _post(url: str, token: str, body: bytes, what: str, source: Path | None) -> None:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    if len(body) > 2048:
        body = gzip.compress(body, mtime=0)
        headers["Content-Encoding"] = "gzip"
    for attempt in range(1, RETRIES + 1):
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                return
        except urllib.error.HTTPError as error:
            answer = _answer(error.read())
            if error.code < 500 or attempt == RETRIES:
                raise GovpressError(Problem.error(f"{what}: the API answered {error.code}: {answer}", source)) from None
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if attempt == RETRIES:
                reason = getattr(error, "reason", error)
                raise GovpressError(Problem.error(f"{what}: cannot reach the API: {reason}", source)) from None
        time.sleep(0.5 * 2 ** (attempt - 1))


def _answer(data: bytes) -> str:
    try:
        document = json.loads(data)
    except ValueError:
        return data[:200].decode("utf-8", "replace")
    if isinstance(document, dict):
        messages = document.get("messages") or [document.get("message", "")]
        more = f" (and {len(messages) - 5} more)" if len(messages) > 5 else ""
        return "; ".join(str(m) for m in messages[:5]) + more
    return str(document)[:200]
