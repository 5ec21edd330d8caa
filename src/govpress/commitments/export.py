"""The model as open data: a JSON document and a CSV table with one row per response."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from govpress.commitments.model import Action, Change, Commitments, Organisation, Response, SourceRef
from govpress.commitments.reports.model import Report, Reports
from govpress.commitments.urls import action_url, organisation_url, response_url
from govpress.safe_output import safe_row

CSV_COLUMNS = (
    "action",
    "action_title",
    "organisation",
    "organisation_name",
    "status",
    "text",
    "links",
    "last_changed",
    "url",
    "source",
)


def export_data(commitments: Commitments, root: Path | None = None, reports: Reports | None = None) -> dict[str, Any]:
    """The whole model as plain values; source paths relative to ``root`` when they are inside it.

    With ``reports``, a ``reports`` list (newest first) and the ``exemplars`` they follow are added.
    """
    data: dict[str, Any] = {
        "actions": [_action(a) for a in commitments.actions],
        "organisations": [_organisation(o) for o in commitments.organisations],
        "responses": [_response(r, root) for r in commitments.responses],
    }
    if reports is not None:
        data["exemplars"] = [{"id": e.id, "name": e.name, "organisation": e.organisation} for e in reports.exemplars]
        data["reports"] = [_report(r) for r in reports.reports]
    return data


def export_json(commitments: Commitments, root: Path | None = None, reports: Reports | None = None) -> str:
    return json.dumps(export_data(commitments, root, reports), ensure_ascii=False, indent=2) + "\n"


def _report(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "title": report.title,
        "date": report.date,
        "url": report.url,
        "summary": report.summary,
        "exemplars_total": report.known_total if report.phase_counts() else None,
        "phase_counts": [
            {"phases": [p.value for p in c.phases], "count": c.count, "note": c.note} for c in report.phase_counts()
        ],
        "services": [{"exemplar": service, "phase": phase.value} for service, phase in report.services],
    }


def export_csv(commitments: Commitments, root: Path | None = None) -> str:
    """One row per response, links separated by spaces; cells a spreadsheet would run as formulas are neutralised
    (:func:`govpress.safe_output.safe_row`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    for response in commitments.responses:
        action = commitments.action(response.action)
        organisation = commitments.organisation(response.organisation)
        writer.writerow(
            safe_row(
                [
                    response.action,
                    action.title if action else "",
                    response.organisation,
                    organisation.name if organisation else "",
                    response.status.value,
                    response.text,
                    " ".join(response.links),
                    response.last_changed or "",
                    response_url(response.action, response.organisation),
                    _source(response.source, root) or "",
                ]
            )
        )
    return out.getvalue()


def _action(action: Action) -> dict[str, Any]:
    return {
        "number": action.number,
        "title": action.title,
        "heading": action.heading,
        "short_title": action.short_title,
        "principle": action.principle,
        "url": action_url(action.number),
    }


def _organisation(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "display_lines": list(organisation.display_lines),
        "abbreviation": organisation.abbreviation,
        "logo": organisation.logo_class,
        "strategy_url": organisation.strategy_url,
        "strategy_note": organisation.strategy_note,
        "url": organisation_url(organisation.id),
    }


def _response(response: Response, root: Path | None) -> dict[str, Any]:
    return {
        "action": response.action,
        "organisation": response.organisation,
        "status": response.status.value,
        "text": response.text,
        "links": list(response.links),
        "url": response_url(response.action, response.organisation),
        "last_changed": response.last_changed,
        "history": [_change(c) for c in response.history],
        "source": _source(response.source, root),
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "date": change.date,
        "commit": change.commit,
        "status_before": change.status_before.value if change.status_before else None,
        "status_after": change.status_after.value if change.status_after else None,
        "summary": change.summary,
    }


def _source(source: SourceRef | None, root: Path | None) -> str | None:
    if source is None:
        return None
    path = Path(source.path)
    if root is not None and path.is_relative_to(root):
        path = path.relative_to(root)
    return f"{path.as_posix()}:{source.line}"
