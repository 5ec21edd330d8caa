"""The explorer and the dashboards grow linearly with the services, counted rather than timed.

A made-up site whose services are all alike (same periods, same figures, ``PER_DEPARTMENT`` to a department, so the
departments grow with the services) is built through both page generators at three sizes, N, 2N and 3N services,
each under a trace that counts the lines run in each function. Work that is linear in the services adds the same
number of lines from N to 2N as from 2N to 3N; a loop over every service inside a loop over the departments, the
services or the pages (quadratic) adds more the second time, and the test names the function. The store is read
with a number of queries that does not depend on the services.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

from govpress.dashboards.site import DashboardsGenerator
from govpress.services.importers.native_rows import COLUMNS
from govpress.services.importing import import_file
from govpress.services.model import PeriodKind
from govpress.services.periods import period_for
from govpress.services.site import ServicesGenerator
from govpress.services.store import open_store
from govpress.services.store.connection import SqliteConnection
from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import load_config
from govpress.site.structure.pages import SiteContext

PER_DEPARTMENT = 2
KEYS = ("2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4", "2017-Q1")
SIZES = (4, 8, 12)
SLACK = 40  # lines a function may add beyond linear from 2N to 3N (a hash order, a longer number)


def write_services(path: Path, services: int) -> None:
    """A native CSV of ``services`` alike services, each with a rolling year and a quarter per period of ``KEYS``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number in range(services):
            department = number // PER_DEPARTMENT
            service = [f"service-{number:03d}", f"Service {number:03d}", f"D{department:03d}"]
            service += [f"Department {department:03d}", "", "", "Registering", "Individuals", "Taxpayers"]
            service += [f"https://example.org/{number}", "Made up.", "", "", "made up", str(number % 2 == 0).lower()]
            for index, key in enumerate(KEYS):
                volume = 200_000 + 10_000 * index
                for kind in PeriodKind:
                    period = period_for(kind, key)
                    figures = [volume, volume // 2 + 5_000 * index, "2.50", "0.40", "", ""]
                    writer.writerow([*service, kind.value, key, period.start, period.end, *figures])


def site_context(project: Path, services: int) -> SiteContext:
    """A project whose store (``services_database``) holds ``services`` services."""
    project.mkdir()
    (project / "source").mkdir()
    data = project / "services.csv"
    write_services(data, services)
    store = open_store(project / "services.db")
    try:
        import_file(store, data)
    finally:
        store.close()
    (project / "govpress.toml").write_text('site_name = "Made up"\nservices_database = "services.db"\n', "utf-8")
    config = load_config(project)
    return SiteContext(project, project / "source", config, make_environment(config), "Made up")


def build(context: SiteContext) -> int:
    """Every page of both generators (the dashboards first, as in a build); how many."""
    return sum(1 for generator in (DashboardsGenerator(), ServicesGenerator()) for _ in generator.generate(context))


def lines_run(work: Callable[[], object]) -> Counter[CodeType]:
    """The lines run by ``work()``, by function (a comprehension's iterations count: each starts a line again)."""
    counts: Counter[CodeType] = Counter()

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            counts[frame.f_code] += 1
        return local

    def called(frame: FrameType, event: str, arg: Any) -> Any:
        return local

    previous = sys.gettrace()
    sys.settrace(called)
    try:
        work()
    finally:
        sys.settrace(previous)
    return counts


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory) -> dict[int, SiteContext]:
    folder = tmp_path_factory.mktemp("scaling")
    return {size: site_context(folder / f"site-{size}", size) for size in SIZES}


def _name(code: CodeType) -> str:
    return f"{code.co_filename.rpartition('/src/')[2] or code.co_filename}:{code.co_firstlineno} {code.co_name}"


def test_every_function_grows_linearly_with_the_services(contexts: dict[int, SiteContext]) -> None:
    build(contexts[SIZES[-1]])  # every template compiled, every cache filled: the counts below are the work itself
    small, middle, large = (lines_run(partial(build, contexts[size])) for size in SIZES)
    assert small and large[max(large, key=large.__getitem__)] > 1000  # the trace saw the work
    faster = {
        _name(code): (small[code], middle[code], count)
        for code, count in large.items()
        if count - middle[code] > middle[code] - small[code] + SLACK
    }
    assert not faster, f"lines run at {SIZES} services grow faster than the services: {faster}"


def test_the_store_is_read_with_a_fixed_number_of_queries(
    contexts: dict[int, SiteContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries: list[str] = []
    execute = SqliteConnection.execute

    def counted(self: SqliteConnection, sql: str, params: Any = ()) -> Any:
        queries.append(sql)
        return execute(self, sql, params)

    monkeypatch.setattr(SqliteConnection, "execute", counted)
    made: list[tuple[int, int]] = []
    for size in SIZES[:2]:
        queries.clear()
        made.append((build(contexts[size]), len(queries)))
    (pages_small, queries_small), (pages_large, queries_large) = made
    assert pages_large > pages_small
    assert queries_small == queries_large, "the number of queries grows with the services"
    assert queries_small <= 20
