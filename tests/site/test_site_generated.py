"""Source pages a generator replaces are not rendered: the generator's module says which outputs it makes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.pages import Page, SiteContext

REPLACED = PurePosixPath("digital/quarterly-reports/spring-26/index.html")
PLANNED = (REPLACED, PurePosixPath("digital/not-in-the-source/index.html"))


def generated_outputs(project: Path, source_dir: Path) -> list[PurePosixPath]:
    """What this module's generators say they make (read by the build through the generators' module)."""
    return list(PLANNED)


def _page(output: PurePosixPath) -> Page:
    html = f"<!DOCTYPE html><html lang=en><title>Generated</title><main><h1>Generated {output}</h1></main></html>"
    return Page(output, html, "Generated")


def honest(context: SiteContext) -> Iterable[Page]:
    return [_page(output) for output in PLANNED]


def forgetful(context: SiteContext) -> Iterable[Page]:
    return [_page(PLANNED[1])]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    new_site(tmp_path / "example")
    return tmp_path / "example"


def test_a_page_a_generator_replaces_is_not_rendered(project: Path) -> None:
    report = build_site(project, generators=[honest])
    assert report.rendered == 7, "8 source pages, one replaced"
    assert "Generated digital/quarterly-reports" in (project / "_site" / REPLACED).read_text(encoding="utf-8")
    again = build_site(project, generators=[honest])
    assert again.rendered == 0


def test_a_generator_that_does_not_make_a_planned_page_gets_the_source_page(project: Path) -> None:
    report = build_site(project, generators=[forgetful])
    assert report.rendered == 8
    assert "Generated" not in (project / "_site" / REPLACED).read_text(encoding="utf-8")
