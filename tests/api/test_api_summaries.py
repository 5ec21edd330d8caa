"""A summaries data set: records posted there become the service figures a file import makes."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govpress.services.store import open_store
from support.api_server import Server, govpress, quick_data_set, start_server

REAL_CSV = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "spotlight" / "assets" / "data" / "services.csv"
)
RECORD = {
    "_timestamp": "2013-04-01T00:00:00Z",
    "end_at": "2014-04-01T00:00:00Z",
    "type": "seasonally-adjusted",
    "service_id": "passport-renewals",
    "name": "Passport renewals",
    "department": "HO",
    "department_name": "Home Office",
    "number_of_transactions": 1200000,
    "number_of_digital_transactions": 600000,
    "cost_per_transaction": 7.25,
    "digital_cost_per_transaction": None,
    "completion_rate": "***",
}


@pytest.fixture
def server(database: str, tmp_path: Path) -> Iterator[Server]:
    token = quick_data_set(database, "transactional-services", "summaries", ("service_id", "type", "_timestamp"))
    running = start_server(database, tmp_path / "server.log")
    running.tokens = {"summaries": token}
    running.group = "transactional-services"
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=15)


PATH = "/data/transactional-services/summaries"


def summary(db: str) -> Any:
    result = govpress("services", "summary", "--db", db, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def figures(db: str) -> list[tuple[Any, ...]]:
    store = open_store(db, create=False)
    try:
        return store.connection.execute(
            "SELECT service, period_kind, period_key, volume, digital_volume, cost_per_transaction,"
            " digital_cost_per_transaction, completion_rate FROM observations ORDER BY 1, 2, 3"
        )
    finally:
        store.close()


def test_a_record_becomes_an_observation_with_exact_figures(server: Server) -> None:
    assert server.json("POST", PATH, [RECORD], server.tokens["summaries"]) == (200, {"status": "ok"})
    assert figures(server.db) == [
        ("passport-renewals", "rolling-year", "2014-Q2", "1200000", "600000", "7.25", None, "***")
    ]


def test_a_known_service_needs_no_details_and_a_repost_changes_nothing(server: Server) -> None:
    token = server.tokens["summaries"]
    server.json("POST", PATH, [RECORD], token)
    quarter = {
        "_timestamp": "2013-07-01T00:00:00Z",
        "end_at": "2013-10-01T00:00:00Z",
        "type": "quarterly",
        "service_id": "passport-renewals",
        "number_of_transactions": 300000,
    }
    for _ in range(2):
        assert server.json("POST", PATH, [quarter], token)[0] == 200
    assert [row[:4] for row in figures(server.db)] == [
        ("passport-renewals", "quarter", "2013-Q3", "300000"),
        ("passport-renewals", "rolling-year", "2014-Q2", "1200000"),
    ]
    assert len(server.json("GET", PATH)[1]["data"]) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"service_id": "unknown", "name": None},
            "record 1: service unknown is not in the store: give its name, department and department_name",
        ),
        (
            {"end_at": "2014-02-01T00:00:00Z"},
            "record 1: Apr 2013 to Jan 2014 is 10 months, not 12 consecutive months",
        ),
        ({"type": "monthly"}, "record 1: type: 'monthly' is not one of ['seasonally-adjusted', 'quarterly']"),
        (
            {"number_of_transactions": "lots"},
            "record 1: number_of_transactions: 'lots' is not valid under any of the given schemas",
        ),
    ],
)
def test_bad_summaries_store_nothing(server: Server, change: dict[str, Any], message: str) -> None:
    record = {key: value for key, value in {**RECORD, **change}.items() if value is not None}
    status, answer = server.json("POST", PATH, [record], server.tokens["summaries"])
    assert status == 400 and message in answer["messages"], answer
    assert figures(server.db) == [] and server.json("GET", PATH)[1]["data"] == []


def test_deleting_and_emptying_remove_the_observations(server: Server) -> None:
    token = server.tokens["summaries"]
    server.json("POST", PATH, [RECORD], token)
    [stored] = server.json("GET", PATH)[1]["data"]
    assert server.json("DELETE", f"{PATH}/{stored['_id']}", None, token)[0] == 200
    assert figures(server.db) == []
    server.json("POST", PATH, [RECORD], token)
    assert server.json("PUT", PATH, [], token)[0] == 200
    assert figures(server.db) == []


def test_every_write_bumps_the_stores_data_version(server: Server) -> None:
    store = open_store(server.db, create=False)
    before = store.data_version()
    store.close()
    server.json("POST", PATH, [RECORD], server.tokens["summaries"])
    store = open_store(server.db, create=False)
    assert store.data_version().version == before.version + 1
    store.close()


def test_the_real_data_posted_gives_the_same_summary_and_explorer_as_a_file_import(
    database: str, server: Server, tmp_path: Path
) -> None:
    if not REAL_CSV.is_file():
        pytest.skip(f"SKIPPED: {REAL_CSV} is missing: this test reads the shared test data in ../shared")
    token_file = tmp_path / "token"
    token_file.write_text(server.tokens["summaries"])
    imported = (
        str(tmp_path / "imported.db")
        if not database.startswith("postgresql")
        else database.rsplit("/", 1)[0] + "/" + _other_database(database)
    )
    assert govpress("services", "import", str(REAL_CSV), "--db", imported).returncode == 0
    pushed = govpress("api", "push", str(REAL_CSV), "--to", server.base + PATH, "--token-file", str(token_file))
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.strip().endswith("30828 records posted in 31 requests")
    assert summary(server.db) == summary(imported)
    for db, out in ((server.db, tmp_path / "pushed"), (imported, tmp_path / "file")):
        assert govpress("services", "build", db, "-o", str(out)).returncode == 0
    pages = {p.relative_to(tmp_path / "file"): p.read_bytes() for p in (tmp_path / "file").rglob("*") if p.is_file()}
    assert len(pages) > 900
    for name, content in pages.items():
        assert (tmp_path / "pushed" / name).read_bytes() == content, name


def _other_database(url: str) -> str:
    import psycopg

    name = f"govpress_api_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name
