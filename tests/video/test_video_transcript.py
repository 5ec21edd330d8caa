"""Transcripts as prose: cues joined into sentences, paragraphs where the TTML or the speaker changes, long ones
broken at a sentence end; and on real corpus caption files."""

from __future__ import annotations

import re
from pathlib import Path

from govpress.video.transcript import PARAGRAPH_WORDS, Paragraph, transcript_html, transcript_paragraphs
from govpress.video.ttml import Cue, read_captions

FIXTURES = Path(__file__).parent.parent / "fixtures" / "video" / "ttml"


def _cue(text: str, speaker: str | None = None, paragraph: bool = False) -> Cue:
    return Cue(0, 1, tuple(text.split("|")), speaker, paragraph)


def test_a_sentence_split_across_cues_and_lines_reads_as_one() -> None:
    cues = [_cue("We are creating a new|digital"), _cue("services division.  It is|new.")]
    assert transcript_paragraphs(cues) == [Paragraph("We are creating a new digital services division. It is new.")]


def test_a_new_div_starts_a_paragraph() -> None:
    cues = read_captions(FIXTURES / "open-ends-and-offsets.xml").cues
    assert [p.text for p in transcript_paragraphs(cues)] == [
        "Starts at fifteen seconds, ends when the next begins. Ends before it begins. Ends when the next begins.",
        "The second part. The last cue lasts five seconds.",
    ]


def test_a_change_of_speaker_starts_a_paragraph_headed_by_the_name() -> None:
    paragraphs = transcript_paragraphs(read_captions(FIXTURES / "speakers.xml").cues)
    assert paragraphs == [
        Paragraph("Hello, and welcome.", "Ann Example"),
        Paragraph("Thanks, Ann.", "Bob <The Builder> & Co"),
        Paragraph("Later that day.", "narrator"),
        Paragraph("Who?", "someone"),
    ]
    assert transcript_html(paragraphs[1:2]) == (
        '<p class="govuk-body"><strong>Bob &lt;The Builder&gt; &amp; Co:</strong> Thanks, Ann.</p>'
    )


def test_cues_without_a_speaker_continue_the_speakers_paragraph() -> None:
    cues = [_cue("Hello", "Ann"), _cue("there."), _cue("Hi.", "Bob")]
    assert transcript_paragraphs(cues) == [Paragraph("Hello there.", "Ann"), Paragraph("Hi.", "Bob")]


def test_a_long_paragraph_breaks_at_the_first_sentence_end_after_the_limit() -> None:
    long_sentence = " ".join(["word"] * PARAGRAPH_WORDS) + " end."
    cues = [_cue(long_sentence), _cue("e.g. lower case goes on. Next sentence."), _cue("Another one.")]
    paragraphs = transcript_paragraphs(cues)
    assert [p.text.split()[-1] for p in paragraphs] == ["on.", "one."]
    assert paragraphs[1].text == "Next sentence. Another one."


def test_text_is_escaped_in_html() -> None:
    assert transcript_html([Paragraph("a <b> & c")]) == '<p class="govuk-body">a &lt;b&gt; &amp; c</p>'


def test_a_real_caption_file_reads_as_prose(corpus_dir: Path) -> None:
    path = corpus_dir / "source/digital/strategy/case-studies/digital-capabilities/transcript.xml"
    captions = read_captions(path)
    paragraphs = transcript_paragraphs(captions.cues)
    # every word of every cue, in order, nothing lost or added
    cue_words = [word for cue in captions.cues for line in cue.lines for word in line.split()]
    assert [word for p in paragraphs for word in p.text.split()] == cue_words
    assert len(captions.cues) == 48
    assert 3 <= len(paragraphs) < 12, "prose in paragraphs, not one line per cue"
    first = paragraphs[0].text
    # sentences that the captions split over two cues are whole
    opening = "I\u2019m Roger Oldham and I\u2019m deputy director for digital services and the Ministry of Justice."
    assert first.startswith(opening)
    assert "a unit which is filled with specialist so that we have a range of specialist digital expertise." in first
    for paragraph in paragraphs:
        assert re.search(r"[.?!]$", paragraph.text), f"a paragraph ends a sentence: {paragraph.text[-40:]}"
        assert paragraph.speaker is None


def test_every_corpus_caption_file_reads_without_a_problem(corpus_dir: Path) -> None:
    files = sorted(corpus_dir.rglob("*.xml"))
    assert len(files) == 16
    cues = 0
    for path in files:
        captions = read_captions(path)
        assert captions.problems == (), path
        assert all(cue.end > cue.start for cue in captions.cues), path
        cues += len(captions.cues)
    assert cues == 534, "535 <p> cues (legacy-site.md §1.10), one of them empty (july-quarter-intro-captions.xml:47)"


def test_a_new_paragraph_of_the_same_speaker_is_not_headed_again() -> None:
    cues = [_cue("One.", "Ann"), _cue("Two.", "Ann", paragraph=True), _cue("Three.", "Bob"), _cue("Four.", "Ann")]
    assert transcript_paragraphs(cues) == [
        Paragraph("One.", "Ann"),
        Paragraph("Two."),
        Paragraph("Three.", "Bob"),
        Paragraph("Four.", "Ann"),
    ]
