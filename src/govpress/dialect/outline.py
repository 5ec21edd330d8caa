"""What a rendered fragment holds: its headings, every id, and any text left looking like a dialect tag.

The fragment is govpress's own serialisation (plus raw HTML pasted from partials), so a few patterns read
it much faster than a full HTML parser::

    id        := an ``id="…"`` or ``id='…'`` attribute inside a start tag
    heading   := "<h" N attributes ">" inner "</h" N ">"        (N = 1…6; headings do not nest)
    leftover  := "{" 1 to 120 characters but braces and newlines "}" in text, outside code, pre, script, style
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

ID_ATTRIBUTE = re.compile(r"""<[A-Za-z][^>]*?\sid\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
HEADING = re.compile(r"<h(?P<level>[1-6])(?P<attributes>(?:\s[^>]*)?)>(?P<inner>.*?)</h(?P=level)>", re.DOTALL)
CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
VERBATIM = re.compile(r"<(code|pre|script|style|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
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
        for m in ID_ATTRIBUTE.finditer(fragment)
    )
    headings = tuple(_heading(m) for m in HEADING.finditer(fragment))
    return Outline(headings, ids, leftovers(fragment))


def leftovers(fragment: str) -> tuple[str, ...]:
    """Text that looks like a dialect tag, outside code and comments (``{…}`` inside tags is ignored)."""
    if "{" not in fragment:
        return ()
    text = TAG.sub(" ", VERBATIM.sub(" ", COMMENT.sub(" ", fragment)))
    return tuple(m.group(0) for m in LEFTOVER_TAG.finditer(html.unescape(text)))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, with white space collapsed."""
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


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
