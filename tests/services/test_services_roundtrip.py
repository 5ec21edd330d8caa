"""Round trips between the formats, and the same service across the export and the public download."""

from __future__ import annotations

from pathlib import Path

from govpress.problems import Severity
from govpress.services.exporting import native_csv, native_json, public_download_csv
from govpress.services.importing import import_file
from govpress.services.model import PeriodKind, value_of
from govpress.services.store import Store, open_store
from support.store_dump import dump_store


def _reimported(text: str, name: str, tmp_path: Path) -> Store:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    copy = open_store(":memory:")
    result = import_file(copy, path)
    # the real data has digital volumes above volumes: reported again, at the cells of the new file, nothing else
    assert all(p.severity is Severity.WARNING and "implausible" in p.message for p in result.problems)
    return copy


def test_export_native_csv_and_json_round_trip(real_services_csv: Path, store: Store, tmp_path: Path) -> None:
    import_file(store, real_services_csv)
    original = dump_store(store)
    from_csv = _reimported(native_csv(store.contents()), "native.csv", tmp_path)
    assert dump_store(from_csv) == original
    from_json = _reimported(native_json(from_csv.contents()), "native.json", tmp_path)
    assert dump_store(from_json) == original


def test_native_keeps_the_three_states(fixtures: Path, store: Store, tmp_path: Path) -> None:
    import_file(store, fixtures / "native-small.json")
    text = native_csv(store.contents())
    assert ",***," in text  # not requested survives
    copy = _reimported(text, "again.csv", tmp_path)
    assert dump_store(copy) == dump_store(store)
    (observation,) = [o for o in copy.contents().observations["moh-honey-permits"] if o.period.key == "2016-Q2"]
    assert value_of(observation.digital_volume) == 0  # zero is a value


def test_public_download_round_trip_is_the_same_services(real_services_csv: Path, store: Store, tmp_path: Path) -> None:
    import_file(store, real_services_csv)
    contents = store.contents()
    public = _reimported(public_download_csv(contents), "transaction-volumes.csv", tmp_path)
    again = public.contents()
    assert len(again.services) == 734
    rolling = {
        (o.service, o.period.key): (o.volume, o.digital_volume, o.cost_per_transaction)
        for obs in contents.observations.values()
        for o in obs
        if o.period.kind is PeriodKind.ROLLING_YEAR
    }
    slugs = {(s.department.abbr, s.name): s.slug for s in contents.services}
    for service in again.services:
        original = slugs[(service.department.abbr, service.name)]
        for o in again.observations[service.slug]:
            assert (o.volume, o.digital_volume, o.cost_per_transaction) == rolling[(original, o.period.key)]


def test_public_download_into_a_store_with_the_export_keeps_one_service(
    real_services_csv: Path, store: Store, tmp_path: Path
) -> None:
    import_file(store, real_services_csv)
    path = tmp_path / "transaction-volumes.csv"
    path.write_text(public_download_csv(store.contents()), encoding="utf-8")
    before = dump_store(store)
    import_file(store, path)
    assert dump_store(store) == before  # same services, same figures: nothing changes


def test_given_slug_replaces_a_derived_one(fixtures: Path, store: Store) -> None:
    import_file(store, fixtures / "public-small.csv")
    assert "mot-brew-licences" in {s.slug for s in store.contents().services}  # derived from MOT + name
    import_file(store, fixtures / "te-small.csv")
    slugs = {s.slug for s in store.contents().services}
    assert {"mot-brew-licences", "doc-roasting-permits", "doc-decaf-declarations"} <= slugs
    assert len(slugs) == 4  # brew licences was the same service in both files
