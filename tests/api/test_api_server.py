"""The data API against a real server: `govpress api serve` (uvicorn) on 127.0.0.1, over SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govpress.api.store import ApiStore
from govpress.services.store.connection import connect
from support.api_server import Server, govpress, make_data_set, quick_data_set, start_server


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def running(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One API server per module and store kind."""
    folder = tmp_path_factory.mktemp("api")
    db = str(folder / "store.db") if request.param == "sqlite" else request.getfixturevalue("postgres_database")
    make_data_set(db, "setup", "check")
    started = start_server(db, folder / "server.log")
    try:
        yield started
    finally:
        started.process.terminate()
        started.process.wait(timeout=15)


@pytest.fixture
def server(running: Server) -> Server:
    """The module's server with three fresh data sets of a group of this test's own (as ``group``)."""
    group = "t" + uuid.uuid4().hex[:10]
    running.group = group
    running.tokens = {
        "records": quick_data_set(running.db, group, "records", ("service_id", "period")),
        "channels": quick_data_set(running.db, group, "transactions-by-channel", max_age=60),
        "locked": quick_data_set(running.db, group, "data", raw=False),
    }
    return running


RECORDS = [
    {"_timestamp": "2014-01-06T00:00:00Z", "channel": "digital", "count": 10},
    {"_timestamp": "2014-01-07T00:00:00Z", "channel": "paper", "count": 4},
    {"_timestamp": "2014-01-14T12:00:00+01:00", "channel": "digital", "count": 6},
]


def test_token_is_a_256_bit_secret_printed_once_as_the_last_line(server: Server) -> None:
    token = make_data_set(server.db, server.group, "printed")
    assert token.startswith("gp_") and len(token.split("_", 2)[2]) == 43
    listed = govpress("api", "tokens", "list", "--db", server.db)
    assert listed.returncode == 0 and token not in listed.stdout and token.split("_", 2)[2][:10] not in listed.stdout


def test_write_then_read_raw_grouped_and_by_period(server: Server) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    assert server.json("POST", path, RECORDS, server.tokens["channels"]) == (200, {"status": "ok"})
    status, raw = server.json("GET", path)
    assert status == 200 and [r["count"] for r in raw["data"]] == [10, 4, 6]
    assert raw["data"][2]["_timestamp"] == "2014-01-14T11:00:00Z"
    status, grouped = server.json("GET", path + "?group_by=channel&collect=count:sum")
    assert grouped["data"] == [
        {"channel": "digital", "_count": 2, "count:sum": 16.0},
        {"channel": "paper", "_count": 1, "count:sum": 4.0},
    ]
    query = "?period=week&start_at=2014-01-06T00:00:00Z&end_at=2014-01-27T00:00:00Z&collect=count:sum"
    status, weeks = server.json("GET", path + query)
    assert [(w["_start_at"], w["_count"], w["count:sum"]) for w in weeks["data"]] == [
        ("2014-01-06T00:00:00Z", 2, 14.0),
        ("2014-01-13T00:00:00Z", 1, 6.0),
        ("2014-01-20T00:00:00Z", 0, None),
    ]
    status, nested = server.json("GET", path + query + "&group_by=channel")
    assert [(g["channel"], g["_count"], [v["_count"] for v in g["values"]]) for g in nested["data"]] == [
        ("digital", 2, [1, 1, 0]),
        ("paper", 1, [1, 0, 0]),
    ]
    status, flat = server.json("GET", path + query + "&group_by=channel&flatten=true")
    assert len(flat["data"]) == 6 and flat["data"][0]["channel"] == "digital"


