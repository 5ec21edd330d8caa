"""The JSON Schema of the native format describes exactly the columns the importer reads."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from govpress.services.importers.native_json import JSON_FORMAT_ID
from govpress.services.importers.native_rows import COLUMNS, FIGURE_COLUMNS


def _schema() -> dict[str, Any]:
    text = (resources.files("govpress") / "services" / "native.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_schema_columns_match_the_importer() -> None:
    schema = _schema()
    assert schema["properties"]["format"]["const"] == JSON_FORMAT_ID
    row = schema["properties"]["rows"]["items"]
    assert set(row["properties"]) == set(COLUMNS)
    assert set(row["required"]) <= set(COLUMNS)
    assert row["additionalProperties"] is False


def test_schema_figures_have_three_states() -> None:
    row = _schema()["properties"]["rows"]["items"]["properties"]
    for name in FIGURE_COLUMNS:
        kinds = row[name]["oneOf"]
        assert {"type": "null"} in kinds and {"const": "***"} in kinds
        number = {"type": "number", "exclusiveMinimum": -(10**15), "exclusiveMaximum": 10**15}
        assert number in kinds  # the bounds of govpress.services.cells (negatives are read, and reported)
