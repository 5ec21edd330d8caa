"""``govpress commitments``: actions, organisations and their responses as data (issue 4)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from govpress.cli.output import user_errors
from govpress.commitments.native.kinds import SCHEMA_KINDS

_PROJECT = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group()
def commitments() -> None:
    """Actions, organisations and their responses as data."""


@commitments.command("import-legacy")
@click.argument("project", type=_PROJECT)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder to write data/actions.yaml, data/organisations.yaml and data/responses/*.yaml into.",
)
def import_legacy(project: Path, output: Path) -> None:
    """Write a legacy PROJECT's department responses as native data files."""
    from govpress.commitments.legacy.load import load_legacy  # each command imports its work: a fast start-up
    from govpress.commitments.native.write import write_native

    with user_errors():
        written = write_native(load_legacy(project), output)
    for path in written:
        click.echo(str(path))


@commitments.command("export")
@click.argument("project", type=_PROJECT)
@click.option("--format", "data_format", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--no-history", is_flag=True, help="Leave out the change history from git (faster).")
@click.option(
    "--data-dir",
    "data_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="An overlay data folder searched for reports.yaml before PROJECT/data (repeatable).",
)
def export(project: Path, data_format: str, no_history: bool, data_dirs: tuple[Path, ...]) -> None:
    """Print PROJECT's actions, organisations and responses as JSON or CSV (JSON adds reports and exemplars)."""
    from govpress.commitments.export import export_csv, export_json
    from govpress.commitments.project import load_commitments
    from govpress.commitments.reports.load import load_reports

    with user_errors():
        model = load_commitments(project, history=not no_history)
        reports = load_reports(project, data_dirs, organisations=[o.id for o in model.organisations])
    text = export_json(model, project, reports) if data_format == "json" else export_csv(model, project)
    click.echo(text, nl=False)


@commitments.command("check")
@click.argument("project", type=_PROJECT)
def check(project: Path) -> None:
    """Read PROJECT's commitments and report every problem with its file and line."""
    from govpress.commitments.project import load_commitments

    with user_errors():
        model = load_commitments(project, history=False)
    click.echo(
        f"{len(model.actions)} actions, {len(model.organisations)} organisations, {len(model.responses)} responses",
        err=True,
    )


@commitments.command("schema")
@click.argument("kind", type=click.Choice(sorted(SCHEMA_KINDS)))
def schema(kind: str) -> None:
    """Print the JSON Schema of one kind of data file (data/KIND.yaml; responses: data/responses/*.yaml)."""
    from govpress.commitments.native.jsonschema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
