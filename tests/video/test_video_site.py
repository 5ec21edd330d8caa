"""The WebVTT generator in a build: a ``.vtt`` beside every TTML file, none for other XML or where the project
has its own, and incremental builds that follow changed and new caption files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from govpress.site.build import build_site

SITE = Path(__file__).parent.parent / "fixtures" / "video" / "site"
TTML = '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">{text}</p></div></body></tt>\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(SITE, folder)
    return folder


def _touch_later(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_ttml_files_get_webvtt_twins_and_other_xml_does_not(project: Path) -> None:
    (project / "source" / "videos" / "feed.xml").write_text("<rss><channel/></rss>\n", encoding="utf-8")
    (project / "assets" / "data").mkdir(parents=True)
    (project / "assets" / "data" / "intro.xml").write_text(TTML.format(text="From the assets"), encoding="utf-8")
    (project / "source" / "videos" / "own").mkdir()
    (project / "source" / "videos" / "own" / "talk.xml").write_text(TTML.format(text="Converted"), encoding="utf-8")
    (project / "source" / "videos" / "own" / "talk.vtt").write_text(
        "WEBVTT\n\nNOTE written by hand\n", encoding="utf-8"
    )
    out = project / "_site"
    report = build_site(project, out)
    assert report.problems == ()
    assert (out / "videos" / "talk.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n\n00:00:00.000 --> ")
    assert (out / "assets" / "data" / "intro.vtt").read_text(encoding="utf-8").endswith("\nFrom the assets\n")
    assert not (out / "videos" / "feed.vtt").exists()
    assert (out / "videos" / "own" / "talk.vtt").read_text(encoding="utf-8") == "WEBVTT\n\nNOTE written by hand\n"


def test_a_changed_or_new_caption_file_is_seen_by_the_next_build(project: Path) -> None:
    out = project / "_site"
    assert build_site(project, out).problems == ()
    talk = project / "source" / "videos" / "talk.xml"
    _touch_later(talk, talk.read_text(encoding="utf-8").replace("That is the whole idea.", "That is the point."))
    (project / "source" / "videos" / "later").mkdir()
    (project / "source" / "videos" / "later" / "new.xml").write_text(TTML.format(text="A new file"), encoding="utf-8")
    assert build_site(project, out).problems == ()
    assert "That is the point." in (out / "videos" / "talk.vtt").read_text(encoding="utf-8")
    assert "That is the point." in (out / "videos" / "index.html").read_text(encoding="utf-8")
    assert (out / "videos" / "later" / "new.vtt").read_text(encoding="utf-8").endswith("\nA new file\n")


def test_a_broken_caption_file_is_one_located_warning_and_the_page_still_builds(project: Path) -> None:
    talk = project / "source" / "videos" / "talk.xml"
    talk.write_text(talk.read_text(encoding="utf-8").replace("</div>\n<div>", "</div>\n<dvi>", 1), encoding="utf-8")
    out = project / "_site"
    report = build_site(project, out)
    [problem] = report.problems
    assert (problem.path, problem.line) == (str(talk), 16)
    assert "not well-formed XML: mismatched tag" in problem.message
    page = (out / "videos" / "index.html").read_text(encoding="utf-8")
    assert 'data-govpress-youtube="ZRvrosexh_Y"' in page and "govpress-transcript" not in page
    assert not (out / "videos" / "talk.vtt").exists()
    assert report.failed(strict=True) and not report.failed(strict=False)


def test_a_page_whose_caption_file_was_missing_is_made_again_once_it_exists(project: Path) -> None:
    talk = project / "source" / "videos" / "talk.xml"
    text = talk.read_text(encoding="utf-8")
    talk.unlink()
    out = project / "_site"
    [problem] = build_site(project, out).problems
    assert "caption file 'talk.xml' does not exist" in problem.message
    assert (problem.path, problem.line) == (str(project / "source" / "videos" / "index.html"), 14)
    talk.write_text(text, encoding="utf-8")
    again = build_site(project, out)
    assert (again.problems, again.rendered) == ((), 1)
    assert "govpress-transcript" in (out / "videos" / "index.html").read_text(encoding="utf-8")
    assert build_site(project, out).rendered == 0, "and is reused while nothing changes"


def test_a_build_does_not_walk_the_source_folder_again_for_caption_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def walk_again(*arguments: object) -> None:
        raise AssertionError("the video generator discovered source/ again")

    monkeypatch.setattr("govpress.video.site.discover", walk_again)
    build_site(project)
    assert list((project / "_site").rglob("*.vtt")), "the caption files were found in the build's own tree"