def test_filters_sort_limit_and_csv(server: Server) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    server.json("POST", path, RECORDS, server.tokens["channels"])
    status, found = server.json("GET", path + "?filter_by=channel:paper")
    assert [r["count"] for r in found["data"]] == [4]
    status, found = server.json("GET", path + "?filter_by_prefix=channel:dig&sort_by=count:descending&limit=1")
    assert [r["count"] for r in found["data"]] == [10]
    status, headers, body = server.request("GET", path + "?group_by=channel&collect=count:sum&format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.decode().splitlines() == ["_count,channel,count:sum", "2,digital,16.0", "1,paper,4.0"]


def test_reads_are_cacheable_and_open_to_any_origin(server: Server) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    status, headers, _ = server.request("GET", path)
    assert headers["access-control-allow-origin"] == "*" and "max-age=1800" in headers["cache-control"]
    status, _, _ = server.request("GET", path, headers={"If-None-Match": headers["etag"]})
    assert status == 304


def test_auto_ids_make_reposting_idempotent_and_put_empties(server: Server) -> None:
    path = f"/data/{server.group}/records"
    token = server.tokens["records"]
    records = [{"service_id": "carers", "period": "2013-Q1", "volume": 5}]
    for _ in range(3):
        assert server.json("POST", path, records, token)[0] == 200
    status, found = server.json("GET", path)
    assert len(found["data"]) == 1 and found["data"][0]["_id"] == "Y2FyZXJzLjIwMTMtUTE="
    status, body = server.json("PUT", path, [1], token)
    assert status == 400 and body["message"] == "Not implemented: you can only pass an empty JSON list"
    assert server.json("PUT", path, [], token)[0] == 200
    assert server.json("GET", path)[1]["data"] == []


def test_patch_and_delete_one_record(server: Server) -> None:
    path = f"/data/{server.group}/records"
    token = server.tokens["records"]
    server.json("POST", path, [{"service_id": "a", "period": "p", "volume": 5}], token)
    record_id = server.json("GET", path)[1]["data"][0]["_id"]
    assert server.json("PATCH", f"{path}/{record_id}", {"volume": 7}, token)[0] == 200
    assert server.json("GET", path)[1]["data"][0]["volume"] == 7
    assert server.json("PATCH", f"{path}/nope", {"volume": 7}, token)[0] == 404
    assert server.json("DELETE", f"{path}/{record_id}", None, token)[0] == 200
    assert server.json("GET", path)[1]["data"] == []


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (None, "Expected header of form: Authorization: Bearer <token>"),
        ("gp_000000000000_" + "A" * 43, "Unauthorized: invalid bearer token for data set {group}/records"),
        ("not-a-token", "Unauthorized: invalid bearer token for data set {group}/records"),
    ],
)
def test_auth_failures_are_401_with_www_authenticate(server: Server, token: str | None, message: str) -> None:
    status, headers, body = server.request("POST", f"/data/{server.group}/records", [], token)
    assert status == 401 and headers["www-authenticate"].startswith("Bearer")
    assert json.loads(body) == {"status": "error", "message": message.format(group=server.group)}


def test_a_token_writes_only_to_its_own_data_set_and_is_never_echoed_or_logged(server: Server) -> None:
    other = server.tokens["channels"]
    status, _, body = server.request("POST", f"/data/{server.group}/records", [], other)
    assert status == 401 and other.encode() not in body
    assert other[10:].encode() not in body
    server.request("GET", "/_status")
    log = server.log.read_text()
    for token in server.tokens.values():
        assert token not in log and token.split("_", 2)[2] not in log
    assert '"status": 401' in log  # the access log did record the request


def test_revoked_token_stops_writing(server: Server) -> None:
    token = server.tokens["channels"]
    token_id = token.split("_")[1]
    assert govpress("api", "tokens", "revoke", token_id, "--db", server.db).returncode == 0
    status, _, _ = server.request("POST", f"/data/{server.group}/transactions-by-channel", RECORDS, token)
    assert status == 401


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"ab": {"b": 1}}, ["record: ab: values are strings, numbers, booleans or null, not an object"]),
        (
            {"$where": 1},
            ["record: '$where' is not a valid field name (letters, digits and _, not starting with a digit)"],
        ),
        ({"_secret": 1}, ["record: '_secret' is not a recognised internal field"]),
        (
            {"_timestamp": "yesterday"},
            ["record: _timestamp must be a date and time such as 2014-01-01T00:00:00Z; got 'yesterday'"],
        ),
        ([{"ok": 1}, 5], ["record 2: a record is a JSON object, not a number"]),
    ],
)
def test_invalid_records_store_nothing(server: Server, body: Any, messages: list[str]) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    status, answer = server.json("POST", path, body, server.tokens["channels"])
    assert status == 400 and answer == {"status": "error", "messages": messages}
    assert server.json("GET", path)[1]["data"] == []


