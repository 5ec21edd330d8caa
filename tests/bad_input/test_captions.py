"""Hostile and broken TTML caption files: a located problem naming the file and line, never a traceback, never an
entity expanded or a file outside the project read."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govpress.problems import GovpressError, Severity
from govpress.video import ttml
from govpress.video.ttml import read_captions
from govpress.video.webvtt import webvtt

HEAD = '<tt xmlns="http://www.w3.org/ns/ttml"><body><div>\n'
TAIL = "\n</div></body></tt>\n"


def _error(tmp_path: Path, text: str | bytes) -> tuple[int | None, str]:
    path = tmp_path / "captions.xml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        read_captions(path)
    [problem] = raised.value.problems
    assert problem.path == str(path)
    assert problem.severity is Severity.ERROR
    return problem.line, problem.message


def test_not_well_formed_xml_is_an_error_at_its_line(tmp_path: Path) -> None:
    line, message = _error(tmp_path, HEAD + '<p begin="1s" end="2s">one</p>\n<p begin="2s">two</span>' + TAIL)
    assert line == 3
    assert "not well-formed XML: mismatched tag" in message


def test_a_truncated_file_is_an_error(tmp_path: Path) -> None:
    line, message = _error(tmp_path, HEAD + '<p begin="1s">cut off')
    assert line == 2
    assert "not well-formed" in message


def test_billion_laughs_is_refused_before_any_expansion(tmp_path: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)
    )
    text = f"<?xml version='1.0'?>\n<!DOCTYPE tt [{entities}]>\n" + HEAD + '<p begin="1s">&j;</p>' + TAIL
    line, message = _error(tmp_path, text)
    assert line == 2
    assert "document type declaration: refused" in message


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    text = f'<!DOCTYPE tt [<!ENTITY x SYSTEM "file://{secret}">]>\n' + HEAD + '<p begin="1s">&x;</p>' + TAIL
    _, message = _error(tmp_path, text)
    assert "document type declaration" in message


def test_an_undeclared_entity_is_an_error_not_an_expansion(tmp_path: Path) -> None:
    line, message = _error(tmp_path, HEAD + '<p begin="1s">&nbsp;</p>' + TAIL)
    assert line == 2
    assert "undefined entity" in message


def test_a_document_that_is_not_ttml_is_an_error(tmp_path: Path) -> None:
    _, message = _error(tmp_path, "<rss><channel/></rss>")
    assert "not TTML: its root element is <rss>" in message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ttml, "MAX_BYTES", 100)
    _, message = _error(tmp_path, HEAD + '<p begin="1s">' + "words " * 50 + "</p>" + TAIL)
    assert "over the limit of 100 bytes" in message


def test_deep_nesting_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = HEAD + '<p begin="1s">' + "<span>" * 100 + "deep" + "</span>" * 100 + "</p>" + TAIL
    line, message = _error(tmp_path, text)
    assert line == 2
    assert "nest more than" in message


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    line, message = _error(tmp_path, (HEAD + '<p begin="1s">caf\xe9</p>' + TAIL).encode("latin-1"))
    assert line == 2
    assert "UTF-8" in message


def test_a_bad_frame_rate_is_an_error_at_the_root(tmp_path: Path) -> None:
    text = '<tt xmlns="http://www.w3.org/ns/ttml"\n xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="0">'
    line, message = _error(tmp_path, text + "<body/></tt>")
    assert line == 1
    assert "'0' is not a rate" in message


def test_a_bad_time_leaves_the_cue_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "captions.xml"
    cues = '<p begin="1s" end="2s">kept</p>\n<p begin="soon" end="2s">left out</p>\n<p begin="3s" dur="x">too</p>'
    path.write_text(HEAD + cues + TAIL, encoding="utf-8")
    captions = read_captions(path)
    assert [cue.lines for cue in captions.cues] == [("kept",)]
    assert [(p.severity, p.line) for p in captions.problems] == [(Severity.WARNING, 3), (Severity.WARNING, 4)]
    assert "'soon' is not a TTML time" in captions.problems[0].message


TTML_PIECES = [
    HEAD,
    TAIL,
    '<p begin="00:00:01" end="00:00:02">',
    '<p begin="1.5s" dur="40f">',
    '<p begin="bad">',
    "</p>",
    "<br/>",
    '<span ttm:agent="a" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">',
    "</span>",
    "<div begin='2s'>",
    "</div>",
    "&amp;",
    "&lt;",
    "-->",
    "--&gt;",
    "\n\n",
    "WEBVTT",
    "<![CDATA[<b>x</b>]]>",
    "<!-- c -->",
    "<!DOCTYPE tt>",
]


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(TTML_PIECES), st.text(max_size=8)), max_size=40))
def test_any_caption_file_gives_webvtt_or_a_located_message(pieces: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "captions.xml"
        path.write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
        try:
            captions = read_captions(path)
        except GovpressError as error:
            assert all(p.path == str(path) and p.line is not None for p in error.problems), error.problems
            return
        assert all(p.line is not None for p in captions.problems)
        blocks = webvtt(captions).split("\n\n")
        assert blocks[0] == "WEBVTT"
        for block in blocks[1:]:
            timing, *lines = block.rstrip("\n").split("\n")
            assert " --> " in timing and lines, block
            assert all(line.strip() and "-->" not in line and "<" not in line.removeprefix("<v ") for line in lines)
