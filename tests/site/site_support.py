"""Helpers for the site tests: the legacy build's page list, reading built pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from govpress.site.report import BuildReport

ACTIONS = tuple(f"digital/strategy/actions/{n:02d}/index.html" for n in range(1, 15))
CASE_STUDIES = tuple(
    f"digital/strategy/case-studies/{slug}/index.html"
    for slug in (
        "active-leadership",
        "digital-services",
        "digital-capabilities",
        "fast-stream",
        "third-parties",
        "assisted-digital",
        "procurement",
        "government-as-platform",
        "management-info",
        "open-policy",
    )
)
LEGACY_PAGES = (
    "digital/index.html",
    "digital/strategy/index.html",
    "digital/strategy/foreword/index.html",
    "digital/strategy/actions/index.html",
    *ACTIONS,
    "digital/strategy/case-studies/index.html",
    *CASE_STUDIES,
    "digital/efficiency/index.html",
    "digital/research/index.html",
    "digital/assisted/index.html",
    "digital/assisted/the-need/index.html",
    "digital/assisted/innovation/index.html",
    "digital/quarterly-reports/april-13/index.html",
    "digital/quarterly-reports/july-13/index.html",
    "digital/quarterly-reports/october-13/index.html",
    "la-ida-review/index.html",
    "error.html",
    "digital/error.html",
    "la-ida-review/error.html",
)
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def main_of(page: Path) -> str:
    found = MAIN.search(page.read_text(encoding="utf-8"))
    assert found, f"{page}: no <main>"
    return found.group(0)


@dataclass(frozen=True)
class BuiltSite:
    out: Path
    report: BuildReport
