"""The ``govpress commitments`` commands: import-legacy, export (JSON and CSV), check; bad input without tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from govpress.cli import cli

FIXTURE = Path(__file__).parent.parent / "fixtures" / "commitments" / "native"


def test_export_json_shape() -> None:
    result = CliRunner().invoke(cli, ["commitments", "export", str(FIXTURE), "--no-history"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actions"][0] | {"number": 1, "title": "Departments will publish their plans"} == data["actions"][0]
    home = data["organisations"][0]
    assert (home["id"], home["name"], home["url"]) == (
        "home-office",
        "Home Office",
        "/digital/strategy/organisations/home-office/",
    )
    response = data["responses"][0]
    assert (response["action"], response["organisation"], response["status"]) == (1, "home-office", "responded")
    assert response["links"] == ["http://example.org/home-office/strategy"]
    assert response["source"] == "data/responses/01.yaml:3"


def test_export_csv_one_row_per_response() -> None:
    result = CliRunner().invoke(cli, ["commitments", "export", str(FIXTURE), "--format", "csv", "--no-history"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["action"], r["organisation"], r["status"]) for r in rows] == [
        ("1", "home-office", "responded"),
        ("1", "ministry-of-examples", "awaiting"),
        ("2", "ministry-of-examples", "awaiting"),
    ]
    assert rows[2]["text"] == "We are still deciding which services.\n\nMore in the spring."


def test_import_legacy_then_export(corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["commitments", "import-legacy", str(corpus_dir), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "responses" / "04.yaml").is_file()
    exported = runner.invoke(cli, ["commitments", "export", str(tmp_path), "--no-history"])
    data = json.loads(exported.stdout)
    assert (len(data["actions"]), len(data["organisations"]), len(data["responses"])) == (14, 18, 235)


def test_bad_data_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "data" / "responses").mkdir(parents=True)
    (tmp_path / "data" / "actions.yaml").write_text("actions:\n- number: 1\n  titel: x\n", encoding="utf-8")
    (tmp_path / "data" / "organisations.yaml").write_text("organisations: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["commitments", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{tmp_path / 'data' / 'actions.yaml'}:3: error: unknown key 'titel'" in result.stderr
    assert f"{tmp_path / 'data' / 'actions.yaml'}:2: error: missing actions.0.title" in result.stderr


def test_no_commitments_here(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["commitments", "export", str(tmp_path)])
    assert result.exit_code == 1
    assert "no commitments here" in result.stderr


def test_schema_of_each_data_file() -> None:
    for kind, required in (("actions", "actions"), ("organisations", "organisations"), ("responses", "responses")):
        result = CliRunner().invoke(cli, ["commitments", "schema", kind])
        assert result.exit_code == 0, result.output
        schema = json.loads(result.stdout)
        assert required in schema["required"]
        assert schema["additionalProperties"] is False
    reports = json.loads(CliRunner().invoke(cli, ["commitments", "schema", "reports"]).stdout)
    assert "reports" in reports["required"]


def test_import_legacy_needs_partials(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["commitments", "import-legacy", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no department-response partials" in result.stderr
    assert not (tmp_path / "out").exists()


def test_export_with_reports_from_an_overlay(corpus_dir: Path) -> None:
    overlay = Path(__file__).parent.parent / "fixtures" / "commitments" / "legacy-overlay"
    args = ["commitments", "export", str(corpus_dir), "--no-history", "--data-dir", str(overlay)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["reports"]] == ["october-13", "july-13", "april-13"]
    april = data["reports"][2]
    assert april["exemplars_total"] == 23
    assert {"phases": ["alpha", "beta"], "count": 9, "note": None} in april["phase_counts"]
    assert data["reports"][0]["services"][0] == {"exemplar": "lasting-power-of-attorney", "phase": "beta"}
    assert data["exemplars"][0]["organisation"] == "ministry-of-justice"


def test_every_kind_the_command_offers_has_a_schema() -> None:
    from govpress.commitments.native.jsonschema import SCHEMAS
    from govpress.commitments.native.kinds import SCHEMA_KINDS

    assert sorted(SCHEMAS) == sorted(SCHEMA_KINDS)
