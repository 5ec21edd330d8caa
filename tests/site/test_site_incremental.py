"""Incremental and reproducible builds, on a copy of the example site (small and fast)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.dates import file_dates
from govpress.site.new import new_site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    new_site(tmp_path / "example")
    return tmp_path / "example"


def _files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".govpress-cache" not in p.parts
    }


def test_a_second_build_renders_nothing_and_changes_nothing(project: Path) -> None:
    first = build_site(project, generators=())
    before = {p: p.stat().st_mtime_ns for p in (project / "_site").rglob("*.html")}
    second = build_site(project, generators=())
    assert (first.rendered, second.rendered) == (6, 0)  # two of the six are Welsh
    assert {p: p.stat().st_mtime_ns for p in (project / "_site").rglob("*.html")} == before


def test_a_changed_partial_rebuilds_only_the_pages_that_read_it(project: Path) -> None:
    build_site(project, generators=())
    partial = project / "source/partials/quarters/_spring-26.md"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n* tested the rebuild\n", encoding="utf-8")
    report = build_site(project, generators=())
    assert report.rendered == 1
    page = project / "_site/digital/quarterly-reports/spring-26/index.html"
    assert "tested the rebuild" in page.read_text(encoding="utf-8")


def test_a_removed_page_is_removed_from_the_output(project: Path) -> None:
    build_site(project, generators=())
    (project / "source/digital/quarterly-reports/spring-26/index.html").unlink()
    build_site(project, generators=())
    assert not (project / "_site/digital/quarterly-reports/spring-26/index.html").exists()
    assert (project / "_site/digital/index.html").exists()


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "one", jobs=1)
    build_site(project, tmp_path / "two", jobs=2)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_the_last_updated_date_comes_from_the_files_not_the_clock(project: Path) -> None:
    page = project / "source/digital/quarterly-reports/spring-26/index.html"
    os.utime(page, (1_700_000_000, 1_700_000_000))
    for path in page.parent.iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    partial = project / "source/partials/quarters/_spring-26.md"
    os.utime(partial, (1_600_000_000, 1_600_000_000))
    build_site(project, generators=())
    html = (project / "_site/digital/quarterly-reports/spring-26/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-11-14">14 November 2023</time>' in html


def test_source_date_epoch_is_the_latest_date_shown(project: Path) -> None:
    dates = file_dates(project, {"SOURCE_DATE_EPOCH": "946684800"})
    assert dates.last_updated([project / "govpress.toml"]) == datetime(2000, 1, 1, tzinfo=UTC)
    assert file_dates(project, {}).last_updated([project / "govpress.toml"]) != datetime(2000, 1, 1, tzinfo=UTC)
