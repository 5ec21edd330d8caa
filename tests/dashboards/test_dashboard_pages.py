"""Dashboard pages as ``govpress build`` publishes them: golden fragments of one service's dashboard and of the example
site's configured dashboard; records written through :meth:`ApiStore.write` shown on the next build (the generator
cache notices them); links from the explorer. Regenerate the golden files with ``GOVPRESS_REGENERATE_GOLDEN=1``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.api.records import check_records
from govpress.api.store import ApiStore, DataSet
from govpress.services.importing import import_file
from govpress.services.store import open_store
from govpress.site.build import build_site
from govpress.site.new import new_site
from support.golden import check_golden
from support.postgres import fresh_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dashboards"
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
SERVICE = "performance/service-details/hcp-parking-permits"
FERRY = """title: Harbour ferry
description: Journeys booked.
modules:
- type: kpi
  title: Journeys in the latest week
  data-source:
    data-group: ferry
    data-type: journeys
    query: {period: week, collect: "count:sum", start_at: "2026-01-05T00:00:00Z", end_at: "2026-01-26T00:00:00Z"}
  value-attribute: "count:sum"
- type: single_timeseries
  title: Journeys per week
  data-source:
    data-group: ferry
    data-type: journeys
    query: {period: week, collect: "count:sum", start_at: "2026-01-05T00:00:00Z", end_at: "2026-01-26T00:00:00Z"}
  value-attribute: "count:sum"
  axes: {x: Week starting, y: Journeys}
"""


def _main(page: Path) -> str:
    found = MAIN.search(page.read_text(encoding="utf-8"))
    assert found, f"{page}: no <main>"
    return found.group() + "\n"


def _golden(name: str, actual: str) -> None:
    check_golden(FIXTURES / "golden" / name, actual)


def _example(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    new_site(project)
    return project


def test_a_services_dashboard(tmp_path: Path) -> None:
    """One service's KPIs (latest value, period, previous value, change), quarters and take-up: the golden page."""
    project = _example(tmp_path)
    shutil.rmtree(project / "dashboards")
    (project / "data/exemplars.yaml").unlink()  # its exemplars name the example's services, replaced here
    shutil.copyfile(FIXTURES / "services.csv", project / "data/services/services.csv")
    report = build_site(project, project / "_site", strict=True)
    assert report.problems == ()
    page = project / "_site" / SERVICE / "dashboard.html"
    _golden("service-hcp-parking-permits.html", _main(page))
    explorer = (project / "_site" / f"{SERVICE}.html").read_text(encoding="utf-8")
    assert '<a href="hcp-parking-permits/dashboard.html">See the dashboard' in explorer
    assert not (project / "_site/performance/dashboards").exists()


def test_the_example_sites_configured_dashboard(tmp_path: Path) -> None:
    project = _example(tmp_path)
    report = build_site(project, project / "_site", strict=True)
    assert report.problems == ()
    site = project / "_site" / "performance"
    _golden("example-parking-permits.html", _main(site / "dashboards" / "parking-permits.html"))
    index = _main(site / "dashboards" / "index.html")
    assert '<a class="govuk-link" href="parking-permits.html">Residents&#39; parking permits</a>' in index
    assert 'href="dashboards/parking-permits.html"' in _main(site / "index.html")
    every_service = {p.name for p in (site / "service-details").iterdir() if p.is_dir()}
    assert every_service == {p.stem for p in (site / "service-details").glob("*.html")}  # each has figures


def _store_project(tmp_path: Path, url: str | None = None) -> tuple[Path, str]:
    """The example site publishing a store (its services, and the data sets written with :func:`_write`): a SQLite
    file in the project, or the PostgreSQL database ``url``."""
    project = _example(tmp_path)
    database = url or str(project / "services.db")
    store = open_store(database, create=True)
    import_file(store, FIXTURES / "services.csv")
    store.close()
    config = project / "govpress.toml"
    text = config.read_text(encoding="utf-8")
    setting = f'services_database = "{url or "services.db"}"'
    config.write_text(text.replace('services_file = "data/services/services.csv"', setting))
    (project / "dashboards" / "ferry.yaml").write_text(FERRY, encoding="utf-8")
    return project, database


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """``None`` (a SQLite file in the project), then a fresh PostgreSQL database (skipped without a server)."""
    if request.param == "sqlite":
        yield None
        return
    with fresh_database("govpress_dashboards") as url:
        yield url


def _write(database: str, records: list[dict[str, object]], *, create: bool = False, published: bool = True) -> None:
    store = open_store(database, create=False)
    api = ApiStore(store.connection)
    api.migrate()
    data_set = DataSet("ferry", "journeys", None, ("_timestamp", "route"), None, published, True)
    if create:
        api.create_data_set(data_set)
    checked, messages = check_records(records, data_set.auto_ids)
    assert messages == []
    api.write(data_set, checked, "test-token")
    store.close()


def _ferry(project: Path) -> str:
    return _main(project / "_site/performance/dashboards/ferry.html")


