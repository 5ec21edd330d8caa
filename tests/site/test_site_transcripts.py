"""Video transcripts from TTML caption files, put under the video link."""

from __future__ import annotations

from pathlib import Path

from govpress.site.transcripts import add_transcripts, read_cues

TTML = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/2006/10/ttaf1"><body><div xml:id="captions">
<p begin="00:00:01" end="00:00:03">Hello and</p>
<p begin="00:00:03" end="00:00:05">welcome <br/>to the <span>harbour</span>.</p>
</div></body></tt>
"""
PLAYER = (
    '<div class="media-player"><figure class="media-player-wrapper"><p><a href="https://video.example/1">Watch</a>\n'
    '<a class="captions" href="talk.xml">Captions</a></p></figure></div>'
)


def test_cues_are_read_in_order(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    cues = read_cues(tmp_path / "talk.xml")
    assert [(c.begin, c.text) for c in cues] == [("00:00:01", "Hello and"), ("00:00:03", "welcome to the harbour .")]


def test_the_transcript_follows_the_figure(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text(TTML, encoding="utf-8")
    body, read, problems = add_transcripts(PLAYER, tmp_path, tmp_path / "assets", tmp_path / "index.html")
    assert read == [tmp_path / "talk.xml"]
    assert problems == []
    assert body.index("</figure>") < body.index('<details class="govpress-transcript">') < body.index("</div>")
    assert "Hello and" in body


def test_a_broken_caption_file_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "talk.xml").write_text("<tt><p>", encoding="utf-8")
    body, read, problems = add_transcripts(PLAYER, tmp_path, tmp_path, tmp_path / "index.html")
    assert body == PLAYER
    assert read == []
    [problem] = problems
    assert "not well-formed" in problem.message
