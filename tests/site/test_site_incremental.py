"""Incremental and reproducible builds, on a copy of the example site (small and fast)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from govpress.site.build import build_site
from govpress.site.sources.dates import file_dates


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


def _commit(project: Path, date: str) -> None:
    """Put ``project`` under git, every file in one commit made at ``date``."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@x", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    for arguments in (["init", "-q"], ["add", "."], ["commit", "-qm", "site"]):
        subprocess.run(["git", *arguments], cwd=project, env=env, check=True, capture_output=True)


def test_the_last_updated_date_is_the_last_commit_not_the_files_mtime(project: Path) -> None:
    _commit(project, "2013-02-03T10:20:00+00:00")
    page = project / "source/digital/quarterly-reports/spring-26/index.html"
    for path in page.parent.iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    build_site(project, generators=())
    html = (project / "_site/digital/quarterly-reports/spring-26/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2013-02-03">3 February 2013</time>' in html


def test_files_outside_git_show_no_date(project: Path) -> None:
    """Their mtime says when they were copied, not when they were written: no "Last updated" at all."""
    page = project / "source/digital/quarterly-reports/spring-26/index.html"
    os.utime(page, (1_700_000_000, 1_700_000_000))
    build_site(project, generators=())
    for built in (project / "_site").rglob("*.html"):
        assert "govpress-last-updated" not in built.read_text(encoding="utf-8"), built
    assert file_dates(project, {}).last_updated([page]) is None


def test_source_date_epoch_is_the_latest_date_shown(project: Path) -> None:
    _commit(project, "2013-02-03T10:20:00+00:00")
    dates = file_dates(project, {"SOURCE_DATE_EPOCH": "946684800"})
    assert dates.last_updated([project / "govpress.toml"]) == datetime(2000, 1, 1, tzinfo=UTC)
    assert file_dates(project, {}).last_updated([project / "govpress.toml"]) == datetime(2013, 2, 3, 10, 20, tzinfo=UTC)
    assert file_dates(project, {"SOURCE_DATE_EPOCH": "946684800"}).last_updated([project / "nowhere.md"]) is None


def test_a_date_given_in_meta_html_is_the_last_updated_date(project: Path) -> None:
    meta = project / "source/digital/quarterly-reports/spring-26/meta.html"
    meta.write_text(meta.read_text(encoding="utf-8") + '<meta name="dcterms.modified" content="2026-03-31">\n')
    report = build_site(project, generators=())
    html = (project / "_site/digital/quarterly-reports/spring-26/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-03-31">31 March 2026</time>' in html
    assert [p for p in report.problems if "dcterms" in p.message] == []


def test_a_date_in_meta_html_that_is_not_a_date_is_a_warning_and_no_date(project: Path) -> None:
    meta = project / "source/digital/quarterly-reports/spring-26/meta.html"
    lines = meta.read_text(encoding="utf-8").count("\n")
    meta.write_text(meta.read_text(encoding="utf-8") + '<meta name="dcterms.modified" content="31/03/2026">\n')
    report = build_site(project, generators=())
    html = (project / "_site/digital/quarterly-reports/spring-26/index.html").read_text(encoding="utf-8")
    assert "govpress-last-updated" not in html
    (problem,) = [p for p in report.problems if "dcterms" in p.message]
    assert (problem.path, problem.line) == (str(meta), lines + 1) and "'31/03/2026'" in problem.message
