"""The data API as an ASGI application (Starlette): Backdrop's routes, without Backdrop's security flaws.

Routes (docs/api.md has a curl example of each):

- ``GET /_status``, ``GET /_status/data-sets`` (data sets whose newest record is older than their ``max_age``);
- ``POST /data/<group>/<type>`` one object or a list; ``PUT`` with ``[]`` empties the data set;
  ``PATCH`` and ``DELETE /data/<group>/<type>/<id>``: all with ``Authorization: Bearer <token>``;
- ``GET /data/<group>/<type>?…`` the query parameters of :mod:`govpress.api.query`.

The application is stateless apart from its database connection (one per worker process, opened at start-up), so
any number of workers, on any number of machines, can share one PostgreSQL database. Tokens never reach a response
or a log line: the access log names the token's id only.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from govpress.api.answers import Answer, Answers
from govpress.api.body import BodyError, parse_json, read_body
from govpress.api.data_types import SUMMARIES
from govpress.api.query import Query, QueryError, numeric_fields, parse_query, run_query
from govpress.api.records import CheckedRecord, check_record, check_records
from govpress.api.store import ApiStore, DataSet
from govpress.api.summaries import observation_key, service_records, stored_details
from govpress.api.validation import schema_messages
from govpress.problems import GovpressError
from govpress.services.importers import Record
from govpress.services.store.connection import PostgresConnection, connect

access_log = logging.getLogger("govpress.api.access")
UNPUBLISHED = "Warning: This data-set is unpublished. Data may be subject to change or be inaccurate."
Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class ApiState:
    store: ApiStore
    postgres: bool
    on_write: Callable[[DataSet], None] | None
    answers: Answers = field(default_factory=Answers)


def create_app(
    db: str, on_write: Callable[[DataSet], None] | None = None, on_stop: Callable[[], None] | None = None
) -> Starlette:
    """The API over the store at ``db`` (a SQLite path or a PostgreSQL URL). ``on_write`` hears of each write
    (after it is stored); ``on_stop`` runs when the server shuts down."""
    state: dict[str, ApiState] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        connection = connect(db)
        store = ApiStore(connection)
        store.migrate()
        state["api"] = ApiState(store, isinstance(connection, PostgresConnection), on_write)
        try:
            yield
        finally:
            connection.close()
            if on_stop is not None:
                on_stop()

    def bound(handler: Callable[[Request, ApiState], Awaitable[Response]]) -> Handler:
        async def endpoint(request: Request) -> Response:
            started = time.perf_counter()
            request.state.token_id = None
            try:
                response = await handler(request, state["api"])
            except _UnauthorisedError as error:
                response = _unauthorised(str(error))
            except BodyError as error:
                response = _error(error.status, str(error))
            except GovpressError as error:  # the store cannot be reached, or stays locked
                logging.getLogger(__name__).error("%s %s: %s", request.method, request.url.path, error)
                response = _error(503, "the store is unavailable; try again later")
            _log_access(request, response, started)
            return response

        return endpoint

    routes = [
        Route("/_status", bound(_status), methods=["GET"]),
        Route("/_status/data-sets", bound(_freshness), methods=["GET"]),
        Route("/data/{group}/{type}", bound(_read), methods=["GET"]),
        Route("/data/{group}/{type}", bound(_write), methods=["POST"]),
        Route("/data/{group}/{type}", bound(_empty), methods=["PUT"]),
        Route("/data/{group}/{type}/{id}", bound(_patch), methods=["PATCH"]),
        Route("/data/{group}/{type}/{id}", bound(_delete), methods=["DELETE"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


async def _status(request: Request, api: ApiState) -> Response:
    api.store.data_sets()  # the database answers
    return JSONResponse({"status": "ok"})


async def _freshness(request: Request, api: ApiState) -> Response:
    newest = api.store.newest()
    now = datetime.now(UTC)
    stale = []
    for data_set in api.store.data_sets():
        if data_set.max_age is None:
            continue
        last = newest.get(data_set.name)
        age = (now - datetime.fromisoformat(last.replace("Z", "+00:00"))).total_seconds() if last else None
        if age is None or age > data_set.max_age:
            stale.append(
                {
                    "name": data_set.name,
                    "last-updated": last,
                    "max-age-expected": data_set.max_age,
                    "seconds-out-of-date": None if age is None else int(age - data_set.max_age),
                }
            )
    status = "ok" if not stale else "out of date"
    message = f"{len(stale)} data-sets are out of date" if stale else "all data-sets are up to date"
    return JSONResponse({"status": status, "message": message, "data-sets": stale})


def _data_set(request: Request, api: ApiState) -> DataSet:
    found = api.store.data_set(request.path_params["group"], request.path_params["type"])
    if found is None:
        raise BodyError(404, "there is no such data set")
    return found


def _authorised(request: Request, api: ApiState, data_set: DataSet) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _UnauthorisedError("Expected header of form: Authorization: Bearer <token>")
    token_id = api.store.token_for(token.strip(), data_set)
    if token_id is None:
        raise _UnauthorisedError(f"Unauthorized: invalid bearer token for data set {data_set.name}")
    request.state.token_id = token_id
    return token_id


class _UnauthorisedError(BodyError):
    def __init__(self, message: str) -> None:
        super().__init__(401, message)


async def _json_body(request: Request) -> Any:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BodyError(400, "Expected header: Content-type: application/json")
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise BodyError(415, "Content-Encoding must be gzip or none")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > 10 * 1024 * 1024:
        raise BodyError(413, "the request body is larger than 10 MiB")
    return parse_json(await read_body(request.stream(), encoding == "gzip"))


async def _write(request: Request, api: ApiState) -> Response:
    data_set = _data_set(request, api)
    token_id = _authorised(request, api, data_set)
    body = await _json_body(request)
    records, messages = check_records(body, data_set.auto_ids)
    if not messages and data_set.schema is not None:
        messages = schema_messages(data_set.schema, [r.fields for r in records], isinstance(body, list))
    return _stored(request, api, data_set, records, token_id, messages, "write")


async def _empty(request: Request, api: ApiState) -> Response:
    data_set = _data_set(request, api)
    token_id = _authorised(request, api, data_set)
    if await _json_body(request) != []:
        return _error(400, "Not implemented: you can only pass an empty JSON list")
    api.store.empty(data_set, token_id, _observations(data_set, api.store.records(data_set)))
    _written(api, data_set)
    return JSONResponse({"status": "ok"})


async def _patch(request: Request, api: ApiState) -> Response:
    data_set = _data_set(request, api)
    token_id = _authorised(request, api, data_set)
    changes = await _json_body(request)
    if not isinstance(changes, dict):
        return _error(400, "a patch is one JSON object of the fields to change")
    record_id = request.path_params["id"]
    current = api.store.record(data_set, record_id)
    if current is None:
        return _error(404, "No record found with that id")
    record, messages = check_record({**current, **changes, "_id": record_id}, ())
    if not messages and record is not None and data_set.schema is not None:
        messages = schema_messages(data_set.schema, [record.fields], False)
    records = [record] if record is not None else []
    return _stored(request, api, data_set, records, token_id, messages, "patch", _observations(data_set, [current]))


async def _delete(request: Request, api: ApiState) -> Response:
    data_set = _data_set(request, api)
    token_id = _authorised(request, api, data_set)
    record_id = request.path_params["id"]
    current = api.store.record(data_set, record_id)
    if current is None or not api.store.delete(data_set, record_id, token_id, _observations(data_set, [current])):
        return _error(404, "No record found with that id")
    _written(api, data_set)
    return JSONResponse({"status": "ok"})


def _stored(
    request: Request,
    api: ApiState,
    data_set: DataSet,
    records: list[CheckedRecord],
    token_id: str,
    messages: list[str],
    action: str,
    replaced: list[tuple[str, str, str]] | None = None,
) -> Response:
    """Store checked records (all or nothing); a ``summaries`` data set's records also become service figures."""
    made: list[Record] = []
    if not messages and data_set.type == SUMMARIES.name:
        made, messages = service_records(
            records, lambda slug: stored_details(api.store.services.service(slug)), f"{request.method} {data_set.name}"
        )
    if messages:
        return JSONResponse({"status": "error", "messages": messages}, status_code=400)
    try:
        api.store.write(data_set, records, token_id, action, made, replaced or [])
    except GovpressError as error:  # what only the store can see (a service's slug taken by another service)
        messages = [problem.message for problem in error.problems]
        return JSONResponse({"status": "error", "messages": messages}, status_code=400)
    _written(api, data_set)
    return JSONResponse({"status": "ok"})


