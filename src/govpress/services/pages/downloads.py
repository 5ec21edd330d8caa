"""The explorer's downloads: ``data/services.csv``, ``data/services.json``, ``data/departments.json`` and the
search index ``data/search.json``. Figures are the latest ones shown on the pages (raw numbers, not formatted).
The CSV's text cells that a spreadsheet would run as formulas are neutralised (:func:`govpress.safe_output.safe_cell`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from govpress.safe_output import safe_cell
from govpress.services.explorer import Explorer, ServiceView
from govpress.services.summary import department_summary, fraction, number

SERVICE_COLUMNS = (
    "slug",
    "name",
    "department",
    "department_name",
    "body",
    "category",
    "customer_type",
    "business_model",
    "url",
    "high_volume",
    "transactions_per_year",
    "transactions_per_year_period",
    "digital_takeup",
    "digital_takeup_period",
    "cost_per_transaction",
    "cost_per_transaction_period",
    "total_cost",
    "total_cost_period",
    "data_coverage",
)
_KPI_NAMES = {
    "transactions_per_year": "volume",
    "digital_takeup": "digital_takeup",
    "cost_per_transaction": "cost_per_transaction",
    "total_cost": "total_cost",
}


def service_record(view: ServiceView) -> dict[str, Any]:
    service = view.service
    record: dict[str, Any] = {
        "slug": service.slug,
        "name": service.name,
        "department": service.department.abbr,
        "department_name": service.department.name,
        "body": service.body.name if service.body else None,
        "category": service.category,
        "customer_type": service.customer_type,
        "business_model": service.business_model,
        "url": service.url,
        "high_volume": service.high_volume,
    }
    for column, name in _KPI_NAMES.items():
        kpi = view.kpis[name]
        record[column] = fraction(kpi.value) if name == "digital_takeup" else number(kpi.value)
        record[f"{column}_period"] = kpi.period.key if kpi.period else None
    record["data_coverage"] = fraction(view.coverage.fraction)
    return record


def services_json(explorer: Explorer) -> str:
    return json.dumps([service_record(v) for v in explorer.services], indent=1, ensure_ascii=False)


def services_csv(explorer: Explorer) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, SERVICE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for view in explorer.services:
        record = service_record(view)
        writer.writerow(
            {k: safe_cell("" if v is None else str(v).lower() if isinstance(v, bool) else v) for k, v in record.items()}
        )
    return out.getvalue()


def departments_json(explorer: Explorer) -> str:
    return json.dumps([department_summary(v) for v in explorer.departments], indent=1, ensure_ascii=False)


def search_json(explorer: Explorer) -> str:
    """What the client-side search looks in: name, department, body, keywords, category; and the page."""
    entries = [
        {
            "name": v.service.name,
            "department": v.service.department.name,
            "abbr": v.service.department.abbr,
            "body": v.service.body.name if v.service.body else "",
            "keywords": " ".join(v.service.keywords),
            "category": v.service.category,
            "url": f"service-details/{v.slug}.html",
            "historic": bool(explorer.newest and v.kpis["volume"].period and v.kpis["volume"].period < explorer.newest),
        }
        for v in explorer.services
    ]
    return json.dumps(entries, ensure_ascii=False)
