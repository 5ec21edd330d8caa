"""A line tokenizer for the department-response partials (``partials/departmentactions/_actionNN.md``).

Grammar (one token per line; a line is tried against the kinds in this order)::

    marker      = "{{DEPARTMENTRESPONSE}}"
    action      = "#Action " DIGITS ":" text          (exactly one "#")
    open        = "{" TAG " ." CLASS "}"              e.g. "{div .department}"
    close       = "{/" TAG "}"
    navigation  = "{navigation}"
    attributes  = "{:" ... "}"                         a kramdown block IAL, e.g. "{: .logo-single}"
    heading     = "##" text                            an organisation's name, "<br>" between its lines
    blank       = only white space
    text        = anything else

Each token keeps its 1-based line number, so every later error can name the file and line.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


class Kind(enum.Enum):
    MARKER = "marker"
    ACTION = "action"
    OPEN = "open"
    CLOSE = "close"
    NAVIGATION = "navigation"
    ATTRIBUTES = "attributes"
    HEADING = "heading"
    BLANK = "blank"
    TEXT = "text"


@dataclass(frozen=True)
class Token:
    """One line: its kind, its payload (see :func:`classify`), the raw line and its number."""

    kind: Kind
    value: str
    raw: str
    line: int


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of ``text``, one per line."""
    for number, raw in enumerate(text.splitlines(), start=1):
        kind, value = classify(raw)
        yield Token(kind, value, raw, number)


def classify(raw: str) -> tuple[Kind, str]:
    """The kind of one line and its payload: the class of an ``open``, the tag of a ``close``, the text of a heading…"""
    line = raw.strip()
    if not line:
        return Kind.BLANK, ""
    if line == "{{DEPARTMENTRESPONSE}}":
        return Kind.MARKER, ""
    if line == "{navigation}":
        return Kind.NAVIGATION, ""
    if line.startswith("{:") and line.endswith("}"):
        return Kind.ATTRIBUTES, line[2:-1].strip()
    if line.startswith("{/") and line.endswith("}") and _is_word(line[2:-1]):
        return Kind.CLOSE, line[2:-1]
    opened = _open_class(line)
    if opened is not None:
        return Kind.OPEN, opened
    if line.startswith("##"):
        return Kind.HEADING, line[2:].strip()
    if line.startswith("#Action "):
        return Kind.ACTION, line[1:]
    return Kind.TEXT, raw.rstrip()


def _open_class(line: str) -> str | None:
    """``department`` for ``{div .department}``; ``None`` when the line is not an element shortcut."""
    if not (line.startswith("{") and line.endswith("}")):
        return None
    tag, _, rest = line[1:-1].partition(" ")
    rest = rest.strip()
    if not _is_word(tag) or not rest.startswith("."):
        return None
    return rest[1:]


def _is_word(text: str) -> bool:
    return bool(text) and all(c.isalnum() or c == "_" for c in text)


def action_number(value: str) -> tuple[int, str] | None:
    """``(5, "All departments…")`` for ``Action 05: All departments…``; ``None`` when it is not that shape."""
    label, sep, title = value.partition(":")
    words = label.split()
    if not sep or len(words) != 2 or words[0] != "Action" or not words[1].isdigit():
        return None
    return int(words[1]), title.strip()
