"""TTML → WebVTT: every fixture pair in tests/fixtures/video/ttml (NAME.xml read, NAME.vtt expected), and the
parts (time expressions, timestamps, escaping)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from govpress.video.timing import Rates, TimeError, milliseconds, vtt_timestamp
from govpress.video.ttml import read_captions
from govpress.video.webvtt import escape, webvtt

FIXTURES = Path(__file__).parent.parent / "fixtures" / "video" / "ttml"
CASES = sorted(path.stem for path in FIXTURES.glob("*.xml"))


def test_every_fixture_has_its_expected_webvtt() -> None:
    assert len(CASES) >= 7
    assert [name for name in CASES if not (FIXTURES / f"{name}.vtt").is_file()] == []


@pytest.mark.parametrize("name", CASES)
def test_ttml_fixture_converts_to_its_webvtt(name: str) -> None:
    captions = read_captions(FIXTURES / f"{name}.xml")
    assert webvtt(captions) == (FIXTURES / f"{name}.vtt").read_text(encoding="utf-8")


def test_the_language_and_the_paragraph_starts_are_read() -> None:
    assert read_captions(FIXTURES / "time-expressions.xml").language == "en-GB"
    assert read_captions(FIXTURES / "legacy-clock-times.xml").language is None
    cues = read_captions(FIXTURES / "open-ends-and-offsets.xml").cues
    assert [cue.paragraph for cue in cues] == [False, False, False, True, False]


def test_a_cue_ending_before_it_begins_is_kept_with_a_warning_at_its_line() -> None:
    captions = read_captions(FIXTURES / "open-ends-and-offsets.xml")
    [problem] = captions.problems
    assert (problem.path, problem.line) == (str(FIXTURES / "open-ends-and-offsets.xml"), 5)
    assert "ends before it begins" in problem.message
    assert "Ends before it begins." in [line for cue in captions.cues for line in cue.lines]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("00:00:00", 0),
        ("01:02:03", 3_723_000),
        ("00:00:01.0005", 1001),
        ("00:00:01.0004", 1000),
        ("123:00:00", 442_800_000),
        ("00:00:01:15", 1500),
        ("1.5h", 5_400_000),
        ("2m", 120_000),
        ("12.25s", 12_250),
        ("40ms", 40),
        ("45f", 1500),
        ("3t", 3000),
        (" 5s ", 5000),
    ],
)
def test_time_expressions(expression: str, expected: int) -> None:
    assert milliseconds(expression) == expected


def test_frames_and_ticks_use_the_documents_rates() -> None:
    rates = Rates(Fraction(25) * Fraction(1000, 1001), Fraction(1000))
    assert milliseconds("25f", rates) == 1001
    assert milliseconds("1500t", rates) == 1500


@pytest.mark.parametrize(
    "expression", ["", "1:00:00", "00:60:00", "00:00:61", "5", "5 s", "-1s", "1e3ms", "00:00:00:30"]
)
def test_what_is_not_a_time_expression(expression: str) -> None:
    with pytest.raises(TimeError):
        milliseconds(expression)


def test_webvtt_timestamps() -> None:
    assert vtt_timestamp(0) == "00:00:00.000"
    assert vtt_timestamp(3_723_004) == "01:02:03.004"
    assert vtt_timestamp(360_000_000) == "100:00:00.000"


def test_escaping_leaves_no_tag_and_no_arrow() -> None:
    text = escape("a --> b <c.x>&amp;</c>")
    assert text == "a --&gt; b &lt;c.x&gt;&amp;amp;&lt;/c&gt;"
    assert "-->" not in text and "<" not in text
