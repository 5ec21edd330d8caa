"""``{TIMESTAMP}`` in a built site: git's date, else the date the document's ``meta.html`` gives, else no date (words
saying so, and a warning at the tag's line); never the date the files were copied."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from govpress.site.build import build_site

DOCUMENT = "# Plan\n\nThe plan.\n\nLast edited on {TIMESTAMP}\n"
COPIED = 1_300_000_000  # 13 March 2011: when the files were copied, which no page may show
HISTORY = "https://github.com/alphagov/government-digital-strategy/commits/master/source/plan"


def _project(root: Path, meta: str = "") -> Path:
    project = root / "project"
    folder = project / "source" / "plan"
    folder.mkdir(parents=True)
    (folder / "00-contents.md").write_text(DOCUMENT, encoding="utf-8")
    (folder / "meta.html").write_text(f"<title>Plan</title>\n{meta}", encoding="utf-8")
    for path in folder.iterdir():
        os.utime(path, (COPIED, COPIED))
    return project


def _built(project: Path, out: Path) -> tuple[str, list[tuple[str, int | None, str]]]:
    report = build_site(project, out, generators=())
    page = (out / "plan" / "index.html").read_text(encoding="utf-8")
    warnings = [(Path(p.path or "").name, p.line, p.message) for p in report.warnings if "{TIMESTAMP}" in p.message]
    return page, warnings


def test_in_git_the_timestamp_is_the_last_commit(tmp_path: Path) -> None:
    project = _project(tmp_path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
        "GIT_AUTHOR_DATE": "2013-02-03T10:20:00+00:00",
        "GIT_COMMITTER_DATE": "2013-02-03T10:20:00+00:00",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "plan"]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True, capture_output=True)
    page, warnings = _built(project, tmp_path / "out")
    assert f'Last edited on <a href="{HISTORY}">3 Feb 2013 at 10:20am</a>' in page
    assert warnings == []


def test_outside_git_the_timestamp_is_the_date_meta_html_gives(tmp_path: Path) -> None:
    project = _project(tmp_path, '<meta name="dcterms.modified" content="2025-12-01">\n')
    page, warnings = _built(project, tmp_path / "out")
    assert f'Last edited on <a href="{HISTORY}">1 Dec 2025 at 12:00am</a>' in page
    assert warnings == []


def test_with_no_known_date_the_page_says_so_and_the_build_warns_at_the_tag(tmp_path: Path) -> None:
    page, warnings = _built(_project(tmp_path), tmp_path / "out")
    assert f'Last edited on <a href="{HISTORY}">a date shown in its history</a>' in page
    assert "2011" not in page, "the date the files were copied is no date of the document"
    assert [(name, line) for name, line, _ in warnings] == [("00-contents.md", 5)]
    assert warnings[0][2].startswith("{TIMESTAMP}: no date is known for this document")
