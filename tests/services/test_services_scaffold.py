"""The example site's services data (``govpress new``) imports without a warning and shows each figure state."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.model import NOT_PROVIDED, NOT_REQUESTED
from govpress.services.store import Store


def test_scaffold_services_data(store: Store) -> None:
    path = Path(str(resources.files("govpress") / "scaffold" / "data" / "services" / "services.csv"))
    result = import_file(store, path)
    assert result.problems == []
    contents = store.contents()
    figures = [
        o.figure(f) for obs in contents.observations.values() for o in obs for f in ("volume", "cost_per_transaction")
    ]
    assert NOT_PROVIDED in figures and NOT_REQUESTED in figures
    explorer = build_explorer(contents)
    assert explorer.high_volume and any(v.kpis["volume"].stale for v in explorer.services)
