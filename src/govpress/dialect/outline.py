"""What a rendered fragment holds: its headings, every id, and any text left looking like a dialect tag.

One pass of the standard library's HTML parser over the final HTML (after raw HTML and footnotes are in).
Text inside ``code``, ``pre``, ``script`` and ``style`` is not searched for leftover tags.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
VERBATIM_TAGS = frozenset(("code", "pre", "script", "style", "textarea"))
VOID_TAGS = frozenset(("br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"))
LEFTOVER_TAG = re.compile(r"\{[^{}\n]{1,120}\}")


@dataclass(frozen=True)
class OutlineHeading:
    """A heading as found in the HTML."""

    level: int
    id: str | None
    text: str
    html: str
    classes: tuple[str, ...]


@dataclass
class _OpenHeading:
    level: int
    attrs: dict[str, str | None]
    start: int
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    headings: tuple[OutlineHeading, ...]
    ids: frozenset[str]
    leftovers: tuple[str, ...]


class _OutlineParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.headings: list[OutlineHeading] = []
        self.ids: set[str] = set()
        self.leftovers: list[str] = []
        self.heading: _OpenHeading | None = None
        self.verbatim = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag in VERBATIM_TAGS:
            self.verbatim += 1
        if tag in HEADING_TAGS and self.heading is None:
            text = self.get_starttag_text() or ""
            self.heading = _OpenHeading(int(tag[1]), values, self._offset() + len(text))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VERBATIM_TAGS and tag not in VOID_TAGS:
            self.verbatim = max(0, self.verbatim - 1)
        heading = self.heading
        if heading is not None and tag == f"h{heading.level}":
            inner = self.source[heading.start : self._offset()]
            classes = tuple((heading.attrs.get("class") or "").split())
            text = " ".join("".join(heading.text).split())
            self.headings.append(OutlineHeading(heading.level, heading.attrs.get("id"), text, inner, classes))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.text.append(data)
        if not self.verbatim and "{" in data:
            self.leftovers.extend(m.group(0) for m in LEFTOVER_TAG.finditer(data))


def outline(fragment: str) -> Outline:
    """Headings, ids and leftover tags of an HTML fragment."""
    parser = _OutlineParser(fragment)
    parser.feed(fragment)
    parser.close()
    return Outline(tuple(parser.headings), frozenset(parser.ids), tuple(parser.leftovers))


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, with white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())
