"""The real Transactions Explorer export: 734 services, 18 departments, 77 high-volume flags, one #REF!."""

from __future__ import annotations

from pathlib import Path

from govpress.problems import Severity
from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.store import Store
from govpress.services.summary import summary
from support.store_dump import dump_store


def test_real_export_counts_and_its_ref_cell(real_services_csv: Path, store: Store) -> None:
    result = import_file(store, real_services_csv)
    assert result.format.name == "te-export"
    assert result.counts.services == 734
    refs = [p for p in result.problems if "#REF!" in p.message]
    assert len(refs) == 1
    (ref,) = refs
    assert ref.severity is Severity.WARNING
    assert ref.column == 122 and "'Hi-vol'" in ref.message and "not high-volume" in ref.message
    assert not [p for p in result.problems if p.severity is Severity.ERROR]
    result_summary = summary(build_explorer(store.contents()))
    assert result_summary["services"] == 734
    assert result_summary["departments"] == 18
    assert result_summary["high_volume_services"] == 77
    assert result_summary["latest_period"] == "2017-Q4"
    assert len({b for (b,) in store.connection.execute("SELECT abbr FROM bodies")}) >= 79


def test_reimporting_changes_nothing(real_services_csv: Path, store: Store) -> None:
    import_file(store, real_services_csv)
    before = dump_store(store)
    import_file(store, real_services_csv)
    assert dump_store(store) == before


def test_transactions_per_year_is_the_sum_of_latest_volumes(real_services_csv: Path, store: Store) -> None:
    import_file(store, real_services_csv)
    explorer = build_explorer(store.contents())
    latest = [v.rows[-1].volume for v in explorer.services if v.rows]
    assert summary(explorer)["transactions_per_year"] == int(sum(latest))
    per_department = sum(d["transactions_per_year"] or 0 for d in summary(explorer)["departments_detail"])
    assert per_department == int(sum(latest))
