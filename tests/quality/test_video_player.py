"""The video players in a real browser: no request leaves 127.0.0.1 before the reader chooses to play a YouTube
video; then a youtube-nocookie.com player with captions on takes its place. Without JavaScript the choice is a link
to the video on YouTube. The HTML5 player's captions track loads (Chromium parses the WebVTT we wrote). The page
passes axe-core and the Nu Html Checker.

The site is tests/fixtures/video/site (a case study with a YouTube video and a video file, both captioned), built
into a temporary folder and served over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govpress.site.build import build_site
from support.axe import AxeChecker
from support.serve import Served, serve_folder
from support.site_checks import report
from support.tools import ValidatorTools
from support.vnu import validate_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SITE = Path(__file__).parent.parent / "fixtures" / "video" / "site"
YOUTUBE_ID = "ZRvrosexh_Y"


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("video") / "project"
    shutil.copytree(SITE, project)
    report = build_site(project, project / "_site")
    assert report.problems == ()
    return project / "_site"


@pytest.fixture(scope="module")
def served(video_site: Path) -> Iterator[Served]:
    with serve_folder(video_site) as found:
        yield found


def _recorded(page: Any) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_nothing_is_asked_of_a_third_party_before_the_reader_chooses(served: Served, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        requests = _recorded(page)
        page.goto(served.base_url + "videos/", wait_until="networkidle")
        page.wait_for_timeout(500)  # anything a script might ask for a moment after load
        assert served.base_url + "static/govpress/video.js" in requests, "the player script ran"
        assert [url for url in requests if not url.startswith("http://127.0.0.1:")] == []
        assert page.locator("iframe").count() == 0

        button = page.get_by_role("button", name="Play video on YouTube (loads content from youtube.com)")
        assert button.count() == 1, "with JavaScript the link became a button"
        button.click()
        frame = page.locator("iframe.govpress-video__iframe")
        frame.wait_for(state="attached")
        src = frame.get_attribute("src")
        assert src is not None and src.startswith(f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?")
        assert "cc_load_policy=1" in src and "cc_lang_pref=en" in src
        assert page.evaluate("document.activeElement.tagName") == "IFRAME", "the focus moves to the player"
        page.wait_for_timeout(200)
        after = [url for url in requests if not url.startswith("http://127.0.0.1:")]
        assert after and all(url.startswith("https://www.youtube-nocookie.com/embed/") for url in after)
    finally:
        page.close()


def test_without_javascript_the_choice_is_a_link_to_youtube(served: Served, axe_checker: AxeChecker) -> None:
    probe = axe_checker.new_page()
    browser = probe.context.browser
    probe.close()
    context = browser.new_context(java_script_enabled=False)
    try:
        context.route("**/*", _local_only)
        page = context.new_page()
        requests = _recorded(page)
        page.goto(served.base_url + "videos/", wait_until="networkidle")
        assert [url for url in requests if not url.startswith("http://127.0.0.1:")] == []
        link = page.get_by_role("link", name="Play video on YouTube (loads content from youtube.com)")
        assert link.get_attribute("href") == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"
        assert page.get_by_text("We publish what we do as we do it", exact=False).count() == 2, "transcripts show"
    finally:
        context.close()


def _local_only(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def test_the_html5_player_loads_its_webvtt_captions(served: Served, axe_checker: AxeChecker) -> None:
    page = axe_checker.new_page()
    try:
        page.goto(served.base_url + "videos/", wait_until="load")
        page.wait_for_function("document.querySelector('video track').readyState >= 2", timeout=10_000)
        state = page.evaluate(
            """() => {
              const track = document.querySelector('video track');
              return {ready: track.readyState, kind: track.track.kind, mode: track.track.mode,
                      cues: Array.from(track.track.cues, (cue) => cue.text)};
            }"""
        )
        assert state["ready"] == 2, "2 is LOADED; 3 would mean Chromium could not parse the WebVTT file"
        assert (state["kind"], state["mode"]) == ("captions", "showing")
        assert state["cues"] == [
            "<v Ann Example>We publish what we do\nas we do it,",
            "<v Ann Example>so anyone can see &amp; check it.",
            "<v Sam Sample>And tell us --&gt; when it is wrong.",
            "<v Sam Sample>That is the whole idea.",
        ]
    finally:
        page.close()


def test_the_page_with_players_passes_axe(served: Served, axe_checker: AxeChecker) -> None:
    found = axe_checker.check(served.base_url + "videos/")
    assert not found, report("axe-core violations on the video page", found)


@pytest.mark.vnu
def test_the_page_with_players_is_valid_html(video_site: Path, vnu_tools: ValidatorTools) -> None:
    found = validate_html([video_site / "videos" / "index.html"], vnu_tools)
    assert not found, report("Nu Html Checker errors on the video page", found)
