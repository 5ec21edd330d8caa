"""What a rendered fragment holds: its headings, every id, and any text left looking like a dialect tag.

The fragment is govpress's own serialisation (plus raw HTML pasted from partials), so a few patterns read
it much faster than a full HTML parser::

    tag       := "<" anything but ">" ">"                                  (from a "<" to the next ">")
    id        := an ``id="…"`` or ``id='…'`` attribute inside a tag
    heading   := "<h" N attributes ">" inner "</h" N ">"        (N = 1…6; headings do not nest: inner holds no "<hM")
    leftover  := "{" 1 to 120 characters but braces and newlines "}" in text, outside code, pre, script, style

Every scan is linear, whatever the fragment holds (an HTML page's body is pasted as written): tags, comments and
code are found by a loop that stops when no closer is left, not by an expression tried again at every ``<`` to
the end of the text (``<h1>`` or ``<a x`` repeated took minutes).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

ID_ATTRIBUTE = re.compile(r"""<[A-Za-z][^>]*?\sid\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
HEADING = re.compile(
    r"<h(?P<level>[1-6])(?P<attributes>(?:\s[^<>]*)?)>"
    r"(?P<inner>[^<]*(?:<(?!/h(?P=level)>|h[1-6][\s>])[^<]*)*)</h(?P=level)>"
)
CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
VERBATIM_START = re.compile(r"<(code|pre|script|style|textarea)\b", re.IGNORECASE)
LEFTOVER_TAG = re.compile(r"\{[^{}\n]{1,120}\}")


@dataclass(frozen=True)
class Heading:
    """A heading of an HTML fragment: level, id, plain text, inner HTML and classes."""

    level: int
    id: str | None
    text: str
    html: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    ids: frozenset[str]
    leftovers: tuple[str, ...]


def outline(fragment: str) -> Outline:
    """Headings, ids and leftover tags of an HTML fragment."""
    ids = frozenset(
        m.group("double") if m.group("double") is not None else m.group("single")
        for start, end in _tags(fragment)
        if (m := ID_ATTRIBUTE.match(fragment, start, end)) is not None
    )
    headings = tuple(_heading(m) for m in HEADING.finditer(fragment))
    return Outline(headings, ids, leftovers(fragment))


def leftovers(fragment: str) -> tuple[str, ...]:
    """Text that looks like a dialect tag, outside code and comments (``{…}`` inside tags is ignored)."""
    if "{" not in fragment:
        return ()
    text = _replace_tags(_without_verbatim(_without_comments(fragment)), " ")
    return tuple(m.group(0) for m in LEFTOVER_TAG.finditer(html.unescape(text)))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, with white space collapsed."""
    return " ".join(html.unescape(_replace_tags(fragment, "")).split())


def _tags(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each tag: from a ``<`` to the next ``>`` (none once no ``>`` is left)."""
    position = text.find("<")
    while position >= 0:
        end = text.find(">", position)
        if end < 0:
            return
        yield position, end + 1
        position = text.find("<", end + 1)


def _replace_tags(text: str, replacement: str) -> str:
    if "<" not in text:
        return text
    return _replaced(text, ((start, end) for start, end in _tags(text)), replacement)


def _without_comments(text: str) -> str:
    """``text`` with each ``<!--`` … ``-->`` made a space."""
    return _replaced(text, _spans(text, lambda position: text.find("<!--", position), "-->", 4), " ")


def _without_verbatim(text: str) -> str:
    """``text`` with each code, pre, script, style and textarea element (to its first end tag) made a space."""
    return _replaced(text, _verbatim_spans(text), " ")


def _spans(text: str, next_start: Callable[[int], int], closer: str, skip: int) -> Iterator[tuple[int, int]]:
    position = next_start(0)
    while position >= 0:
        end = text.find(closer, position + skip)
        if end < 0:
            return  # no closer left: no later opener has one either
        yield position, end + len(closer)
        position = next_start(end + len(closer))


def _verbatim_spans(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    closed: set[str] = set()  # elements with no end tag left after some point
    while (found := VERBATIM_START.search(text, position)) is not None:
        name = found.group(1).lower()
        end_tag = re.compile(f"</{name}>", re.IGNORECASE).search(text, found.end()) if name not in closed else None
        if end_tag is None:
            closed.add(name)
            position = found.end()
            continue
        yield found.start(), end_tag.end()
        position = end_tag.end()


def _replaced(text: str, spans: Iterator[tuple[int, int]], replacement: str) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _heading(found: re.Match[str]) -> Heading:
    attributes = found.group("attributes")
    identifier = ID_ATTRIBUTE.search(f"<h {attributes}")
    css = CLASS_ATTRIBUTE.search(attributes)
    classes = _quoted(css).split() if css else []
    heading_id = _quoted(identifier) if identifier else None
    inner = found.group("inner")
    return Heading(int(found.group("level")), heading_id, plain_text(inner), inner, tuple(classes))


def _quoted(found: re.Match[str]) -> str:
    double = found.group("double")
    return double if double is not None else found.group("single")