@pytest.mark.parametrize(
    ("raw", "headers", "status", "message"),
    [
        (b"", {}, 400, "Expected JSON request body but received zero bytes."),
        (
            b"{",
            {},
            400,
            "Error parsing JSON: line 1, column 2: not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (b'{"a": NaN}', {}, 400, "Error parsing JSON: line 1, column 7: NaN is not a number JSON allows"),
        (
            b'{"a": 1, "a": 2}',
            {},
            400,
            "Error parsing JSON: line 1, column 10: duplicate key 'a' (first at line 1, column 2)",
        ),
        (b"[" * 100 + b"]" * 100, {}, 400, "Error parsing JSON: line 1, column 65: nested more than 64 levels deep"),
        (b'{"a": "\xff"}', {}, 400, "Error parsing JSON: the body is not UTF-8 (byte 8)"),
        (b"{}", {"Content-Type": "text/plain"}, 400, "Expected header: Content-type: application/json"),
    ],
)
def test_bad_bodies(server: Server, raw: bytes, headers: dict[str, str], status: int, message: str) -> None:
    got, _, body = server.request(
        "POST",
        f"/data/{server.group}/transactions-by-channel",
        token=server.tokens["channels"],
        raw=raw,
        headers=headers,
    )
    assert (got, json.loads(body)["message"]) == (status, message)


def test_gzip_bodies_and_bombs(server: Server) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    token = server.tokens["channels"]
    packed = gzip.compress(json.dumps(RECORDS).encode())
    status, _, _ = server.request("POST", path, token=token, raw=packed, headers={"Content-Encoding": "gzip"})
    assert status == 200 and len(server.json("GET", path)[1]["data"]) == 3
    bomb = gzip.compress(b"[" + b" " * (64 * 1024 * 1024) + b"]")
    status, _, body = server.request("POST", path, token=token, raw=bomb, headers={"Content-Encoding": "gzip"})
    assert status == 413 and b"once decompressed" in body


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_huge_body_is_413_without_reading_it_all(server: Server, chunked: bool) -> None:
    """11 MiB sent with a Content-Length (refused at once) or chunked (refused once 10 MiB have arrived)."""
    host, port = server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", f"/data/{server.group}/transactions-by-channel")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Authorization", f"Bearer {server.tokens['channels']}")
    size = 11 * 1024 * 1024
    connection.putheader(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(size))))
    connection.endheaders()
    block = b" " * 65536
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        for _ in range(size // len(block)):
            connection.send(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            connection.send(b"0\r\n\r\n")
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?foo=1", "An unrecognised parameter was provided: 'foo'"),
        ("?filter_by=$where:1", "filter_by: field names cannot start with $"),
        (
            "?group_by=channel;DROP TABLE api_records",
            "group_by: 'channel;DROP TABLE api_records' is not a valid field name",
        ),
        ("?filter_by=channel:x'); DROP TABLE api_records;--", None),
        ("?collect=count:sum", "collect needs group_by or period"),
        ("?period=week", "period needs start_at and end_at, or duration"),
        ("?group_by=channel&collect=channel:sum", "collect: channel is a group_by field and cannot be collected"),
        ("?group_by=count&collect=channel:sum", "invalid collect function: sum and mean need numbers"),
    ],
)
def test_query_checks_and_injection(server: Server, query: str, message: str | None) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    server.json("POST", path, RECORDS, server.tokens["channels"])
    status, answer = server.json("GET", path + query.replace(" ", "%20").replace(";", "%3B").replace("'", "%27"))
    if message is None:
        assert status == 200 and answer["data"] == []
    else:
        assert (status, answer["message"]) == (400, message)
    assert len(server.json("GET", path)[1]["data"]) == 3  # nothing was dropped


