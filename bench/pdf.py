"""PDF speed and size on the legacy corpus: each document's PDF written tagged (PDF/UA-1, as ``--pdf`` writes it) and
untagged (WeasyPrint's plain PDF, as before tagging), so the cost of tagging shows.

The corpus is built once (no PDFs) into a temporary folder; then each document page is written as PDF with
:func:`govpress.pdf.write_pdf`, the two kinds in turn, round after round, so a drifting machine favours neither. Each
figure is the median over the runs of the five PDFs' total, as wall-clock time and as CPU time (on a busy machine,
CPU time is the steadier figure), with the PDFs' total size.

    python bench/pdf.py [--project ../shared/corpus/gds-digital-strategy] [--runs 3]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

import govpress.pdf
from govpress.site.build import build_site
from govpress.site.sources.discover import discover
from govpress.site.structure.facts import page_facts

DEFAULT_PROJECT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gds-digital-strategy"
VARIANTS = {"tagged (pdf/ua-1)": govpress.pdf.PDF_VARIANT, "untagged": None}


def write_all(site: Path, pages: list[Path], into: Path, variant: str | None) -> tuple[float, float, int]:
    """Write every page's PDF with ``variant``; the wall time, CPU time and total size."""
    saved = govpress.pdf.PDF_VARIANT
    govpress.pdf.PDF_VARIANT = variant  # type: ignore[assignment]  # the bench's one switch: the variant written
    try:
        wall, cpu, size = time.perf_counter(), time.process_time(), 0
        for page in pages:
            target = into / f"{page.parent.name}.pdf"
            base_url = page.parent.as_uri() + "/"
            date = page_facts(page.read_text(encoding="utf-8")).last_updated
            govpress.pdf.write_pdf(page, target, base_url=base_url, site_root=site, date=date)
            size += target.stat().st_size
        return time.perf_counter() - wall, time.process_time() - cpu, size
    finally:
        govpress.pdf.PDF_VARIANT = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=DEFAULT_PROJECT)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary).resolve() / "site"
        build_site(options.project, site)
        pages = [site / document.output for document in discover(options.project / "source").documents]
        figures: dict[str, list[tuple[float, float, int]]] = {name: [] for name in VARIANTS}
        for _ in range(options.runs):
            for name, variant in VARIANTS.items():
                into = Path(tempfile.mkdtemp(dir=temporary))
                figures[name].append(write_all(site, pages, into, variant))
    print(f"{len(pages)} PDFs of {options.project.name}, median of {options.runs} runs:")
    for name, runs in figures.items():
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        print(f"  {name:<18} wall {wall:6.2f} s   CPU {cpu:6.2f} s   {runs[0][2] / 1e6:5.2f} MB")


if __name__ == "__main__":
    main()
