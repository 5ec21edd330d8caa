"""A video's transcript as prose: the cues' text joined into sentences and paragraphs.

A paragraph starts where the TTML starts one (a new ``div``) or where the speaker changes (the paragraph is then
headed by the speaker's name; a new paragraph of the same speaker is not). Inside a paragraph the cues' lines are
joined by single spaces, so a sentence split across cues reads as one. A paragraph longer than
:data:`PARAGRAPH_WORDS` words is broken at the next sentence end (``.``, ``?`` or ``!``, maybe followed by a closing
quote or bracket, before a word that starts with a capital or a digit), so a long talk does not become one wall of
text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govpress.video.ttml import Cue

PARAGRAPH_WORDS = 120
SENTENCE_END = re.compile("[.?!][\"'\u201d\u2019)\\]]*$")
SENTENCE_START = re.compile("^[\"'\u201c\u2018(\\[]*[A-Z0-9\u00c0-\u00d6\u00d8-\u00de]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a transcript, and who speaks it (when the captions say)."""

    text: str
    speaker: str | None = None


def transcript_paragraphs(cues: Sequence[Cue]) -> list[Paragraph]:
    """The prose of ``cues``, in their order."""
    groups: list[tuple[str | None, list[str]]] = []
    for cue in cues:
        words = " ".join(cue.lines).split()
        if not groups or cue.paragraph or (cue.speaker is not None and cue.speaker != groups[-1][0]):
            groups.append((cue.speaker, []))
        groups[-1][1].extend(words)
    paragraphs: list[Paragraph] = []
    previous: str | None = None
    for speaker, words in groups:
        for index, part in enumerate(_broken(words)):
            paragraphs.append(Paragraph(" ".join(part), speaker if index == 0 and speaker != previous else None))
        previous = speaker or previous
    return paragraphs


def _broken(words: list[str]) -> list[list[str]]:
    """``words`` in parts of at least :data:`PARAGRAPH_WORDS` words, each ending at a sentence end where one comes."""
    parts: list[list[str]] = [[]]
    for index, word in enumerate(words):
        parts[-1].append(word)
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            following is not None
            and len(parts[-1]) >= PARAGRAPH_WORDS
            and SENTENCE_END.search(word)
            and SENTENCE_START.match(following)
        ):
            parts.append([])
    return parts


def transcript_html(paragraphs: Sequence[Paragraph]) -> str:
    """The paragraphs as HTML ``<p>`` elements, a speaker's name in bold before what they say."""
    return "\n".join(
        f'<p class="govuk-body"><strong>{html.escape(p.speaker)}:</strong> {html.escape(p.text)}</p>'
        if p.speaker
        else f'<p class="govuk-body">{html.escape(p.text)}</p>'
        for p in paragraphs
    )