def test_raw_queries_refused_where_the_data_set_says_so(server: Server) -> None:
    status, answer = server.json("GET", f"/data/{server.group}/data")
    assert status == 400 and answer["message"].startswith("querying for raw data is not allowed")


@pytest.mark.parametrize("path", ["/data/../../etc/passwd", "/data/Carers/records", "/data/a/b/c/d", "/data/x/y"])
def test_path_tricks_find_no_data_set(server: Server, path: str) -> None:
    status, _, _ = server.request("GET", path)
    assert status == 404


def test_freshness_names_data_sets_past_their_max_age(server: Server) -> None:
    _status, answer = server.json("GET", "/_status/data-sets")
    assert answer["status"] == "out of date"
    mine = [d["name"] for d in answer["data-sets"] if d["name"].startswith(server.group + "/")]
    assert mine == [f"{server.group}/transactions-by-channel"]
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    server.json(
        "POST",
        f"/data/{server.group}/transactions-by-channel",
        {"_timestamp": now, "channel": "digital", "count": 1},
        server.tokens["channels"],
    )
    names = [d["name"] for d in server.json("GET", "/_status/data-sets")[1]["data-sets"]]
    assert f"{server.group}/transactions-by-channel" not in names


def test_every_write_is_audited_without_the_token(server: Server) -> None:

    path = f"/data/{server.group}/transactions-by-channel"
    server.json("POST", path, RECORDS, server.tokens["channels"])
    store = ApiStore(connect(server.db))
    data_set = store.data_set(server.group, "transactions-by-channel")
    assert data_set is not None
    [(_at, token_id, action, count, first, last)] = store.audit(data_set)
    store.connection.close()
    assert (token_id, action, count, first, last) == (
        server.tokens["channels"].split("_")[1],
        "write",
        3,
        "2014-01-06T00:00:00Z",
        "2014-01-14T11:00:00Z",
    )


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = govpress("api", "serve", "--db", str(tmp_path / "nope.db"))
    assert result.returncode == 1
    assert f"there is no store at {tmp_path / 'nope.db'}" in result.stderr


def test_an_answer_kept_for_a_data_set_is_replaced_after_each_write(server: Server) -> None:
    path = f"/data/{server.group}/transactions-by-channel"
    query = path + "?group_by=channel&collect=count:sum"
    assert server.json("GET", query)[1]["data"] == []
    server.json("POST", path, RECORDS[:1], server.tokens["channels"])
    assert server.json("GET", query)[1]["data"] == [{"channel": "digital", "_count": 1, "count:sum": 10.0}]
    server.json("POST", path, RECORDS[1:], server.tokens["channels"])
    assert [g["_count"] for g in server.json("GET", query)[1]["data"]] == [2, 1]
    server.json("PUT", path, [], server.tokens["channels"])
    assert server.json("GET", query)[1]["data"] == []


def test_filters_on_indexed_fields_read_only_the_matching_records(tmp_path: Path) -> None:
    from govpress.api.query import parse_query
    from govpress.api.sql import JsonSql

    db = str(tmp_path / "store.db")
    made = govpress("api", "datasets", "create", "g", "counts", "--db", db, "--index", "service")
    assert made.returncode == 0, made.stderr
    listed = govpress("api", "datasets", "list", "--db", db)
    assert "service" in listed.stdout
    query = parse_query([("filter_by", "service:s1"), ("group_by", "channel"), ("collect", "count:sum")], True)
    connection = connect(db)
    sql = JsonSql(False)
    plan = connection.execute(
        f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM api_records WHERE data_set = ? AND {sql.equals_text('service')}",
        ("g/counts", "s1"),
    )
    connection.close()
    assert query.filters == (("service", "s1"),)
    assert any("api_field_" in str(row[-1]) for row in plan), plan
