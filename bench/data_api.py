"""Benchmark: the data API on a real server (``govpress api serve`` on 127.0.0.1), SQLite and PostgreSQL.

Prints:

- write throughput in records/s: batches of 100 and 1,000 records, 1 and 4 workers, 8 clients at once;
- read latency (p50, p95) of a grouped period query (weekly, two years, grouped by channel, one service) over a data
  set of ``--records`` records (default 1,000,000), after one monthly query per service has warmed the database's
  cache, each query for another service (so no answer is reused), then
  the same query asked again (answered from the kept answer), and once over the whole data set (no filter);
- the time from a write to the updated page of a site served with ``--site``.

Usage: ``python bench/data_api.py [--records N] [--postgres URL] [--only sqlite|postgres] [--parts LIST]``
(``--parts writes,reads,page`` by default). PostgreSQL figures need a server URL (``--postgres`` or
``GOVPRESS_TEST_POSTGRES_URL``); a database is made for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.api_server import Server, free_port, quick_data_set

CHANNELS = ("digital", "paper", "phone", "face-to-face")
SERVICES = 100
START = datetime(2013, 1, 7, tzinfo=UTC)


@contextmanager
def served(db: str, folder: Path, *options: str) -> Iterator[Server]:
    port = free_port()
    log_path = folder / f"server-{port}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "govpress", "api", "serve", "--db", db, "--port", str(port), *options],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            with urllib.request.urlopen(base + "/_status", timeout=2):
                break
        except OSError:
            time.sleep(0.05)
    try:
        yield Server(base, db, process, log_path)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def records(count: int, seed: int) -> list[dict[str, object]]:
    chance = random.Random(seed)
    span = 2 * 365 * 24 * 3600
    return [
        {
            "_timestamp": (START + timedelta(seconds=chance.randrange(span))).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "channel": chance.choice(CHANNELS),
            "service": f"s{chance.randrange(SERVICES)}",
            "count": chance.randrange(100),
        }
        for _ in range(count)
    ]


def write_throughput(db: str, folder: Path, workers: int, batch: int, total: int) -> float:
    type_ = f"w{workers}-b{batch}"
    token = quick_data_set(db, "bench", type_)
    name = f"bench/{type_}"
    bodies = [records(batch, seed) for seed in range(total // batch)]
    with served(db, folder, "--workers", str(workers)) as server:
        queue = list(range(len(bodies)))
        lock = threading.Lock()
        failures: list[int] = []

        def client() -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    index = queue.pop()
                status, _, _ = server.request("POST", f"/data/{name}", bodies[index], token)
                if status != 200:
                    failures.append(status)

        threads = [threading.Thread(target=client) for _ in range(8)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    assert not failures, failures[:5]
    return total / elapsed


def load(db: str, count: int) -> str:
    """``count`` records written straight through the store (the write path of the API without HTTP)."""
    from govpress.api.data_types import with_built_in
    from govpress.api.records import check_records
    from govpress.api.store import ApiStore, DataSet
    from govpress.services.store.connection import connect

    store = ApiStore(connect(db))
    store.migrate()
    schema, _, _ = with_built_in("transactions-by-channel", None, ())  # count: an integer, so sums need no check
    data_set = DataSet("bench", "reads", schema, (), None, True, True, ("service",))
    store.create_data_set(data_set)
    token_id, _ = store.create_token(data_set, "bench")
    for seed in range(0, count, 10_000):
        checked, messages = check_records(records(min(10_000, count - seed), seed + 1_000_000), ())
        assert not messages
        store.write(data_set, checked, token_id)
    store.connection.close()
    return data_set.name


def read_latency(db: str, folder: Path, name: str) -> dict[str, float]:
    window = "period=week&start_at=2013-01-07T00:00:00Z&end_at=2015-01-05T00:00:00Z&group_by=channel"
    figures: dict[str, float] = {}
    with served(db, folder) as server:
        for number in range(SERVICES):  # warm the database's cache, as a server that has run a while has it
            server.request("GET", f"/data/{name}?filter_by=service:s{number}&{window.replace('week', 'month')}")
        fresh = []
        for number in range(SERVICES):
            started = time.perf_counter()
            status, _, _ = server.request("GET", f"/data/{name}?filter_by=service:s{number}&{window}&collect=count:sum")
            fresh.append(time.perf_counter() - started)
            assert status == 200
        kept = []
        for _ in range(SERVICES):
            started = time.perf_counter()
            server.request("GET", f"/data/{name}?filter_by=service:s7&{window}&collect=count:sum")
            kept.append(time.perf_counter() - started)
        started = time.perf_counter()
        server.request("GET", f"/data/{name}?{window}&collect=count:sum")
        figures["whole data set, first time"] = time.perf_counter() - started
    for label, times in (("one service, first time", fresh), ("one service, kept answer", kept)):
        times.sort()
        figures[f"{label} p50"] = statistics.median(times)
        figures[f"{label} p95"] = times[int(len(times) * 0.95) - 1]
    return figures


def write_to_page(folder: Path) -> float:
    """Seconds from a write to the updated page of a site served with ``--site`` (the scaffold site)."""
    project = folder / "site"
    subprocess.run([sys.executable, "-m", "govpress", "new", str(project)], check=True, capture_output=True)
    settings = project / "govpress.toml"
    text = settings.read_text(encoding="utf-8").replace('services_file = "data/services/services.csv"', "")
    settings.write_text(text + 'services_database = "services.db"\n', encoding="utf-8")
    db = str(project / "services.db")
    token = quick_data_set(db, "transactional-services", "summaries")
    subprocess.run([sys.executable, "-m", "govpress", "build", str(project)], check=True, capture_output=True)
    record = {
        "_timestamp": "2013-04-01T00:00:00Z",
        "end_at": "2014-04-01T00:00:00Z",
        "type": "seasonally-adjusted",
        "service_id": "bench-service",
        "name": "Bench service",
        "department": "BEN",
        "department_name": "Department of Benchmarks",
        "number_of_transactions": 123456,
    }
    with served(db, folder, "--site", str(project)) as server:
        started = time.perf_counter()
        status, _, _ = server.request("POST", "/data/transactional-services/summaries", [record], token)
        assert status == 200
        pages = project / "_site"
        while time.perf_counter() - started < 120:
            if any("Bench service" in page.read_text(encoding="utf-8") for page in pages.rglob("*.html")):
                return time.perf_counter() - started
            time.sleep(0.05)
    raise AssertionError("the page was not updated within 120 s")


@contextmanager
def database(kind: str, folder: Path, postgres: str | None) -> Iterator[str]:
    if kind == "sqlite":
        yield str(folder / f"bench-{uuid.uuid4().hex[:6]}.db")
        return
    import psycopg

    assert postgres is not None
    name = f"govpress_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=40_000, help="records per write-throughput run")
    parser.add_argument("--postgres", default=os.environ.get("GOVPRESS_TEST_POSTGRES_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--parts", default="writes,reads,page", help="which figures: writes, reads, page")
    options = parser.parse_args()
    parts = set(options.parts.split(","))
    kinds = [k for k in ("sqlite", "postgres") if options.only in (None, k)]
    if not options.postgres and "postgres" in kinds:
        print("PostgreSQL: skipped (no --postgres URL or GOVPRESS_TEST_POSTGRES_URL)")
        kinds.remove("postgres")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for kind in kinds:
            for workers in (1, 4) if "writes" in parts else ():
                for size in (100, 1000):
                    with database(kind, folder, options.postgres) as db:
                        rate = write_throughput(db, folder, workers, size, options.writes)
                    print(f"{kind}: write, {workers} worker(s), batches of {size}: {rate:,.0f} records/s")
            if "reads" not in parts:
                continue
            with database(kind, folder, options.postgres) as db:
                started = time.perf_counter()
                name = load(db, options.records)
                print(f"{kind}: loaded {options.records:,} records in {time.perf_counter() - started:.1f} s")
                for label, seconds in read_latency(db, folder, name).items():
                    print(f"{kind}: read over {options.records:,} records, {label}: {seconds * 1000:.1f} ms")
        if "page" in parts:
            print(f"write to updated page (--site, SQLite): {write_to_page(folder):.2f} s")


if __name__ == "__main__":
    main()
