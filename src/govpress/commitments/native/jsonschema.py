"""JSON Schemas of the data files, made from the pydantic models that check them (so they never drift apart).

Editors that read JSON Schema (for YAML through a ``# yaml-language-server: $schema=…`` comment) can then complete
and check the files as they are written.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from govpress.commitments.native.schema import ActionsFile, OrganisationsFile, ResponsesFile
from govpress.commitments.reports.schema import ReportsFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "actions": ActionsFile,
    "organisations": OrganisationsFile,
    "responses": ResponsesFile,
    "reports": ReportsFile,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file (``actions``, ``organisations``, ``responses``, ``reports``)."""
    schema = SCHEMAS[name].model_json_schema()
    return (
        {"$schema": "https://json-schema.org/draft/2020-12/schema"} | schema | {"title": f"govpress {name} data file"}
    )
