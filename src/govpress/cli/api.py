"""``govpress api``: the data API server, its data sets and their tokens (issue 9)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from govpress.cli.output import fail, user_errors
from govpress.problems import GovpressError, Problem

_DB = click.option("--db", "db", required=True, help="SQLite file, or a postgresql:// URL (the services store).")
TOKEN_ENVIRONMENT = "GOVPRESS_API_TOKEN"

if TYPE_CHECKING:
    from govpress.api.store import ApiStore


@click.group()
def api() -> None:
    """The data API: departments post their figures with their own tokens; anyone can query them."""


@api.command("serve")
@_DB
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--site",
    "site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A project whose site is rebuilt (in the background, within seconds) after each write.",
)
def serve_command(db: str, host: str, port: int, workers: int, site: Path | None) -> None:
    """Serve the data API over the store DB with uvicorn (stateless: any number of workers share one database)."""
    from govpress.extras import API, missing

    for module in ("starlette", "uvicorn"):
        message = missing(module, API, "govpress api serve")
        if message is not None:
            fail(message)
    with user_errors():
        _existing(db)
    import uvicorn

    from govpress.api.server import DB_ENVIRONMENT, SITE_ENVIRONMENT

    os.environ[DB_ENVIRONMENT] = db
    if site is not None:
        os.environ[SITE_ENVIRONMENT] = str(site.resolve())
    uvicorn.run(
        "govpress.api.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=_log_config(),
        timeout_graceful_shutdown=10,
        proxy_headers=False,
    )


@api.group("datasets")
def datasets() -> None:
    """Create, list and delete data sets."""


@datasets.command("create")
@click.argument("group")
@click.argument("type_", metavar="TYPE")
@_DB
@click.option("--schema", "schema_file", type=click.Path(dir_okay=False, path_type=Path), help="JSON Schema file.")
@click.option("--auto-id", "auto_ids", default="", help="Fields whose values make each record's _id (comma list).")
@click.option("--max-age", type=click.IntRange(1), help="Seconds after which the data set counts as out of date.")
@click.option("--unpublished", is_flag=True, help="Reads carry a warning and are not cached.")
@click.option("--no-raw-queries", is_flag=True, help="Reads must group (group_by or period).")
@click.option(
    "--index", default="", help="Fields that queries filter on, indexed (comma list; the --auto-id fields too)."
)
def datasets_create(
    group: str,
    type_: str,
    db: str,
    schema_file: Path | None,
    auto_ids: str,
    max_age: int | None,
    unpublished: bool,
    no_raw_queries: bool,
    index: str,
) -> None:
    """Create the data set GROUP/TYPE (a new SQLite store is made when DB does not exist).

    A built-in TYPE (summaries, transactions-by-channel, customer-satisfaction, completion) brings its own JSON
    Schema and _id fields unless --schema or --auto-id is given; a summaries data set's records also become the
    service figures that the explorer and dashboards publish.
    """
    from govpress.api.data_types import with_built_in
    from govpress.api.records import KEY
    from govpress.api.store import DataSet

    with user_errors():
        given = _field_list(auto_ids, "--auto-id", KEY.fullmatch)
        to_index = _field_list(index, "--index", lambda name: KEY.fullmatch(name) and not name.startswith("_"))
        schema, fields, indexed = with_built_in(type_, _schema(schema_file) if schema_file else None, given, to_index)
        store = _store(db, create=True)
        store.create_data_set(
            DataSet(group, type_, schema, fields, max_age, not unpublished, not no_raw_queries, indexed)
        )
        store.connection.close()
    click.echo(f"created data set {group}/{type_}")


@datasets.command("list")
@_DB
def datasets_list(db: str) -> None:
    """List the data sets."""
    with user_errors():
        store = _store(db)
        found = store.data_sets()
        store.connection.close()
    table = Table("data set", "auto ids", "indexed", "max age (s)", "published", "raw queries", "schema")
    for item in found:
        table.add_row(
            item.name,
            ",".join(item.auto_ids),
            ",".join(item.indexed),
            str(item.max_age or ""),
            "yes" if item.published else "no",
            "yes" if item.raw_queries else "no",
            "yes" if item.schema else "no",
        )
    Console(highlight=False).print(table)


@datasets.command("delete")
@click.argument("group")
@click.argument("type_", metavar="TYPE")
@_DB
def datasets_delete(group: str, type_: str, db: str) -> None:
    """Delete the data set GROUP/TYPE with its records and tokens."""
    with user_errors():
        store = _store(db)
        found = store.delete_data_set(group, type_)
        store.connection.close()
        if not found:
            raise GovpressError(Problem.error(f"there is no data set {group}/{type_}"))
    click.echo(f"deleted data set {group}/{type_}")


@api.group("tokens")
def tokens() -> None:
    """Create, list and revoke the tokens that write to a data set."""


@tokens.command("create")
@click.argument("group")
@click.argument("type_", metavar="TYPE")
@_DB
@click.option("--note", default="", help="Who holds the token, for the list.")
def tokens_create(group: str, type_: str, db: str, note: str) -> None:
    """Make a token that writes to GROUP/TYPE and to no other data set. It is shown once, as the last line."""
    with user_errors():
        store = _store(db)
        data_set = store.data_set(group, type_)
        if data_set is None:
            raise GovpressError(Problem.error(f"there is no data set {group}/{type_}"))
        token_id, token = store.create_token(data_set, note)
        store.connection.close()
    click.echo(f"token {token_id} for {group}/{type_}: keep it secret; it is not shown again")
    click.echo(token)


@tokens.command("list")
@_DB
def tokens_list(db: str) -> None:
    """List the tokens (never the tokens themselves: their ids, data sets, notes and use)."""
    with user_errors():
        store = _store(db)
        found = store.tokens()
        store.connection.close()
    table = Table("id", "data set", "note", "created", "last used", "revoked")
    for item in found:
        table.add_row(
            item.id, item.data_set, item.note, item.created_at, item.last_used_at or "", "yes" if item.revoked else ""
        )
    Console(highlight=False).print(table)


@tokens.command("revoke")
@click.argument("token_id", metavar="ID")
@_DB
def tokens_revoke(token_id: str, db: str) -> None:
    """Revoke the token ID: it writes nothing from now on."""
    with user_errors():
        store = _store(db)
        found = store.revoke_token(token_id)
        store.connection.close()
        if not found:
            raise GovpressError(Problem.error(f"there is no live token {token_id!r}"))
    click.echo(f"revoked token {token_id}")


@api.command("push")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "url", required=True, help="The summaries data set: http(s)://HOST/data/GROUP/TYPE.")
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file holding the token (default: the GOVPRESS_API_TOKEN environment variable).",
)
@click.option("--format", "format_name", help="The file's format (default: detected, as services import).")
@click.option("--chunk-size", default=1000, show_default=True, type=click.IntRange(1, 10_000))
def push_command(file: Path, url: str, token_file: Path | None, format_name: str | None, chunk_size: int) -> None:
    """Post the figures of FILE (any format services import reads) to a summaries data set of a data API."""
    from govpress.api.push import push, summaries_records
    from govpress.textfile import read_text_file

    with user_errors():
        if token_file is not None:
            token = read_text_file(token_file, what="token file", max_bytes=4096).strip()
        else:
            token = os.environ.get(TOKEN_ENVIRONMENT, "").strip()
        if not token:
            raise GovpressError(Problem.error(f"no token: give --token-file or set {TOKEN_ENVIRONMENT}"))
        records = summaries_records(file, format_name)
        result = push(records, url, token, chunk_size, file)
    click.echo(f"{file}: {result.records} records posted in {result.requests} requests")


def _field_list(text: str, option: str, valid: Callable[[str], object]) -> tuple[str, ...]:
    fields = tuple(name.strip() for name in text.split(",") if name.strip())
    for name in fields:
        if not valid(name):
            raise GovpressError(Problem.error(f"{option}: {name!r} is not a valid field name"))
    return fields


def _existing(db: str) -> None:
    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).is_file():
        raise GovpressError(
            Problem.error(f"there is no store at {db}: make one with `govpress api datasets create … --db {db}`")
        )


def _store(db: str, create: bool = False) -> ApiStore:
    from govpress.api.store import ApiStore
    from govpress.services.store.connection import connect

    if not create:
        _existing(db)
    store = ApiStore(connect(db))
    store.migrate()
    return store


def _schema(path: Path) -> dict[str, Any]:
    from govpress.api.validation import schema_problem
    from govpress.textfile import read_text_file

    text = read_text_file(path, what="schema file", max_bytes=1024 * 1024)
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise GovpressError(Problem.error(f"not JSON: {error.msg}", path, error.lineno, error.colno)) from None
    problem = schema_problem(schema)
    if problem or not isinstance(schema, dict):
        raise GovpressError(Problem.error(problem or "a JSON Schema is a JSON object", path))
    return schema


def _log_config() -> dict[str, object]:
    """uvicorn's logging, plus the API's own access log (one JSON line a request, no secrets) and govpress's
    messages (rebuilds) on standard error."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, object] = json.loads(json.dumps(LOGGING_CONFIG))
    loggers = config["loggers"]
    assert isinstance(loggers, dict)
    loggers["govpress.api.access"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    loggers["govpress"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
