"""Captions written as a WebVTT file (https://www.w3.org/TR/webvtt1/).

Output::

    WEBVTT

    00:00:00.000 --> 00:00:05.000
    <v Roger Oldham>I'm Roger Oldham and I'm deputy director

Cues in order of their start (a stable sort: cues starting together keep their order); each line of a cue on its own
line; ``&``, ``<`` and ``>`` escaped (so no cue text can hold ``-->`` or a tag); a cue with a speaker opens with a
voice span, its name escaped the same way. The file ends with one line feed.
"""

from __future__ import annotations

from govpress.video.timing import vtt_timestamp
from govpress.video.ttml import Captions, Cue


def webvtt(captions: Captions) -> str:
    """The WebVTT text of ``captions``."""
    blocks = ["WEBVTT"]
    blocks += [_cue(cue) for cue in sorted(captions.cues, key=lambda cue: cue.start)]
    return "\n\n".join(blocks) + "\n"


def _cue(cue: Cue) -> str:
    lines = [escape(line) for line in cue.lines]
    if cue.speaker:
        lines[0] = f"<v {escape(cue.speaker)}>{lines[0]}"
    return f"{vtt_timestamp(cue.start)} --> {vtt_timestamp(cue.end)}\n" + "\n".join(lines)


def escape(text: str) -> str:
    """Cue text as WebVTT writes it: ``&``, ``<``, ``>`` as character references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
