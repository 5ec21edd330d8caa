"""``govpress services``: import, summarise, export and publish service performance data (issue 5)."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from govpress.cli.output import error_console, finish, plain, say, user_errors
from govpress.cli.savings_options import DecimalType, assumptions_from

# The services code (stores, importers, the explorer: about 0.3 s of imports) is imported by the commands that use
# it, so `govpress --help` and the other commands do not pay for it.
if TYPE_CHECKING:
    from govpress.services.savings_report import SavingsReport
    from govpress.services.summary import Summary

_DB = click.option(
    "--db",
    "db",
    required=True,
    help="SQLite file, a postgresql:// URL or a libpq string (host=… dbname=…); a password in it is never shown.",
)
_CREATE = click.option("--create", is_flag=True, help="Make an empty store when there is none (default: an error).")
# The importable formats (govpress.services.importing.FORMATS; a test checks they are the same) and the exports.
IMPORT_FORMATS = ("te-export", "public-download", "native-csv", "native-json")
EXPORT_FORMATS = ("native-csv", "native-json", "public-download")


@click.group()
def services() -> None:
    """Service performance: import, validate, store and publish management information."""


@services.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_DB
@click.option("--format", "format_name", type=click.Choice(IMPORT_FORMATS), help="Default: detected.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def import_command(files: tuple[Path, ...], db: str, format_name: str | None, strict: bool) -> None:
    """Import FILES into the store (each file all or nothing; re-importing changes nothing)."""
    from govpress.services.importing import import_file
    from govpress.services.store import open_store

    problems = []
    console = error_console()
    with user_errors():
        store = open_store(db)
        for path in files:
            with console.status(plain(f"importing {path}", console.encoding)):
                result = import_file(store, path, format_name, strict=strict)
            problems.extend(result.problems)
            say(
                f"{path}: {result.format.name}: {result.counts.services} services, "
                f"{result.counts.observations} observations ({len(result.problems)} warnings)",
                console,
            )
            for note in result.notes:
                say(f"{path}: note: {note}", console)
        store.close()
    finish(problems, strict)


@services.command("summary")
@_DB
@_CREATE
@click.option("--format", "output", type=click.Choice(["json", "table"]), default="table", show_default=True)
def summary_command(db: str, create: bool, output: str) -> None:
    """Print headline figures and department aggregates."""
    from govpress.services.explorer import build_explorer
    from govpress.services.store import open_store
    from govpress.services.summary import summary

    with user_errors():
        store = open_store(db, create=create)
        try:
            result = summary(build_explorer(store.contents()))
        finally:
            store.close()
    if output == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_table(result)


def _print_table(result: Summary) -> None:
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160, markup=False, emoji=False)
    say(
        f"{result['services']} services, {result['departments']} departments, "
        f"{result['high_volume_services']} high-volume; "
        f"transactions per year: {_text(result['transactions_per_year'])} "
        f"(latest period {result['latest_period'] or 'none'})",
        console,
    )
    table = Table(
        "Abbr", "Department", "Services", "Transactions per year", "Digital take-up", "Total cost", "Coverage"
    )
    for row in result["departments_detail"]:
        table.add_row(
            plain(row["abbr"], console.encoding),
            plain(row["name"], console.encoding),
            str(row["services"]),
            _text(row["transactions_per_year"]),
            _percent(row["digital_takeup"]),
            "" if row["total_cost"] is None else f"£{row['total_cost']:,.0f}",
            _percent(row["data_coverage"]),
        )
    console.print(table)


def _text(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


@services.command("savings")
@_DB
@click.option("--target", type=DecimalType(), help="Target digital take-up, 0 to 1 (default 0.82).")
@click.option("--threshold", type=DecimalType(), help="Volume threshold, transactions a year (default 10000).")
@click.option("--assumed-takeup", type=DecimalType(), help="Take-up when no digital volume is given (default 0.461).")
@click.option("--phone-share", type=DecimalType(), help="Share of offline transactions by phone (default 0.8).")
@click.option("--ratios", help="Relative channel costs (default digital=0.02,phone=0.33,face_to_face=1).")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    help="Read [savings] from this project's govpress.toml (default: the current folder); options override it.",
)
@click.option("--format", "output", type=click.Choice(["json", "table"]), default="table", show_default=True)
def savings_command(
    db: str,
    target: Decimal | None,
    threshold: Decimal | None,
    assumed_takeup: Decimal | None,
    phone_share: Decimal | None,
    ratios: str | None,
    project: Path,
    output: str,
) -> None:
    """Estimate channel-shift savings (issue 13's model, docs/savings.md): per service, department, government."""
    from govpress.services.explorer import build_explorer
    from govpress.services.savings_report import savings_report
    from govpress.services.store import open_store
    from govpress.site.settings.config import load_config

    options = {"target": target, "threshold": threshold, "assumed_takeup": assumed_takeup, "phone_share": phone_share}
    with user_errors():
        settings = load_config(project).savings.assumptions()
    assumptions = assumptions_from(options, ratios, settings)
    with user_errors():
        store = open_store(db, create=False)
        try:
            report = savings_report(build_explorer(store.contents()), assumptions)
        finally:
            store.close()
    if output == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_savings(report)


def _print_savings(report: SavingsReport) -> None:
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160, markup=False, emoji=False)
    say(f"savings: £{report['total']:,.0f} a year from {report['services_counted']} services", console)
    table = Table("Abbr", "Department", "Savings a year")
    for row in report["departments"]:
        name = plain(row["name"], console.encoding)
        table.add_row(plain(row["abbr"], console.encoding), name, _pounds(row["savings"]))
    console.print(table)
    grid = report["grid"]
    figure = Table("Target take-up", *(f"≥ {h:,}" for h in grid["thresholds"]), title="Savings by volume threshold")
    for takeup, values in zip(grid["takeup"], grid["values"], strict=True):
        figure.add_row(f"{takeup:.0%}", *(_pounds(v) for v in values))
    console.print(figure)
    if report["realised"]:
        realised = Table("Period", "Realised savings", "Services", title="Realised since each service's baseline")
        for point in report["realised"]:
            realised.add_row(point["period"], _pounds(point["savings"]), str(point["services"]))
        console.print(realised)


def _pounds(value: float) -> str:
    return f"£{value:,.0f}"


@services.command("export")
@_DB
@click.option(
    "--format", "format_name", type=click.Choice(sorted(EXPORT_FORMATS)), default="native-csv", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: standard output.")
def export_command(db: str, format_name: str, output: Path | None) -> None:
    """Write the store's contents in one of the importable formats."""
    from govpress.services.exporting import native_csv, native_json, public_download_csv
    from govpress.services.store import open_store

    exports = {"native-csv": native_csv, "native-json": native_json, "public-download": public_download_csv}
    with user_errors():
        store = open_store(db, create=False)
        try:
            text = exports[format_name](store.contents())
        finally:
            store.close()
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)


@services.command("build")
@click.argument("source")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (when SOURCE is a data file).")
@_CREATE
def build_command(source: str, output: Path, strict: bool, create: bool) -> None:
    """Build the explorer pages from SOURCE (a store, or a data file) into OUTPUT."""
    from govpress.services.pages import build_service_pages

    with user_errors(), Progress(console=error_console(), transient=True) as progress:
        task = progress.add_task("service pages", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = build_service_pages(source, output, progress=advance, create=create)
    say(f"{len(result.pages)} pages written to {output}")
    finish(result.problems, strict)
