"""The data API under load and when killed: a real server, real clients, SQLite and PostgreSQL.

16 clients each send 50 requests of 100 records at once: every record is stored once, no answer is a 5xx. A server
killed with SIGKILL while it writes keeps every write it acknowledged, and no request is half stored.
"""

from __future__ import annotations

import http.client
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.services.store.connection import connect
from support.api_server import Server, quick_data_set, start_server

CLIENTS = 16
REQUESTS = 50
RECORDS = 100


@pytest.fixture
def server(database: str, tmp_path: Path) -> Iterator[Server]:
    token = quick_data_set(database, "load", "counts")
    running = start_server(database, tmp_path / "server.log", "--workers", "2")
    running.tokens = {"counts": token}
    try:
        yield running
    finally:
        if running.process.poll() is None:
            os.killpg(running.process.pid, signal.SIGTERM)
            running.process.wait(timeout=30)


def batch(client: int, request: int) -> list[dict[str, object]]:
    return [
        {"_id": f"c{client}-r{request}-n{n}", "_timestamp": "2014-01-06T00:00:00Z", "client": client, "count": n}
        for n in range(RECORDS)
    ]


def stored_ids(db: str) -> list[str]:
    connection = connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM api_records WHERE data_set = 'load/counts'")]
    finally:
        connection.close()


def test_16_clients_50_requests_100_records_none_lost_none_duplicated_no_5xx(server: Server) -> None:
    statuses: list[int] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for request in range(REQUESTS):
            status, _, _ = server.request("POST", "/data/load/counts", batch(number, request), server.tokens["counts"])
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) == [200] and len(statuses) == CLIENTS * REQUESTS
    ids = stored_ids(server.db)
    assert len(ids) == len(set(ids)) == CLIENTS * REQUESTS * RECORDS
    status, grouped = server.json("GET", "/data/load/counts?group_by=client&collect=count:sum")
    assert status == 200
    assert [(g["client"], g["_count"], g["count:sum"]) for g in grouped["data"]] == [
        (n, REQUESTS * RECORDS, REQUESTS * sum(range(RECORDS))) for n in range(CLIENTS)
    ]


def test_a_killed_server_keeps_every_acknowledged_write_and_no_half_request(server: Server) -> None:
    acknowledged: list[int] = []
    stop = threading.Event()

    def client(number: int) -> None:
        request = 0
        while not stop.is_set():
            try:
                status, _, _ = server.request(
                    "POST", "/data/load/counts", batch(number, request), server.tokens["counts"]
                )
            except (OSError, http.client.HTTPException):  # the server died mid-answer
                return
            if status == 200:
                acknowledged.append(number * 10_000 + request)
            request += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 20:
        threading.Event().wait(0.05)
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    ids = set(stored_ids(server.db))
    for key in acknowledged:
        number, request = divmod(key, 10_000)
        assert {f"c{number}-r{request}-n{n}" for n in range(RECORDS)} <= ids
    requests = {record_id.rsplit("-", 1)[0] for record_id in ids}
    for request_id in requests:  # every stored request is whole
        assert {f"{request_id}-n{n}" for n in range(RECORDS)} <= ids, request_id
