"""Writing the store's contents out: the native long format (CSV, JSON) and the public download layout.

Every CSV cell passes through :func:`govpress.safe_output.safe_row`: a text a spreadsheet would run as a formula gets
a leading ``'``, which govpress's own readers drop again (:func:`govpress.safe_output.restore_cell`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from govpress.safe_output import safe_row
from govpress.services.cells import figure_text
from govpress.services.importers.native_json import JSON_FORMAT_ID
from govpress.services.importers.native_rows import COLUMNS
from govpress.services.importers.public_download import IDENTITY, TRAILING, TRAILING_FIELDS
from govpress.services.model import (
    FIGURE_FIELDS,
    NOT_PROVIDED,
    Figure,
    Missing,
    Observation,
    Period,
    PeriodKind,
    Service,
)
from govpress.services.periods import long_month_range
from govpress.services.store import Contents


def _service_values(service: Service) -> dict[str, Any]:
    return {
        "service": service.slug,
        "name": service.name,
        "department": service.department.abbr,
        "department_name": service.department.name,
        "body": service.body.abbr if service.body else "",
        "body_name": service.body.name if service.body else "",
        **service.texts(),
        "keywords": list(service.keywords),
        "high_volume": service.high_volume,
    }


def _json_figure(figure: Figure) -> float | int | str | None:
    if isinstance(figure, Missing):
        return None if figure is NOT_PROVIDED else "***"
    return int(figure) if figure == figure.to_integral_value() else float(figure)


def native_rows(contents: Contents) -> Iterator[tuple[dict[str, Any], Observation]]:
    for service in contents.services:
        values = _service_values(service)
        for observation in contents.observations[service.slug]:
            period = observation.period
            yield (
                {
                    **values,
                    "period_kind": period.kind.value,
                    "period": period.key,
                    "period_start": period.start.isoformat(),
                    "period_end": period.end.isoformat(),
                },
                observation,
            )


def native_csv(contents: Contents) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(COLUMNS))
    for values, observation in native_rows(contents):
        row = {**values, "keywords": ", ".join(values["keywords"]), "high_volume": str(values["high_volume"]).lower()}
        row.update({name: figure_text(observation.figure(name)) for name in FIGURE_FIELDS})
        writer.writerow(safe_row(row[c] for c in COLUMNS))
    return out.getvalue()


def native_json(contents: Contents) -> str:
    rows = [
        {**values, **{name: _json_figure(observation.figure(name)) for name in FIGURE_FIELDS}}
        for values, observation in native_rows(contents)
    ]
    return json.dumps({"format": JSON_FORMAT_ID, "rows": rows}, ensure_ascii=False, indent=1)


_PUBLIC_MEASURES = (
    ("volume", "volume"),
    ("digital volume", "digital_volume"),
    ("cost per transaction (£)", "cost_per_transaction"),
)


def public_download_csv(contents: Contents) -> str:
    """The ``transaction-volumes.csv`` layout: rolling years only, three figures each."""
    periods: list[Period] = sorted(
        {o.period for obs in contents.observations.values() for o in obs if o.period.kind is PeriodKind.ROLLING_YEAR}
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = [
        *IDENTITY,
        *(f"{long_month_range(p)}: {label}" for p in periods for label, _ in _PUBLIC_MEASURES),
        *TRAILING,
    ]
    writer.writerow(safe_row(head))
    for service in contents.services:
        by_period = {o.period: o for o in contents.observations[service.slug]}
        body = service.body
        row = [
            service.department.name,
            service.department.abbr,
            body.name if body else "",
            body.abbr if body else "",
            service.name,
        ]
        for period in periods:
            observation = by_period.get(period)
            row += [figure_text(observation.figure(f)) if observation else "" for _, f in _PUBLIC_MEASURES]
        texts = service.texts()
        row += [texts[field] for field in TRAILING_FIELDS]
        writer.writerow(safe_row(row))
    return out.getvalue()
