"""Benchmark: building the explorer pages for the real ``services.csv`` (734 services).

Prints the time to import into an in-memory store, to compute the figures, and to render and write the pages.
Usage: ``python bench/services_pages.py [--services-csv PATH] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from govpress.services.explorer import build_explorer
from govpress.services.importing import import_file
from govpress.services.pages.build import explorer_site_pages
from govpress.services.store import open_store
from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import SiteConfig
from govpress.site.write.assets import copy_static

REPO = Path(__file__).resolve().parent.parent
SERVICES_CSV = REPO.parent / "shared" / "data" / "spotlight" / "assets" / "data" / "services.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services-csv", type=Path, default=SERVICES_CSV)
    parser.add_argument("--out", type=Path, help="default: a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = args.out or Path(folder)
        start = time.perf_counter()
        store = open_store(":memory:")
        import_file(store, args.services_csv)
        imported = time.perf_counter()
        explorer = build_explorer(store.contents())
        figured = time.perf_counter()
        pages = list(explorer_site_pages(explorer, make_environment(SiteConfig(site_name="Service performance"))))
        rendered = time.perf_counter()
        for page in pages:
            target = out / page.output
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data())
        copy_static(out)
        written = time.perf_counter()
        html = sum(1 for p in pages if p.is_html)
        print(f"import {imported - start:.2f} s; figures {figured - imported:.2f} s; "
              f"render {rendered - figured:.2f} s ({html} pages, {len(pages) - html} data files); "
              f"write {written - rendered:.2f} s; total {written - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