def _observations(data_set: DataSet, records: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """The service observations that records of a ``summaries`` data set wrote (none for other data sets)."""
    if data_set.type != SUMMARIES.name:
        return []
    return [key for record in records if (key := observation_key(record)) is not None]


async def _read(request: Request, api: ApiState) -> Response:
    data_set = _data_set(request, api)
    try:
        query = parse_query(request.query_params.multi_items(), data_set.raw_queries)
        version = api.store.version(data_set)
        answer = api.answers.get(data_set.name, query, version)
        if answer is None:
            numeric = numeric_fields(data_set.schema)
            data = run_query(api.store.connection, api.postgres, data_set.name, query, numeric)
            answer = api.answers.put(data_set.name, query, version, _answer(data_set, query, data))
    except QueryError as error:
        return _error(400, str(error))
    headers = {
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": "max-age=1800, public" if data_set.published else "no-cache",
        "ETag": answer.etag,
    }
    if query.csv:
        headers["Content-Disposition"] = 'attachment; filename="export.csv"'
    if request.headers.get("if-none-match") == answer.etag:
        return Response(status_code=304, headers=headers)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _answer(data_set: DataSet, query: Query, data: list[dict[str, Any]]) -> Answer:
    if query.csv:
        body = _csv(data).encode("utf-8")
        media = "text/csv; charset=utf-8"
    else:
        document: dict[str, Any] = {"data": data}
        if not data_set.published:
            document["warning"] = UNPUBLISHED
        body = json.dumps(document, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")
        media = "application/json"
    return Answer(body, media, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


def _csv(data: list[dict[str, Any]]) -> str:
    from govpress.safe_output.csv_cells import safe_cell

    columns = sorted({key for item in data for key in item if not isinstance(item[key], list | dict)})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for item in data:
        writer.writerow([safe_cell("" if item.get(c) is None else str(item.get(c))) for c in columns])
    return out.getvalue()


def _written(api: ApiState, data_set: DataSet) -> None:
    if api.on_write is not None:
        try:
            api.on_write(data_set)
        except Exception:  # a rebuild must never fail or delay a write
            logging.getLogger(__name__).exception("after a write to %s", data_set.name)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": "error", "message": message}, status_code=status)


def _unauthorised(message: str) -> JSONResponse:
    response = _error(401, message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="govpress"'
    return response


def _log_access(request: Request, response: Response, started: float) -> None:
    access_log.info(
        json.dumps(
            {
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "token_id": getattr(request.state, "token_id", None),
            },
            sort_keys=True,
        )
    )
