"""A service's free-text notes as lines: the line breaks that the data writes as HTML, never the HTML itself.

The published Transactions Explorer data marks line breaks in its notes with ``<br>`` (also ``<br/>``, ``<br />``
and ``</br>``, in any case). Those become line breaks on the page; the text between them is escaped like any other
text (templates print each line with autoescaping), so no markup from the data reaches the page. Empty lines (two
breaks in a row) are dropped.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)


def note_lines(text: str | None) -> list[str]:
    """The lines of a note: split at each HTML line break (and newline), trimmed, without empty lines."""
    if not text:
        return []
    lines = (line.strip() for part in _BREAK.split(text) for line in part.splitlines())
    return [line for line in lines if line]
