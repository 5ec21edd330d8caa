"""The store's data version, and a site built from a store: its changes show on the next build (SQLite and
PostgreSQL alike), while a build with no change reuses the cached explorer pages.

The PostgreSQL cases need GOVPRESS_TEST_POSTGRES_URL (``postgres_url`` skips without it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.services.importing import import_file
from govpress.services.site import ServicesGenerator
from govpress.services.store import Store, open_store
from govpress.services.store import store as store_module
from govpress.services.store.connection import connect
from govpress.services.store.schema import MIGRATIONS
from govpress.site.build import build_site
from govpress.site.engine.cache_codec import load_cache
from govpress.site.engine.records import record_folder
from govpress.site.engine.stamps import KeyStamp
from govpress.site.new import new_site
from govpress.site.settings.config import load_config
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext
from support.store_dump import dump_store

BREW_Q3_VOLUME = '"1,400,000"'  # brew licences, 2016-Q3, in te-small.csv
DOWNLOAD = Path("_site/performance/data/services.json")
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store's location, in both backends: a SQLite path (absolute) or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        (tmp_path / "store").mkdir()
        return str(tmp_path / "store" / "services.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def opened(database: str) -> Iterator[Store]:
    store = open_store(database)
    yield store
    store.close()


def _changed_brew_volume(fixtures: Path, folder: Path, volume: str) -> Path:
    """te-small.csv with brew licences' 2016-Q3 volume replaced."""
    text = (fixtures / "te-small.csv").read_text(encoding="utf-8")
    assert text.count(BREW_Q3_VOLUME) == 1
    changed = folder / "te-changed.csv"
    changed.write_text(text.replace(BREW_Q3_VOLUME, f'"{volume}"'), encoding="utf-8")
    return changed


# The store's data version.


def test_every_import_bumps_the_data_version_once(opened: Store, fixtures: Path) -> None:
    first = opened.data_version()
    assert first.version == 0
    import_file(opened, fixtures / "te-small.csv")
    second = opened.data_version()
    assert second.version == 1 and second.token != first.token and second.changed_at > first.changed_at
    import_file(opened, fixtures / "te-small.csv")  # the same data again: still a write, still a new version
    third = opened.data_version()
    assert third.version == 2 and len({first.key, second.key, third.key}) == 3


def test_an_import_rolled_back_leaves_the_data_version(opened: Store, fixtures: Path) -> None:
    import_file(opened, fixtures / "te-small.csv")
    before = opened.data_version()
    with pytest.raises(GovpressError):
        import_file(opened, fixtures / "bad-not-a-number.csv")
    assert opened.data_version() == before


def test_two_new_stores_never_share_a_data_version(database: str, tmp_path: Path) -> None:
    other = open_store(tmp_path / "other.db")
    store = open_store(database)
    try:
        assert store.data_version().version == other.data_version().version == 0
        assert store.data_version().key != other.data_version().key
    finally:
        store.close()
        other.close()


