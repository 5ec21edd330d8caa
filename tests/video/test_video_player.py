"""The player chosen for a legacy video link: YouTube ids, media files, and the markup of each."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from govpress.i18n import translations
from govpress.video.player import LOAD_TEXT, Track, embed_url, figure_links, media_type, player_html, youtube_id


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http://www.youtube.com/watch?v=ZRvrosexh_Y", "ZRvrosexh_Y"),
        ("https://youtube.com/watch?feature=share&v=a-RDuI18glc", "a-RDuI18glc"),
        ("https://m.youtube.com/watch?v=ZRvrosexh_Y&t=30s", "ZRvrosexh_Y"),
        ("https://youtu.be/ZRvrosexh_Y", "ZRvrosexh_Y"),
        ("https://www.youtube.com/embed/ZRvrosexh_Y?rel=0", "ZRvrosexh_Y"),
        ("https://www.youtube-nocookie.com/embed/ZRvrosexh_Y", "ZRvrosexh_Y"),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://www.youtube.com/watch?v=ZRvrosexh_Y%22onload", None),
        ("https://www.youtube.com.example/watch?v=ZRvrosexh_Y", None),
        ("https://example.com/watch?v=ZRvrosexh_Y", None),
        ("javascript:alert(1)//youtu.be/ZRvrosexh_Y", None),
        ("https://www.youtube.com/playlist?list=ZRvrosexh_Y", None),
    ],
)
def test_youtube_ids(href: str, expected: str | None) -> None:
    assert youtube_id(href) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("talk.mp4", "video/mp4"),
        ("/assets/video/talk.WEBM", "video/webm"),
        ("https://media.example/talk.ogv?x=1", "video/ogg"),
        ("talk.m4v", "video/mp4"),
        ("talk.mp3", None),
        ("javascript:x.mp4", None),
        ("https://media.example/watch", None),
    ],
)
def test_media_types(href: str, expected: str | None) -> None:
    assert media_type(href) == expected


def test_the_links_of_a_legacy_figure_in_any_attribute_order() -> None:
    figure = (
        '<figure class="media-player-wrapper"><p><a rel="external" href="http://www.youtube.com/watch?v=x">'
        'Watch</a> <a href="t.xml" class="captions">Captions</a></p></figure>'
    )
    links = figure_links(figure)
    assert (links.video, links.captions) == ("http://www.youtube.com/watch?v=x", "t.xml")
    assert figure_links('<figure class="media-player-wrapper"><p>nothing</p></figure>').video is None


def test_a_youtube_player_loads_nothing_from_youtube_until_asked() -> None:
    html = player_html("http://www.youtube.com/watch?v=ZRvrosexh_Y", Track("t.vtt", "en"))
    assert html is not None
    assert 'data-govpress-youtube="ZRvrosexh_Y"' in html
    assert f'href="https://www.youtube.com/watch?v=ZRvrosexh_Y">{LOAD_TEXT}</a>' in html
    assert "<iframe" not in html and "<img" not in html and "<script" not in html
    assert 'data-captions-lang="en"' in html
    assert 'data-govpress-embed="https://www.youtube-nocookie.com/embed/ZRvrosexh_Y?cc_load_policy=1&amp;' in html


def test_a_media_file_plays_in_a_video_element_with_its_captions_track() -> None:
    html = player_html("/assets/video/a&b.mp4", Track("transcript.vtt", "cy"))
    assert html == (
        '<figure class="media-player-wrapper govpress-video">\n'
        '<video class="govpress-video__media" controls preload="none">\n'
        '<source src="/assets/video/a&amp;b.mp4" type="video/mp4">\n'
        '<track kind="captions" srclang="cy" label="Cymraeg" src="transcript.vtt" default>\n'
        '<p class="govuk-body">Your browser cannot play this video. '
        '<a class="govuk-link" href="/assets/video/a&amp;b.mp4">Download the video</a>.</p>\n'
        "</video>\n"
        "</figure>"
    )


def test_a_media_file_without_captions_has_no_track() -> None:
    html = player_html("talk.webm", None)
    assert html is not None and "<track" not in html and 'type="video/webm"' in html


def test_a_link_to_anything_else_gets_no_player() -> None:
    assert player_html("https://vimeo.com/123", None) is None


@pytest.mark.parametrize(("language", "expected"), [("cy", "cy"), ("en-GB", "en"), ("en", "en")])
def test_the_embed_asks_for_captions_and_player_text_in_the_page_language(language: str, expected: str) -> None:
    url = urlsplit(embed_url("ZRvrosexh_Y", language))
    assert (url.scheme, url.hostname, url.path) == ("https", "www.youtube-nocookie.com", "/embed/ZRvrosexh_Y")
    query = parse_qs(url.query)
    assert query["cc_load_policy"] == ["1"]
    assert query["cc_lang_pref"] == [expected] and query["hl"] == [expected]


def test_a_welsh_page_gets_a_welsh_youtube_player_asking_for_welsh_captions() -> None:
    html = player_html("https://youtu.be/ZRvrosexh_Y", Track("t.vtt", "en"), "cy", translations("cy").gettext)
    assert html is not None
    assert "Chwarae\u2019r fideo ar YouTube (yn llwytho cynnwys o youtube.com)</a>" in html
    assert 'data-frame-title="Chwaraewr fideo (YouTube)"' in html
    assert "cc_lang_pref=cy&amp;hl=cy" in html
    assert "Play video" not in html


def test_a_welsh_page_gets_a_welsh_media_player() -> None:
    html = player_html("talk.mp4", None, "cy", translations("cy").gettext)
    assert html is not None
    fallback = (
        'Ni all eich porwr chwarae\u2019r fideo hwn. <a class="govuk-link" href="talk.mp4">Lawrlwytho\u2019r fideo</a>.'
    )
    assert f'<p class="govuk-body">{fallback}</p>' in html


def test_a_figure_linking_to_youtube_and_a_media_file_plays_the_media_file_with_our_captions() -> None:
    figure = (
        '<figure class="media-player-wrapper"><p><a href="https://youtu.be/ZRvrosexh_Y">YouTube</a> '
        '<a href="/assets/talk.mp4">MP4</a> <a class="captions" href="t.xml">Captions</a></p></figure>'
    )
    assert figure_links(figure).video == "/assets/talk.mp4"
