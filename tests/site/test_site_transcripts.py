"""Videos on a page: each legacy player figure becomes a player, with the transcript and the captions download
under it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from govpress.problems import Severity
from govpress.site.build import build_site
from govpress.site.legacy_html.transcripts import add_players
from govpress.site.new import new_site
from govpress.site.sources.readers import ReadContext

TTML = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/2006/10/ttaf1"><body><div xml:id="captions">
<p begin="00:00:01" end="00:00:03">Hello and</p>
<p begin="00:00:03" end="00:00:05">welcome <br/>to the <span>harbour</span>.</p>
</div></body></tt>
"""
YOUTUBE = (
    '<div class="media-player"><figure class="media-player-wrapper"><p>'
    '<a href="http://www.youtube.com/watch?v=ZRvrosexh_Y">Watch</a>\n'
    '<a class="captions" href="talk.xml">Captions</a></p></figure></div>'
)


def _nowhere(needle: str) -> tuple[Path | None, int | None]:
    return None, None


def test_a_youtube_figure_becomes_a_player_followed_by_the_transcript(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    found = add_players(YOUTUBE, tmp_path, tmp_path / "assets", _nowhere)
    assert found.captions == [tmp_path / "talk.xml"]
    assert found.problems == []
    body = found.body
    assert body.startswith('<div class="media-player"><figure class="media-player-wrapper govpress-video">')
    assert "Captions</a>" not in body
    assert body.index('data-govpress-youtube="ZRvrosexh_Y"') < body.index('<div class="govpress-transcript">')
    assert '<p class="govuk-body">Hello and welcome to the harbour.</p>' in body
    assert '<a class="govuk-link" href="talk.vtt" type="text/vtt" download>' in body
    assert body.endswith("</a></p>\n</div></div>"), "the transcript follows the player inside div.media-player"


def test_captions_under_assets_are_found_there(tmp_path: Path) -> None:
    (tmp_path / "assets" / "data").mkdir(parents=True)
    (tmp_path / "assets" / "data" / "talk.xml").write_text(TTML, encoding="utf-8")
    body = YOUTUBE.replace('href="talk.xml"', 'href="/assets/data/talk.xml"')
    found = add_players(body, tmp_path / "page", tmp_path / "assets", _nowhere)
    assert found.captions == [tmp_path / "assets" / "data" / "talk.xml"]
    assert 'href="/assets/data/talk.vtt"' in found.body


def test_a_media_file_plays_with_its_captions_track(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML.replace("<tt ", '<tt xml:lang="en-GB" '), encoding="utf-8")
    body = YOUTUBE.replace("http://www.youtube.com/watch?v=ZRvrosexh_Y", "talk.mp4")
    found = add_players(body, tmp_path, tmp_path, _nowhere)
    assert '<track kind="captions" srclang="en-GB" label="English" src="talk.vtt" default>' in found.body
    assert "data-govpress-youtube" not in found.body


def test_a_figure_without_captions_gets_the_player_only(tmp_path: Path) -> None:
    body = '<figure class="media-player-wrapper">\n<p><a href="http://www.youtube.com/watch?v=gcTyuD25aoI">W</a></p>\n</figure>'
    found = add_players(body, tmp_path, tmp_path, _nowhere)
    assert 'data-govpress-youtube="gcTyuD25aoI"' in found.body
    assert "govpress-transcript" not in found.body
    assert (found.captions, found.problems) == ([], [])


def test_a_figure_linking_elsewhere_is_kept_with_its_transcript(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    body = YOUTUBE.replace("http://www.youtube.com/watch?v=ZRvrosexh_Y", "https://vimeo.com/1")
    found = add_players(body, tmp_path, tmp_path, _nowhere)
    assert found.body.startswith(body.removesuffix("</div>"))
    assert "Hello and welcome" in found.body


def test_a_broken_caption_file_is_a_warning_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text("<tt>\n<p>", encoding="utf-8")
    found = add_players(YOUTUBE, tmp_path, tmp_path, _nowhere)
    assert found.captions == [tmp_path / "talk.xml"], "a dependency: fixing it makes the page again"
    [problem] = found.problems
    assert (problem.severity, problem.path, problem.line) == (Severity.WARNING, str(tmp_path / "talk.xml"), 2)
    assert "not well-formed XML" in problem.message
    assert "govpress-transcript" not in found.body
    assert 'data-govpress-youtube="ZRvrosexh_Y"' in found.body, "the video still plays"


def test_a_missing_caption_file_is_a_warning_where_the_link_is_written(tmp_path: Path) -> None:
    page = tmp_path / "index.html"

    def locate(needle: str) -> tuple[Path | None, int | None]:
        return (page, 7) if needle == '"talk.xml"' else (None, None)

    found = add_players(YOUTUBE, tmp_path, tmp_path, locate)
    assert found.captions == [tmp_path / "talk.xml"], "a dependency: adding it makes the page again"
    [problem] = found.problems
    assert (problem.path, problem.line) == (str(page), 7)
    assert "caption file 'talk.xml' does not exist" in problem.message


def test_a_caption_link_outside_the_site_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    for href in ("../talk.xml", "https://example.com/talk.xml", "/etc/talk.xml", "talk.srt"):
        found = add_players(YOUTUBE.replace('href="talk.xml"', f'href="{href}"'), tmp_path / "page", tmp_path, _nowhere)
        assert found.captions == [], href
        [problem] = found.problems
        assert "no captions or transcript" in problem.message


def test_a_welsh_page_has_its_player_and_transcript_labels_in_welsh(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    body = add_players(YOUTUBE, tmp_path, tmp_path, _nowhere, "cy").body
    assert "<strong>Trawsgrifiad</strong>" in body
    assert "download>Lawrlwytho\u2019r capsiynau (ffeil WebVTT)</a>" in body
    assert "Chwarae\u2019r fideo ar YouTube" in body and "hl=cy" in body
    for english in ("Transcript", "Download the captions", "Play video on YouTube"):
        assert english not in body


def test_a_page_of_the_welsh_tree_is_read_in_welsh(tmp_path: Path) -> None:
    """On a bilingual site the readers give a page's players its tree's language."""
    context = ReadContext(tmp_path, tmp_path, None, {}, language="en", other_languages=("cy",))
    assert context.language_of(PurePosixPath("cy/digital/index.html")) == "cy"
    assert context.language_of(PurePosixPath("digital/cy/index.html")) == "en"
    assert context.language_of(PurePosixPath("cy.html")) == "en"
    assert context.language_of(PurePosixPath("digital/index.html")) == "en"


def test_the_bilingual_examples_welsh_page_has_a_welsh_player_and_transcript(tmp_path: Path) -> None:
    project = tmp_path / "example"
    new_site(project)
    figure = YOUTUBE.replace("talk.xml", "/assets/talk.xml")
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "talk.xml").write_text(TTML, encoding="utf-8")
    for home in (project / "source" / "digital" / "index.html", project / "source" / "cy" / "digital" / "index.html"):
        home.write_text(home.read_text(encoding="utf-8") + f"\n{figure}\n", encoding="utf-8")
    build_site(project, tmp_path / "out", generators=())
    welsh = (tmp_path / "out" / "cy" / "digital" / "index.html").read_text(encoding="utf-8")
    english = (tmp_path / "out" / "digital" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Trawsgrifiad</strong>" in welsh and "hl=cy" in welsh and "Play video" not in welsh
    assert "<strong>Transcript</strong>" in english and "hl=en" in english and "Chwarae" not in english