def test_records_written_through_the_api_store_show_on_the_next_build(tmp_path: Path, store_url: str | None) -> None:
    project, database = _store_project(tmp_path, store_url)
    weeks = [("2026-01-05", 120), ("2026-01-12", 150)]
    _write(database, [{"_timestamp": f"{d}T00:00:00Z", "route": "north", "count": n} for d, n in weeks], create=True)
    _write(database, [{"_timestamp": "2026-01-12T00:00:00Z", "route": "south", "count": 50}])
    first = build_site(project, project / "_site")
    assert [str(p) for p in first.problems if "ferry" in str(p)] == []
    shown = _ferry(project)
    assert '<span class="kpi-value">200</span><span class="govuk-body-s">12 Jan 2026</span>' in shown
    assert "+66.7% (increase) on 5 Jan 2026: 120" in shown
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">200</td>' in shown
    _write(database, [{"_timestamp": "2026-01-19T00:00:00Z", "route": "north", "count": 180}])
    build_site(project, project / "_site")
    shown = _ferry(project)
    assert '<span class="kpi-value">180</span><span class="govuk-body-s">19 Jan 2026</span>' in shown
    assert "-10% (decrease) on 12 Jan 2026: 200" in shown


def test_an_unchanged_store_reuses_the_pages(tmp_path: Path) -> None:
    from govpress.dashboards.site import DashboardsGenerator
    from govpress.site.settings.config import load_config
    from govpress.site.structure.pages import PrepareInputs

    project, database = _store_project(tmp_path)
    _write(database, [{"_timestamp": "2026-01-05T00:00:00Z", "route": "north", "count": 1}], create=True)
    inputs = PrepareInputs(project, project / "source", load_config(project))
    before = DashboardsGenerator().cache_key(inputs)
    assert DashboardsGenerator().cache_key(inputs) == before
    _write(database, [{"_timestamp": "2026-01-05T00:00:00Z", "route": "north", "count": 1}])  # the same, again
    after = DashboardsGenerator().cache_key(inputs)
    assert after != before  # a write is a write: the pages are made again, and show the same
    (project / "dashboards" / "second.yaml").write_text(FERRY.replace("Harbour ferry", "Ferry 2"), encoding="utf-8")
    assert DashboardsGenerator().cache_key(inputs) != after


def test_the_key_holds_the_day_alone_only_without_a_store(tmp_path: Path) -> None:
    """Beside the project's files, a store's key holds its data version and the API's writes: only a key that holds
    the day alone may be settled by the files and the day (Generator.key_day)."""
    from govpress.dashboards.site import DashboardsGenerator
    from govpress.site.engine.stamps import utc_day
    from govpress.site.settings.config import load_config
    from govpress.site.structure.pages import PrepareInputs

    project, database = _store_project(tmp_path)
    _write(database, [{"_timestamp": "2026-01-05T00:00:00Z", "route": "north", "count": 1}], create=True)
    inputs = PrepareInputs(project, project / "source", load_config(project))
    assert DashboardsGenerator().key_day(inputs) is None
    example = tmp_path / "example"
    new_site(example)  # dashboards on data files
    inputs = PrepareInputs(example, example / "source", load_config(example))
    assert DashboardsGenerator().key_day(inputs) == utc_day()
    shutil.rmtree(example / "dashboards")
    assert DashboardsGenerator().key_day(inputs) is None, "no dashboard: no day in the key"


def test_a_data_set_file_beside_the_stores_own_is_not_read(tmp_path: Path) -> None:
    project, database = _store_project(tmp_path)
    _write(database, [{"_timestamp": "2026-01-05T00:00:00Z", "route": "north", "count": 7}], create=True)
    path = project / "dashboards/data/ferry/journeys.json"
    path.parent.mkdir(parents=True)
    path.write_text('[{"_timestamp": "2026-01-05T00:00:00Z", "count": 999}]', encoding="utf-8")
    report = build_site(project, project / "_site")
    assert [str(p) for p in report.problems if "ferry" in str(p)] == [
        f"{path}: warning: not read: the site's store holds the data set ferry/journeys (posted with the data API), "
        "which is shown instead"
    ]
    assert '<span class="kpi-value">7</span>' in _ferry(project)


def test_an_unpublished_data_set_is_shown_with_the_apis_warning(tmp_path: Path) -> None:
    project, database = _store_project(tmp_path)
    _write(
        database, [{"_timestamp": "2026-01-05T00:00:00Z", "route": "north", "count": 7}], create=True, published=False
    )
    report = build_site(project, project / "_site")
    ferry = project / "dashboards" / "ferry.yaml"
    unpublished = "ferry/journeys: This data set is unpublished: its figures may change or be inaccurate."
    assert [str(p) for p in report.problems if "ferry" in str(p)] == [
        f"{ferry}:4: warning: module 'Journeys in the latest week': {unpublished}",
        f"{ferry}:11: warning: module 'Journeys per week': {unpublished}",
    ]
    assert '<div class="govuk-inset-text">This data set is unpublished' in _ferry(project)


def test_a_site_without_service_data_lists_its_dashboards_in_the_navigation(tmp_path: Path) -> None:
    project = _example(tmp_path)
    config = project / "govpress.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('services_file = "data/services/services.csv"', ""))
    report = build_site(project, project / "_site")
    assert [p.message for p in report.problems] == ["broken link '/performance/': no such page or file"]  # the text's
    site = project / "_site"
    assert not (site / "performance/service-details").exists() and not (site / "performance/index.html").exists()
    page = (site / "performance/dashboards/parking-permits.html").read_text(encoding="utf-8")
    current = 'href="/performance/dashboards/" aria-current="true">'
    label = '<strong class="govuk-service-navigation__active-fallback">Dashboards</strong>'
    assert f'<a class="govuk-service-navigation__link" {current}{label}</a>' in page
    crumbs = page[page.index('<nav class="govuk-breadcrumbs"') : page.index("</nav>", page.index("govuk-breadcrumbs"))]
    assert re.findall(r'href="([^"]*)">([^<]*)<', crumbs) == [("../dashboards/index.html", "Dashboards")]