def test_a_store_at_the_previous_schema_version_migrates_and_keeps_its_data(
    database: str, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        # The schema and the code before the data version.
        patched.setattr(store_module, "MIGRATIONS", MIGRATIONS[:1])
        patched.setattr(Store, "bump_data_version", lambda self: None)
        old = Store(connect(database))
        assert old.migrate() == [1]
        import_file(old, fixtures / "te-small.csv")
        data = dump_store(old)
        old.close()
    store = Store(connect(database))
    try:
        assert store.migrate() == [2] and store.schema_version() == MIGRATIONS[-1].version == 2
        assert dump_store(store) == data
        migrated = store.data_version()
        assert migrated.version == 0
        import_file(store, fixtures / "public-small.csv")
        assert store.data_version().version == 1
        assert store.migrate() == []
    finally:
        store.close()


# A site built from a store.


@pytest.fixture
def project(tmp_path: Path, database: str) -> Path:
    """The example site, publishing the store ``database`` (a SQLite path relative to the project, inside it: a path
    setting may not leave the project)."""
    new_site(tmp_path / "store")  # the SQLite store's (empty) folder
    config = tmp_path / "store" / "govpress.toml"
    relative = database if "://" in database else "services.db"
    text = config.read_text(encoding="utf-8").replace(
        'services_file = "data/services/services.csv"', f'services_database = "{relative}"'
    )
    assert "services_database" in text
    config.write_text(text, encoding="utf-8")
    return tmp_path / "store"


class _Counted(ServicesGenerator):
    """The services generator, counting its calls (same name: same cache entry, same ``cache_key``)."""

    def __init__(self, calls: list[SiteContext]) -> None:
        self.calls = calls

    def generate(self, context: SiteContext, prepared: None = None) -> Iterator[Page]:
        self.calls.append(context)
        return super().generate(context, prepared)


def _counted(calls: list[SiteContext]) -> ServicesGenerator:
    return _Counted(calls)


def _brew_volume(project: Path) -> object:
    """Brew licences' transactions per year, as the site's download gives them."""
    services = json.loads((project / DOWNLOAD).read_text(encoding="utf-8"))
    [brew] = [s for s in services if s["slug"] == "mot-brew-licences"]
    return brew["transactions_per_year"]


def _details(project: Path) -> str:
    return (project / "_site/performance/service-details/mot-brew-licences.html").read_text(encoding="utf-8")


def test_a_site_shows_the_stores_changes_on_the_next_build(
    project: Path, opened: Store, fixtures: Path, tmp_path: Path
) -> None:
    import_file(opened, fixtures / "te-small.csv")
    calls: list[SiteContext] = []
    first = build_site(project, generators=[_counted(calls)])
    assert len(calls) == 1 and not first.failed()
    assert _brew_volume(project) == 1_400_000 and "1,400,000" in _details(project)

    again = build_site(project, generators=[_counted(calls)])
    assert len(calls) == 1, "nothing changed: the cached pages are reused"
    assert again.pages == first.pages and _brew_volume(project) == 1_400_000

    import_file(opened, _changed_brew_volume(fixtures, tmp_path, "1,777,777"))
    changed = build_site(project, generators=[_counted(calls)])
    assert len(calls) == 2 and not changed.failed() and changed.pages == first.pages
    assert (
        _brew_volume(project) == 1_777_777 and "1,777,777" in _details(project) and "1,400,000" not in _details(project)
    )

    build_site(project, generators=[_counted(calls)])
    assert len(calls) == 2


def test_the_cached_pages_carry_the_stores_data_version(project: Path, opened: Store, fixtures: Path) -> None:
    import_file(opened, fixtures / "te-small.csv")
    build_site(project, generators=[_counted([])])
    [entry] = load_cache(record_folder(project, project / "_site")).generated.values()
    [stamp] = [stamp for stamp in entry.stamps if isinstance(stamp, KeyStamp)]
    assert stamp.generator == "services" and stamp.digest == opened.data_version().key
    assert stamp.unchanged_with(ServicesGenerator())
    import_file(opened, fixtures / "public-small.csv")
    assert not stamp.unchanged_with(ServicesGenerator())
    assert not stamp.unchanged_with(None), "a stamp of a generator not in the build counts as changed"


def test_a_store_that_cannot_be_reached_counts_as_changed(project: Path, opened: Store) -> None:
    stamp = KeyStamp(project, 0, 0, opened.data_version().key, ServicesGenerator.name)
    assert stamp.unchanged_with(ServicesGenerator())
    config = project / "govpress.toml"
    text = config.read_text(encoding="utf-8")
    database = text.split('services_database = "')[1].split('"')[0]
    unreachable = "postgresql://nobody:secret@127.0.0.1:1/none"
    config.write_text(text.replace(database, unreachable), encoding="utf-8")
    inputs = PrepareInputs(project, project / "source", load_config(project))
    with pytest.raises(GovpressError, match="cannot connect to PostgreSQL"):
        ServicesGenerator().cache_key(inputs)
    assert not stamp.unchanged_with(ServicesGenerator())


def test_the_cache_keeps_no_setting_of_the_store(project: Path, database: str, opened: Store, fixtures: Path) -> None:
    """The cache lies in the output folder: a PostgreSQL URL (it may hold a password) is not written there."""
    if "://" not in database:
        pytest.skip("a SQLite store is a file the cache watches (its path holds no secret): only a URL may")
    import_file(opened, fixtures / "te-small.csv")
    config = project / "govpress.toml"
    database = config.read_text(encoding="utf-8").split('services_database = "')[1].split('"')[0]
    build_site(project, generators=[_counted([])])
    records = record_folder(project, project / "_site")
    assert records is not None
    cache = b"".join(p.read_bytes() for p in records.path.rglob("*") if p.is_file())
    assert database.encode("utf-8") not in cache


def test_a_data_file_has_no_cache_key(project: Path) -> None:
    config = load_config(project).model_copy(update={"services_database": None, "services_file": "data.csv"})
    assert ServicesGenerator().cache_key(PrepareInputs(project, project / "source", config)) == ""
