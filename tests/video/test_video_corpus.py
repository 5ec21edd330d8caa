"""Videos on the legacy corpus, built: every TTML file published as WebVTT beside it, the case studies' and the
assisted-digital pages' players and transcripts (a golden file), and no caption problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govpress.site.build import build_site
from govpress.site.report import BuildReport
from support.golden import check_golden

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).parent.parent / "fixtures" / "video" / "golden"
PLAYER = re.compile(
    r'<figure class="media-player-wrapper govpress-video">.*?</figure>'
    r'(?:\n<div class="govpress-transcript">.*?</div>)?',
    re.DOTALL,
)
CASE_STUDIES = Path("digital/strategy/case-studies")


@pytest.fixture(scope="module")
def corpus_build(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("video-corpus")
    return out, build_site(corpus_dir, out, jobs=1)


def _players(page: Path) -> list[str]:
    return PLAYER.findall(page.read_text(encoding="utf-8"))


def test_every_ttml_file_is_published_as_webvtt_beside_it(corpus_build: tuple[Path, BuildReport]) -> None:
    out, _ = corpus_build
    copied = sorted(path for path in out.rglob("*.xml") if path.name != "sitemap.xml")  # the caption files
    assert len(copied) == 16
    for xml in copied:
        vtt = xml.with_suffix(".vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT\n\n00:00:0"), xml
        assert vtt.count(" --> ") == xml.read_text(encoding="utf-8").count("<p ") - ("intro-captions" in xml.name)


def test_the_build_finds_no_caption_or_player_problem(corpus_build: tuple[Path, BuildReport]) -> None:
    _, report = corpus_build
    assert [p for p in report.problems if ".vtt" in p.message or "caption" in p.message or ".xml" in str(p.path)] == []


def test_every_case_study_video_plays_with_its_transcript(corpus_build: tuple[Path, BuildReport]) -> None:
    out, _ = corpus_build
    pages = sorted((out / CASE_STUDIES).glob("*/index.html"))
    players = {page.parent.name: _players(page) for page in pages}
    assert sum(len(found) for found in players.values()) == 12
    assert players["open-policy"] == []
    assert len(players["digital-capabilities"]) == 3
    for name, found in players.items():
        for player in found:
            assert "data-govpress-youtube=" in player, name
            assert '<div class="govpress-transcript">' in player, name
            assert re.search(r'href="transcript[-a-z]*\.vtt" type="text/vtt" download>', player), name


def test_assisted_digital_video_pages_have_players(corpus_build: tuple[Path, BuildReport]) -> None:
    out, _ = corpus_build
    for name in ("the-need", "innovation"):
        [player] = _players(out / "digital/assisted" / name / "index.html")
        assert "data-govpress-youtube=" in player and "govpress-transcript" not in player


def test_the_assisted_digital_case_study_and_video_page_match_their_golden_file(
    corpus_build: tuple[Path, BuildReport],
) -> None:
    out, _ = corpus_build
    pages = (CASE_STUDIES / "assisted-digital/index.html", Path("digital/assisted/the-need/index.html"))
    text = "".join(f"<!-- {page} -->\n" + "\n".join(_players(out / page)) + "\n" for page in pages)
    check_golden(GOLDEN / "assisted-digital-players.html", text)


def test_only_pages_with_a_youtube_player_load_its_script(corpus_build: tuple[Path, BuildReport]) -> None:
    out, _ = corpus_build
    script = '<script type="module" src="/static/govpress/video.js"></script>'
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert (script in html) is ("data-govpress-youtube=" in html), page
    assert (out / "static/govpress/video.js").is_file()
