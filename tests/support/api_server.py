"""A real data API server for tests: `govpress api serve` on 127.0.0.1 in a subprocess, and requests to it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govpress.api.data_types import with_built_in
from govpress.api.store import ApiStore, DataSet
from govpress.services.store.connection import connect

GOVPRESS = [sys.executable, "-m", "govpress"]


@dataclass
class Server:
    base: str
    db: str
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)
    group: str = ""

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def json(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        status, _, data = self.request(method, path, body, token)
        return status, json.loads(data) if data else None


def govpress(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GOVPRESS, *args], capture_output=True, text=True, timeout=60, check=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, log: Path, *options: str) -> Server:
    """``govpress api serve --db DB`` (with ``options``) on a free port, once it answers ``/_status``."""
    port = free_port()
    handle = log.open("wb")
    process = subprocess.Popen(
        [*GOVPRESS, "api", "serve", "--db", db, "--port", str(port), *options],
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a test can kill the server with all its workers
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(base + "/_status", timeout=2) as response:
                if response.status == 200:
                    return Server(base, db, process, log)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(f"the API server did not start: {log.read_text()}")


def make_data_set(db: str, group: str, type_: str, *options: str) -> str:
    """A data set made with the command line, and a token for it (the token is the command's last line)."""
    created = govpress("api", "datasets", "create", group, type_, "--db", db, *options)
    assert created.returncode == 0, created.stderr
    made = govpress("api", "tokens", "create", group, type_, "--db", db, "--note", "test")
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


def quick_data_set(db: str, group: str, type_: str, auto_ids: tuple[str, ...] = (), **settings: Any) -> str:
    """A data set and its token made in this process (the server reads data sets from the store at each request)."""
    store = ApiStore(connect(db))
    store.migrate()
    schema, ids, indexed = with_built_in(type_, None, auto_ids)
    data_set = DataSet(group, type_, schema, ids, settings.get("max_age"), True, settings.get("raw", True), indexed)
    store.create_data_set(data_set)
    _, token = store.create_token(data_set, "test")
    store.connection.close()
    return token
