"""A build with nothing to do (govpress.site.engine.unchanged): it reads stamps only, reports what the last build
found, and writes nothing; any change to what a build reads makes it a full build again."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.engine.records import record_folder
from govpress.site.engine.unchanged import RECORD_FILE, walk

NOTHING_CHANGED = "nothing has changed since the last build"


def _stamps(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*")}


def _was_skipped(caplog: pytest.LogCaptureFixture) -> bool:
    return any(NOTHING_CHANGED in record.getMessage() for record in caplog.records)


def test_a_build_with_nothing_changed_reports_the_last_one_and_writes_nothing(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "source" / "digital" / "strategy" / "99-broken.md").write_text("[gone](/no/such/page/)\n")
    first = build_site(project)
    out = project / "_site"
    before = _stamps(out)
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        second = build_site(project)
    assert _was_skipped(caplog)
    assert second.rendered == 0
    assert (second.pages, second.files, second.problems) == (first.pages, first.files, first.problems)
    assert any("no/such/page" in problem.message for problem in second.problems), "its warnings are reported again"
    assert _stamps(out) == before


def _touch_source(project: Path) -> None:
    page = project / "source" / "digital" / "strategy" / "01-introduction.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def _add_asset(project: Path) -> None:
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "new.txt").write_text("new\n")


def _change_settings(project: Path) -> None:
    settings = project / "govpress.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# a comment changes the file\n", encoding="utf-8")


def _delete_output_file(project: Path) -> None:
    (project / "_site" / "robots.txt").unlink()


def _edit_output_file(project: Path) -> None:
    page = project / "_site" / "index.html"
    page.write_bytes(page.read_bytes() + b"<!-- edited -->")


@pytest.mark.parametrize(
    "change",
    [_touch_source, _add_asset, _change_settings, _delete_output_file, _edit_output_file],
    ids=["source", "asset", "settings", "output-deleted", "output-edited"],
)
def test_any_change_makes_a_full_build(
    project: Path, caplog: pytest.LogCaptureFixture, change: Callable[[Path], None]
) -> None:
    first = build_site(project)
    change(project)
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        build_site(project)
    assert not _was_skipped(caplog)
    fresh = project.parent / "fresh"
    build_site(project, fresh)
    site = project / "_site"
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    for name in names:
        assert (site / name).read_bytes() == (fresh / name).read_bytes(), f"{name} is as a fresh build makes it"
    assert first.pages > 0


def test_a_changed_option_or_date_ceiling_makes_a_full_build(
    project: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(project)
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        build_site(project, base_url="/plan/")
        assert not _was_skipped(caplog)
        build_site(project, base_url="/plan/")
        assert _was_skipped(caplog)
        caplog.clear()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build_site(project, base_url="/plan/")
        assert not _was_skipped(caplog)


def test_a_new_git_commit_makes_a_full_build(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    environment |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=project, env=environment, check=True, capture_output=True)

    git("init", "-q")
    git("add", "source")
    git("commit", "-q", "-m", "first")
    build_site(project)
    git("commit", "-q", "--allow-empty", "-m", "second")  # no file changes: only the dates may
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        build_site(project)
    assert not _was_skipped(caplog)


def test_a_tampered_record_is_not_trusted(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    build_site(project)
    records = record_folder(project, project / "_site")
    assert records is not None
    record = records.file(RECORD_FILE)
    record.write_bytes(record.read_bytes().replace(b'"pages":', b'"pages":1'))
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        report = build_site(project)
    assert not _was_skipped(caplog)
    assert report.pages > 1


def test_a_build_with_errors_is_never_skipped(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "source" / "digital" / "strategy" / "99-bad.md").write_bytes(b"\xff\xfe not UTF-8 \x80\n")
    first = build_site(project)
    assert first.errors
    with caplog.at_level(logging.INFO, logger="govpress.site.build"):
        second = build_site(project)
    assert not _was_skipped(caplog)
    assert second.errors == first.errors


def test_the_walk_gives_each_entry_its_kind_without_following_links(tmp_path: Path) -> None:
    """A folder's mode is its type alone (read from the listing); a file's and a link's are their own ``lstat``'s; a
    link to a folder is a link, never walked into."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_text("page", encoding="utf-8")
    (tmp_path / "a" / "link").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "a" / "file.txt").write_text("text", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    found = {os.path.relpath(entry.path, tmp_path): mode for entry, mode in walk(str(tmp_path))}
    assert found == {
        "a": stat.S_IFDIR,
        "a/b": stat.S_IFDIR,
        "a/b/page.html": (tmp_path / "a" / "b" / "page.html").lstat().st_mode,
        "a/file.txt": (tmp_path / "a" / "file.txt").lstat().st_mode,
        "a/link": (tmp_path / "a" / "link").lstat().st_mode,
    }
    assert stat.S_ISLNK(found["a/link"])
